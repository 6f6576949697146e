package org.quire.web.onlyoffice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.quire.web.security.JwtCodec;

/**
 * The one HTTP client Quire uses towards the Document Server (ONLYOFFICE-API.md §4): the health check, the
 * command service, the conversion service, and downloads of the files it hands out. Requests go to the
 * internal address, carry the JWT as the real server expects it (body {@code token} = the parameters, and the
 * configured header with {@code Bearer} + {@code {payload: parameters}}, both HS256 under the shared secret,
 * 5-minute {@code exp}), follow no redirect and time out. Files are fetched only from the configured Document
 * Server origins ({@link DocumentServerOrigin}), with a declared length over the cap refused (the blob store
 * enforces the cap again while streaming). The services' error codes become {@link DocumentServerException}s.
 */
@ApplicationScoped
public class DocumentServerClient {

    static final String HEALTHCHECK = "healthcheck";
    static final String COMMAND = "command";
    static final String CONVERTER = "converter";
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_ANSWER = 1 << 20;
    private static final Duration FIRST_POLL_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_POLL_PAUSE = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    OnlyofficeSettings settings;

    @Inject
    Clock clock;

    /** The URL is not on a Document Server origin: it was not fetched. */
    public static class ForeignOriginException extends Exception {
        ForeignOriginException(String message) {
            super(message);
        }
    }

    /** The declared size is over the cap: nothing was read. */
    public static class TooLargeDownloadException extends IOException {
        TooLargeDownloadException(String message) {
            super(message);
        }
    }

