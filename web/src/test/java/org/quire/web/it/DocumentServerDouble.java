package org.quire.web.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ONLYOFFICE Document Server as Quire sees it, in-process on a fixed loopback port (the one the container's
 * {@code quire.onlyoffice.url} names): it serves "assembled" files under {@code /cache/files/…} and counts every
 * fetch; it downloads {@code document.url} and posts callbacks signed like the real server (outbox secret,
 * HS256, {@code iat} + 5-minute {@code exp}; body {@code token} with the fields and header
 * {@code Authorization: Bearer} with {@code {payload:{…}}}). It also answers Quire's requests as the real
 * server does: {@code /healthcheck}, the command service {@code /command} and the converter {@code /converter}
 * verify the token (body {@code token}, else the header's {@code payload}; a refused one is command error 6 or
 * conversion error -8), the converter works asynchronously (first {@code endConvert: false} with a percentage,
 * then the result under {@code /cache/files/…}), and forgotten files are listed, handed out and deleted.
 * For the browser it serves a recording {@code web-apps/apps/api/documents/api.js} ({@link #API_JS}) and the
 * editor frame.
 * <p>
 * Its HS256 is written out here (RFC 7515/7518 with {@link Mac}), not jjwt's: like the real server's Node
 * {@code jsonwebtoken}, it signs and verifies with a secret of any length, so a short secret shows whether Quire
 * does too. Both secrets can be changed ({@link #outboxSecret}, {@link #inboxSecret}); null is a Document Server
 * with JWT disabled (unsigned requests sent, any request accepted).
 */
final class DocumentServerDouble implements AutoCloseable {

    static final int PORT = 18991;
    static final String URL = "http://127.0.0.1:" + PORT + "/";
    static final String SECRET = "it-onlyoffice-secret-0123456789abcdef"; // -Dquire.onlyoffice.secret in arquillian.xml
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** Where the token travels: both (the real server), only one of them, or none. */
    enum TokenForm { BOTH, BODY, HEADER, NONE }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final AtomicInteger apiJsFetches = new AtomicInteger();

    // --- command and conversion services (DocumentServicesIT) ---------------------------------------------------
    /** The secret the double's services verify Quire's tokens with (the real server's inbox secret). */
    private volatile String inboxSecret = SECRET;
    /** The secret the double signs its callbacks and downloads with (the real server's outbox secret); null: unsigned. */
    private volatile String outboxSecret = SECRET;
    /** Where Quire listens in the test (its links name quire.public-url): the converter downloads sources there. */
    private volatile URI quire;
    /** A conversion error code to answer with instead of converting (0: convert). */
    private volatile int conversionError;
    private volatile java.time.Duration conversionDelay = java.time.Duration.ZERO;
    private final List<Map<String, Object>> commands = new CopyOnWriteArrayList<>();
    private volatile com.sun.net.httpserver.Headers lastCommandHeaders = new com.sun.net.httpserver.Headers();
    private final Map<String, List<String>> sessions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> forgotten = new ConcurrentHashMap<>();
    private final Map<String, Conversion> conversions = new ConcurrentHashMap<>();
    private final AtomicInteger conversionRequests = new AtomicInteger();

    /** A conversion in progress: answered with endConvert=false first, then with the result. */
    private static final class Conversion {
        final AtomicInteger polls = new AtomicInteger();
        volatile String fileUrl;
        volatile int error;
    }

    private DocumentServerDouble(HttpServer server) {
        this.server = server;
    }

    static DocumentServerDouble start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (BindException e) {
            throw new IllegalStateException("The Document Server double needs loopback port " + PORT
                    + " (named by quire.onlyoffice.url in arquillian.xml), but it is busy. Free it and run again.", e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        DocumentServerDouble ds = new DocumentServerDouble(server);
        server.createContext("/cache/files/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            ds.fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            AtomicInteger failing = ds.failuresLeft.get(path);
            if (failing != null && failing.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1); // a transient failure of the file cache
                exchange.close();
                return;
            }
            byte[] body = ds.files.get(path);
            String location = ds.redirects.get(path);
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(302, -1);
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.createContext("/healthcheck", exchange -> ds.answer(exchange, 200, "true", "text/plain"));
        server.createContext("/command", ds::command);
        server.createContext("/converter", ds::converter);
        server.createContext("/web-apps/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            String type;
            if (path.equals("/web-apps/apps/api/documents/api.js")) {
                ds.apiJsFetches.incrementAndGet();
                body = API_JS;
                type = "application/javascript; charset=utf-8";
            } else if (path.startsWith("/web-apps/apps/") && path.endsWith("/main/index.html")) {
                body = EDITOR_FRAME;
                type = "text/html; charset=utf-8";
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            exchange.close();
        });
        server.start();
        return ds;
    }

    /** How often a browser loaded {@code /web-apps/apps/api/documents/api.js}. */
    int apiJsFetches() {
        return apiJsFetches.get();
    }

    /**
     * The double's {@code api.js}: a {@code DocsAPI.DocEditor} that records, in {@code window.__quire}, where it was
     * loaded from, the placeholder, the config it was given (as JSON, so without the event functions), the names
     * of the declared events, every call of an editor method ({@code refreshHistory}, {@code setUsers},
     * {@code setSharingSettings} …) with its argument, and Content-Security-Policy violations; it replaces the
     * placeholder with a frame from the double, as the real one does, and {@code __quire.fire(name, data)} fires
     * an editor event at the page.
     */
    static final String API_JS = """
            (function () {
              var q = window.__quire = window.__quire || { calls: [], violations: [] };
              document.addEventListener('securitypolicyviolation', function (e) {
                q.violations.push(e.violatedDirective + ' ' + e.blockedURI);
              });
              var script = document.currentScript;
              q.apiScript = script ? script.src : null;
              var base = q.apiScript ? q.apiScript.replace(/api\\/documents\\/api\\.js.*$/, '') : '';
              function copy(v) { return v === undefined ? null : JSON.parse(JSON.stringify(v)); }
              var methods = ['refreshHistory', 'setHistoryData', 'setUsers', 'setSharingSettings', 'refreshFile', 'setActionLink',
                'setFavorite', 'showMessage', 'denyEditingRights', 'destroyEditor', 'requestClose', 'downloadAs', 'insertImage',
                'setReferenceData', 'setRequestedDocument', 'setRequestedSpreadsheet', 'setReferenceSource', 'startFilling'];
              window.DocsAPI = {
                DocEditor: function (placeholderId, config) {
                  var self = this;
                  q.placeholder = placeholderId;
                  q.config = copy(config);
                  q.events = Object.keys(config.events || {}).sort();
                  methods.forEach(function (name) {
                    self[name] = function (arg) { q.calls.push({ method: name, arg: copy(arg) }); };
                  });
                  q.fire = function (name, data) {
                    var handler = config.events && config.events[name];
                    if (typeof handler !== 'function') { throw new Error('the page declares no ' + name); }
                    handler({ target: self, data: data });
                  };
                  var target = document.getElementById(placeholderId);
                  var frame = document.createElement('iframe');
                  frame.src = base + 'documenteditor/main/index.html?_dc=0';
                  frame.name = 'frameEditor';
                  frame.title = 'ONLYOFFICE editor (test double)';
                  frame.width = config.width || '100%';
                  frame.height = config.height || '100%';
                  frame.addEventListener('load', function () { q.frameLoaded = true; });
                  target.parentNode.replaceChild(frame, target);
                  q.ready = true;
                }
              };
              window.DocsAPI.DocEditor.version = function () { return '9.0.0'; };
            })();
            """;

    /** What the editor frame shows in the double. */
    static final String EDITOR_FRAME = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Editor</title></head>
            <body style="margin:0;font-family:sans-serif;background:#f7f7f7"><p style="padding:1rem">ONLYOFFICE editor (test double)</p></body></html>
            """;

    /** Makes {@code bytes} available as an assembled file; returns its URL on the double's origin. */
    String serve(byte[] bytes) {
        String path = "/cache/files/" + UUID.randomUUID() + "/output.docx";
        files.put(path, bytes);
        return "http://127.0.0.1:" + PORT + path + "?md5=x&expires=" + (Instant.now().getEpochSecond() + 600);
    }

    /**
     * A URL on the double's origin that answers 302 to {@code location} (another origin, for the SSRF rows of the
     * attack catalogue: Quire must not follow it).
     */
    String redirectTo(String location) {
        String path = "/cache/files/" + UUID.randomUUID() + "/redirect.docx";
        redirects.put(path, location);
        return "http://127.0.0.1:" + PORT + path;
    }

    /** As {@link #serve}, but the first {@code failures} fetches answer 503 (a transient failure). */
    String serveFailingFirst(byte[] bytes, int failures) {
        String url = serve(bytes);
        failuresLeft.put(URI.create(url).getPath(), new AtomicInteger(failures));
        return url;
    }

    /**
     * A callback delivered as the real server delivers it: an answer other than HTTP 200 with {@code "error":0} is
     * delivered again (the real server retries with growing pauses; here 200 ms), at most {@code attempts} times.
     * Answers the last response and how many deliveries it took.
     */
    record Delivery(Api.Response last, int deliveries) {
    }

    Delivery callbackWithRetries(URI quire, String callbackUrl, Map<String, Object> fields, int attempts) {
        Api.Response r = null;
        for (int i = 1; i <= attempts; i++) {
            r = callback(quire, callbackUrl, fields, TokenForm.BOTH);
            if (r.status() == 200 && r.body().contains("\"error\":0")) {
                return new Delivery(r, i);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Delivery(r, attempts);
    }

    /** How often the file behind {@code url} was fetched. */
    int fetches(String url) {
        AtomicInteger n = fetches.get(URI.create(url).getPath());
        return n == null ? 0 : n.get();
    }

    // --- as the real server calls Quire ---------------------------------------------------------------------

    /** A callback to {@code callbackUrl} (rewritten onto Quire's test address), signed in {@code form}. */
    Api.Response callback(URI quire, String callbackUrl, Map<String, Object> fields, TokenForm form) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        String secret = outboxSecret;
        boolean signed = secret != null;
        String bodyToken = signed && (form == TokenForm.BOTH || form == TokenForm.BODY) ? sign(fields, secret, TOKEN_LIFETIME) : null;
        String headerToken = signed && (form == TokenForm.BOTH || form == TokenForm.HEADER) ? sign(Map.of("payload", fields), secret, TOKEN_LIFETIME) : null;
        return post(quire, callbackUrl, body, bodyToken, headerToken);
    }

    /** A callback with the given tokens as they are (forged, expired, unsigned…). */
    Api.Response post(URI quire, String callbackUrl, Map<String, Object> body, String bodyToken, String headerToken) {
        Map<String, Object> sent = new LinkedHashMap<>(body);
        if (bodyToken != null) {
            sent.put("token", bodyToken);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(onto(quire, callbackUrl)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(sent)));
        if (headerToken != null) {
            request.header("Authorization", "Bearer " + headerToken);
        }
        return send(request);
    }

    /** Downloads {@code document.url} as the real server does: with {@code Authorization: Bearer JWT({payload:{url}})}. */
    Api.Response download(URI quire, String documentUrl, boolean signed) {
        URI requested = onto(quire, documentUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(requested).timeout(Duration.ofMinutes(1)).GET();
        if (signed && outboxSecret != null) {
            request.header("Authorization", "Bearer " + sign(Map.of("payload", Map.of("url", requested.toString())), outboxSecret, TOKEN_LIFETIME));
        }
        return send(request);
    }

    /** An HS256 token of {@code claims} with {@code iat} now and {@code exp} after {@code lifetime}, signed with {@code secret} of any length. */
    static String sign(Map<String, ?> claims, String secret, Duration lifetime) {
        Instant now = Instant.now();
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.put("iat", now.getEpochSecond());
        all.put("exp", now.plus(lifetime).getEpochSecond());
        String signingInput = b64url(json(Map.of("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8)) + "."
                + b64url(json(all).getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + b64url(hs256(secret, signingInput));
    }

    /**
     * The claims of an HS256 token signed with {@code secret} (any length) whose {@code exp}, if any, has not passed;
     * null otherwise (another algorithm, a bad signature, malformed).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> verify(String token, String secret) {
        String[] parts = token == null ? new String[0] : token.strip().split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            Map<String, Object> header = JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!"HS256".equals(header.get("alg")) || !MessageDigest.isEqual(signature, hs256(secret, parts[0] + "." + parts[1]))) {
                return null;
            }
            Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            if (claims.get("exp") instanceof Number exp && exp.longValue() < Instant.now().getEpochSecond()) {
                return null;
            }
            return claims;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hs256(String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Quire's links start with its public URL (quire.public-url, without the test deployment's context path);
     * the test container listens at {@code quire}: the link's path and query, under that address.
     */
    static URI onto(URI quire, String link) {
        URI l = URI.create(link);
        return quire.resolve(l.getRawPath().substring(1) + (l.getRawQuery() == null ? "" : "?" + l.getRawQuery()));
    }

    private static Api.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the command service, the converter and forgotten files, as the real server answers -------------------

    /**
     * The secret the double verifies Quire's tokens with; another value than Quire's makes every request fail with
     * the token error; null: JWT disabled, any request accepted (its token, if any, not checked).
     */
    void inboxSecret(String secret) {
        this.inboxSecret = secret;
    }

    /** The secret the double signs callbacks and downloads with; null: JWT disabled, they go unsigned. */
    void outboxSecret(String secret) {
        this.outboxSecret = secret;
    }

    void quireAt(URI quire) {
        this.quire = quire;
    }

    /** Each answer of the converter comes after {@code delay} (zero: at once), to hold Quire's conversion slots. */
    void slowConversions(java.time.Duration delay) {
        this.conversionDelay = delay;
    }

    /** The next conversions fail with {@code error} (0: they convert again). */
    void failConversions(int error) {
        this.conversionError = error;
    }

    /** Editors have the document of {@code key} open: info, forcesave, drop and meta know the key. */
    void openSession(String key, String... users) {
        sessions.put(key, List.of(users));
    }

    /** A save the double could not deliver: kept as a forgotten file under {@code key}. */
    void forget(String key, byte[] bytes) {
        forgotten.put(key, bytes);
    }

    boolean isForgotten(String key) {
        return forgotten.containsKey(key);
    }

    /** The verified parameters of every command received (refused ones are not recorded). */
    List<Map<String, Object>> commands(String c) {
        return commands.stream().filter(m -> c.equals(m.get("c"))).toList();
    }

    /** How many requests the converter received (including polls and refused ones). */
    int conversionRequests() {
        return conversionRequests.get();
    }

    /** What the double's converter makes of {@code source} for {@code outputType}. */
    static byte[] converted(byte[] source, String outputType) {
        byte[] head = ("converted to " + outputType + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + source.length);
        System.arraycopy(source, 0, all, head.length, source.length);
        return all;
    }

    /** The value of header {@code name} on the last request to the command service (null when absent). */
    String lastCommandHeader(String name) {
        return lastCommandHeaders.getFirst(name);
    }

    private void command(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        lastCommandHeaders = exchange.getRequestHeaders();
        Map<String, Object> request = verified(exchange);
        if (request == null) {
            answer(exchange, 200, json(Map.of("error", 6)), "application/json");
            return;
        }
        commands.add(request);
        String c = String.valueOf(request.get("c"));
        Object key = request.get("key");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("error", 0);
        if (key != null) {
            reply.put("key", key);
        }
        switch (c) {
            case "version" -> reply.put("version", "9.0.3.12");
            case "info", "forcesave", "drop", "meta" -> {
                if (key == null || !sessions.containsKey(key.toString())) {
                    reply.put("error", 1);
                } else if (c.equals("info")) {
                    reply.put("users", sessions.get(key.toString()));
                }
            }
            case "getForgottenList" -> reply.put("keys", List.copyOf(forgotten.keySet()));
            case "getForgotten" -> {
                byte[] file = key == null ? null : forgotten.get(key.toString());
                if (file == null) {
                    reply.put("error", 1);
                } else {
                    reply.put("url", serve(file));
                }
            }
            case "deleteForgotten" -> {
                if (key == null || forgotten.remove(key.toString()) == null) {
                    reply.put("error", 1);
                }
            }
            default -> reply.put("error", 5);
        }
        answer(exchange, 200, json(reply), "application/json");
    }

    private void converter(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        conversionRequests.incrementAndGet();
        try {
            Thread.sleep(conversionDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Object> request = verified(exchange);
        if (request == null) {
            answer(exchange, 200, json(Map.of("error", -8)), "application/json");
            return;
        }
        String outputType = String.valueOf(request.get("outputtype"));
        Conversion conversion = conversions.computeIfAbsent(String.valueOf(request.get("key")), k -> {
            Conversion fresh = new Conversion();
            if (conversionError != 0) {
                fresh.error = conversionError;
                return fresh;
            }
            Api.Response source = download(quire, String.valueOf(request.get("url")), true);
            if (source.status() != 200) {
                fresh.error = -4;
                return fresh;
            }
            fresh.fileUrl = serve(converted(source.body().getBytes(StandardCharsets.UTF_8), outputType));
            return fresh;
        });
        Map<String, Object> reply = new LinkedHashMap<>();
        if (conversion.error != 0) {
            conversions.remove(String.valueOf(request.get("key")));
            reply.put("error", conversion.error);
        } else if (conversion.polls.incrementAndGet() == 1) {
            reply.put("endConvert", false);
            reply.put("percent", 50);
        } else {
            reply.put("endConvert", true);
            reply.put("percent", 100);
            reply.put("fileType", outputType);
            reply.put("fileUrl", conversion.fileUrl);
        }
        answer(exchange, 200, json(reply), "application/json");
    }

    /** The request's parameters from its token, as the real server reads them: body token first, else the header's payload; null when refused. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> verified(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        try (var in = exchange.getRequestBody()) {
            body = JSON.readValue(in.readAllBytes(), Map.class);
        } catch (IOException e) {
            return null;
        }
        String bodyToken = body.get("token") instanceof String t ? t : null;
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String headerToken = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        String secret = inboxSecret;
        if (secret == null) {
            body.remove("token");
            return body;
        }
        if (bodyToken != null) {
            Map<String, Object> claims = verify(bodyToken, secret);
            return claims == null ? null : new LinkedHashMap<>(claims);
        }
        Map<String, Object> claims = headerToken == null ? null : verify(headerToken, secret);
        if (claims != null && claims.get("payload") instanceof Map<?, ?> payload) {
            return new LinkedHashMap<>((Map<String, Object>) payload);
        }
        return null;
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- version history (OnlyofficeHistoryIT) ----------------------------------------------------------------

    /** Makes {@code bytes} available as a session's changes archive ({@code changesurl}); returns its URL. */
    String serveChanges(byte[] bytes) {
        String path = "/cache/files/" + UUID.randomUUID() + "/changes.zip";
        files.put(path, bytes);
        return "http://127.0.0.1:" + PORT + path + "?md5=y&expires=" + (Instant.now().getEpochSecond() + 600);
    }

    /** Downloads a history link ({@code url}, {@code previous.url}, {@code changesUrl}) as the real server does; the exact bytes. */
    HttpResponse<byte[]> downloadBytes(URI quire, String link, boolean signed) {
        URI requested = onto(quire, link);
        HttpRequest.Builder request = HttpRequest.newBuilder(requested).timeout(Duration.ofMinutes(1)).GET();
        if (signed && outboxSecret != null) {
            request.header("Authorization", "Bearer " + sign(Map.of("payload", Map.of("url", requested.toString())), outboxSecret, TOKEN_LIFETIME));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
