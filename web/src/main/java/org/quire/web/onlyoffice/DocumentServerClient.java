package org.quire.web.onlyoffice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The one HTTP client Quire uses towards the Document Server. It fetches only URLs on the configured Document
 * Server origins ({@link DocumentServerOrigin}), follows no redirect, times out, and refuses a declared length
 * over the cap (the blob store enforces the cap again while streaming).
 */
@ApplicationScoped
public class DocumentServerClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    OnlyofficeSettings settings;

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
}