    /** Opens the saved file at {@code url}; the caller closes the stream. */
    public InputStream open(String url) throws ForeignOriginException, IOException, InterruptedException {
        if (!DocumentServerOrigin.allows(settings.documentServerOrigins(), url)) {
            throw new ForeignOriginException("not a Document Server origin");
        }
        URI target = DocumentServerOrigin.toInternal(URI.create(url.strip()), settings.documentServerUrl(), settings.documentServerInternalUrl());
        HttpRequest request = HttpRequest.newBuilder(target).timeout(settings.downloadTimeout()).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("the Document Server answered " + response.statusCode() + " for the saved file");
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() > settings.downloadMaxBytes()) {
            response.body().close();
            throw new TooLargeDownloadException("the saved file has " + length.getAsLong() + " bytes, over the limit of " + settings.downloadMaxBytes());
        }
        return response.body();
    }

    // --- health check, command and conversion services ------------------------------------------------------

    /** {@code GET /healthcheck} answers {@code true}: false for any other answer, an error or a timeout. */
    public boolean healthcheck() {
        HttpRequest request = HttpRequest.newBuilder(service(HEALTHCHECK)).timeout(settings.requestTimeout()).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && "true".equalsIgnoreCase(response.body().strip());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends command {@code c} (version, info, forcesave, drop, meta, getForgottenList, getForgotten,
     * deleteForgotten …) with {@code fields} to the command service; the answer when its {@code error} is 0.
     */
    public JsonObject command(String c, Map<String, ?> fields) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("c", c);
        parameters.putAll(fields);
        JsonObject answer = post(COMMAND, parameters, "the '" + c + "' command");
        int error = errorOf(answer).orElseThrow(() -> DocumentServerErrors.unavailable("the '" + c + "' command", "its answer has no error code"));
        if (error != 0) {
            throw DocumentServerErrors.command(c, error);
        }
        return answer;
    }

    /** What to convert: the source as the Document Server downloads it, its type, the target type and the conversion key. */
    public record Conversion(String url, String fileType, String outputType, String key, String title) {
    }

    /**
     * Converts asynchronously: posts the request, then repeats it (same parameters, as the service wants)
     * until {@code endConvert}, for at most {@code quire.onlyoffice.conversion-timeout}. Returns the URL of the
     * result on the Document Server (fetch it with {@link #open}).
     */
    public String convert(Conversion conversion) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("async", true);
        parameters.put("filetype", conversion.fileType());
        parameters.put("outputtype", conversion.outputType());
        parameters.put("key", conversion.key());
        parameters.put("title", conversion.title());
        parameters.put("url", conversion.url());
        String type = conversion.fileType().toLowerCase(Locale.ROOT);
        if (type.equals("csv") || type.equals("txt")) {
            parameters.put("codePage", 65001); // UTF-8
        }
        if (type.equals("csv")) {
            parameters.put("delimiter", 4); // comma
        }
        try {
            return awaitConversion(() -> post(CONVERTER, parameters, "a conversion"), clock, Thread::sleep, settings.conversionTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DocumentServerErrors.unavailable("a conversion", "interrupted while waiting for it");
        }
    }

    /** One request to the conversion service. */
    interface ConversionStep {
        JsonObject post();
    }

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * The polling of an asynchronous conversion: an answer with a non-zero {@code error} ends it with that error,
     * {@code endConvert: true} with its {@code fileUrl}; otherwise ask again after a pause (250 ms, doubling up to
     * 2 s) until {@code limit} has passed since the first request.
     */
    static String awaitConversion(ConversionStep step, Clock clock, Sleeper sleeper, Duration limit) throws InterruptedException {
        Instant deadline = clock.instant().plus(limit);
        Duration pause = FIRST_POLL_PAUSE;
        while (true) {
            JsonObject answer = step.post();
            int error = errorOf(answer).orElse(0);
            if (error != 0) {
                throw DocumentServerErrors.conversion(error);
            }
            if (answer.getBoolean("endConvert", false)) {
                String fileUrl = answer.getString("fileUrl", null);
                if (fileUrl == null || fileUrl.isBlank()) {
                    throw DocumentServerErrors.unavailable("a conversion", "it ended without a fileUrl");
                }
                return fileUrl;
            }
            if (clock.instant().plus(pause).isAfter(deadline)) {
                throw DocumentServerErrors.conversionTimedOut(limit);
            }
            sleeper.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL_PAUSE) > 0 ? LONGEST_POLL_PAUSE : pause.multipliedBy(2);
        }
    }

    /** The {@code error} member as a number (the services send numbers; a string is read too). */
    static java.util.Optional<Integer> errorOf(JsonObject answer) {
        JsonValue error = answer.get("error");
        if (error instanceof JsonNumber n) {
            return java.util.Optional.of(n.intValue());
        }
        if (error instanceof jakarta.json.JsonString s) {
            try {
                return java.util.Optional.of(Integer.parseInt(s.getString().strip()));
            } catch (NumberFormatException e) {
                return java.util.Optional.of(-1);
            }
        }
        return java.util.Optional.empty();
    }

    private JsonObject post(String path, Map<String, Object> parameters, String what) {
        Map<String, Object> body = new LinkedHashMap<>(parameters);
        HttpRequest.Builder request = HttpRequest.newBuilder(service(path)).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json");
        settings.secret().ifPresent(secret -> {
            body.put("token", JwtCodec.sign(parameters, secret, TOKEN_LIFETIME, clock));
            request.header(settings.jwtHeader(), "Bearer " + JwtCodec.sign(Map.of("payload", parameters), secret, TOKEN_LIFETIME, clock));
        });
        request.POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder(body).build().toString(), StandardCharsets.UTF_8));
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw DocumentServerErrors.unavailable(what, "no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DocumentServerErrors.unavailable(what, "interrupted");
        }
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER + 1);
            if (response.statusCode() != 200) {
                throw DocumentServerErrors.unavailable(what, "it answered HTTP " + response.statusCode());
            }
            if (bytes.length > MAX_ANSWER) {
                throw DocumentServerErrors.unavailable(what, "its answer is too large");
            }
            try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        } catch (IOException | JsonException | IllegalStateException e) {
            throw DocumentServerErrors.unavailable(what, "its answer is not JSON");
        }
    }

    /** A service on the internal address ({@code quire.onlyoffice.internal-url}, else the public one). */
    private URI service(String path) {
        return settings.documentServerInternalUrl().resolve(path);
    }
}
