package org.quire.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** A small client of Quire's REST API for the integration tests: real HTTP, Basic auth, JSON-P. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String authorization;
    private final WopiClientDouble signer;

    public Api(URI base, String login, String password) {
        this(base, login == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)), (WopiClientDouble) null);
    }

    private Api(URI base, String authorization, WopiClientDouble signer) {
        this.base = base;
        this.authorization = authorization;
        this.signer = signer;
    }

    public Api as(String login, String password) {
        return new Api(base, login, password).signingWith(signer);
    }

    /** This client, signing every request to /wopi/* with the WOPI client double's proof keys, as a real WOPI client does. */
    public Api signingWith(WopiClientDouble wopiClient) {
        return new Api(base, authorization, wopiClient);
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(signed(request.build()), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response patchJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response upload(String folderId, String name, byte[] bytes) {
        return send(request("api/v1/folders/" + folderId + "/documents?name=" + enc(name))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public Response putContent(String documentId, byte[] bytes) {
        return send(request("api/v1/documents/" + documentId + "/content")
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    // --- fixtures: each asserts its answer, so a test fails at the step of its set-up that went wrong -------------

    /** The id of what a 201 answer created. */
    public static String created(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("id");
    }

    /** Creates a user (this client must be an administrator's), in {@code groups}; returns a client signed in as them. */
    public Api newUser(String login, String password, String... groups) {
        String groupJson = groups.length == 0 ? "" : ",\"groups\":[\"" + String.join("\",\"", groups) + "\"]";
        Response r = postJson("api/v1/users", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"" + groupJson + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return as(login, password);
    }

    /** Replaces the ACL of {@code item} ({@code folders/<id>} or {@code documents/<id>}) with {@code json}. */
    public void putAcl(String item, String json) {
        Response r = putJson("api/v1/" + item + "/acl", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Downloads and hashes the body as it streams; returns status, byte count, SHA-256 and the response headers. */
    public Download download(String path, String... headers) {
        try {
            HttpRequest.Builder b = request(path).GET();
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            HttpResponse<InputStream> r = HTTP.send(signed(b.build()), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count;
            try (InputStream in = new DigestInputStream(r.body(), sha)) {
                count = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new Download(r.statusCode(), count, HexFormat.of().formatHex(sha.digest()), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest signed(HttpRequest request) {
        if (signer == null || !request.uri().getPath().startsWith("/wopi/") || request.headers().firstValue("X-WOPI-Proof").isPresent()) {
            return request;
        }
        String token = null;
        String query = request.uri().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("access_token=")) {
                token = java.net.URLDecoder.decode(pair.substring("access_token=".length()), StandardCharsets.UTF_8);
            }
        }
        String authorization = request.headers().firstValue("Authorization").orElse("");
        if (token == null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        }
        if (token == null) {
            return request;
        }
        return signer.sign(HttpRequest.newBuilder(request, (name, value) -> true), request.uri().toString(), token).build();
    }

    public static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public record Download(int status, long size, String sha256, HttpResponse<InputStream> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
