package org.quire.web.wopi.validator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tiny in-memory WOPI host for the interpreter's unit tests: files in one folder, locks, versions, user info,
 * FileUrl, proof-key checks and, when {@code relative}, PutRelativeFile/RenameFile/DeleteFile (UTF-7 names).
 * It is correct by default; each {@link Bug} makes it wrong in one known way.
 */
final class FakeWopiHost implements AutoCloseable {

    enum Bug {
        /** 409 on a lock mismatch without X-WOPI-Lock. */
        NO_LOCK_HEADER_ON_409,
        /** CheckFileInfo Size as a JSON string. */
        SIZE_AS_STRING,
        /** proofs not checked at all. */
        IGNORE_PROOFS,
        /** PutFile without a lock on a non-empty unlocked file is accepted. */
        PUT_UNLOCKED_NON_EMPTY_ACCEPTED,
        /** GetFile returns stale content. */
        GET_FILE_STALE,
        /** target names taken verbatim instead of UTF-7 decoded. */
        UTF7_NOT_DECODED,
        /** RenameFile replaces the extension too. */
        RENAME_DROPS_EXTENSION,
        /** PutRelativeFile returns a Url without access_token. */
        RELATIVE_URL_WITHOUT_TOKEN
    }

    static {
        // without TCP_NODELAY every small response waits for a delayed ACK (~40 ms), and the suite sends thousands
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String TOKEN = "tok.en-1_x";
    static final String FILE_ID = "f1";

    private static final class File {
        String name;
        byte[] content = "initial".getBytes(StandardCharsets.UTF_8);
        String lock;
        long version = 1;
        boolean deleted;

        File(String name) {
            this.name = name;
        }
    }

    private final HttpServer server;
    private final Set<Bug> bugs;
    private final KeyPair current;
    private final KeyPair old;
    private final boolean relative;
    private final Map<String, File> files = new LinkedHashMap<>();
    private String userInfo;
    private int nextId = 2;

    /** {@code current}/{@code old} null: no proof check. {@code relative}: PutRelativeFile, RenameFile, DeleteFile supported. */
    FakeWopiHost(String baseFileName, KeyPair current, KeyPair old, boolean relative, Bug... bugs) throws IOException {
        this.current = current;
        this.old = old;
        this.relative = relative;
        this.bugs = bugs.length == 0 ? EnumSet.noneOf(Bug.class) : EnumSet.of(bugs[0], bugs);
        files.put(FILE_ID, new File(baseFileName));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/wopi/files/", this::wopi);
        server.createContext("/download/", this::download);
        server.start();
    }

    FakeWopiHost(String baseFileName, KeyPair current, KeyPair old, Bug... bugs) throws IOException {
        this(baseFileName, current, old, false, bugs);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Interpreter.Target target() {
        return new Interpreter.Target(base() + "/wopi/files/" + FILE_ID, TOKEN, 0);
    }

    /** Names of the files that exist (not deleted). */
    synchronized Set<String> names() {
        Set<String> names = new java.util.TreeSet<>();
        files.values().stream().filter(f -> !f.deleted).forEach(f -> names.add(f.name));
        return names;
    }

    private synchronized void download(HttpExchange x) throws IOException {
        File f = files.get(x.getRequestURI().getPath().substring("/download/".length()));
        send(x, f == null || f.deleted ? 404 : 200, f == null ? new byte[0] : f.content, null);
    }

    private synchronized void wopi(HttpExchange x) throws IOException {
        String rest = x.getRequestURI().getRawPath().substring("/wopi/files/".length());
        boolean contents = rest.endsWith("/contents");
        File file = files.get(contents ? rest.substring(0, rest.length() - "/contents".length()) : rest);
        if (file == null || file.deleted) {
            send(x, 404, new byte[0], null);
            return;
        }
        if (!TOKEN.equals(queryParameter(x.getRequestURI().getRawQuery(), "access_token"))) {
            send(x, 401, new byte[0], null);
            return;
        }
        if (current != null && !bugs.contains(Bug.IGNORE_PROOFS) && !proofValid(x)) {
            send(x, 500, new byte[0], null);
            return;
        }
        String override = x.getRequestHeaders().getFirst("X-WOPI-Override");
        String requestLock = x.getRequestHeaders().getFirst("X-WOPI-Lock");
        byte[] body = x.getRequestBody().readAllBytes();
        if ("GET".equals(x.getRequestMethod())) {
            if (contents) {
                x.getResponseHeaders().set("X-WOPI-ItemVersion", "v" + file.version);
                send(x, 200, bugs.contains(Bug.GET_FILE_STALE) ? "stale".getBytes(StandardCharsets.UTF_8) : file.content, null);
            } else {
                send(x, 200, checkFileInfo(file).getBytes(StandardCharsets.UTF_8), "application/json");
            }
            return;
        }
        if (contents) {
            if (!"PUT".equals(override)) {
                send(x, 501, new byte[0], null);
            } else if ((file.lock == null && file.content.length > 0 && !bugs.contains(Bug.PUT_UNLOCKED_NON_EMPTY_ACCEPTED))
                    || (file.lock != null && !file.lock.equals(requestLock))) {
                conflict(x, file);
            } else {
                file.content = body;
                file.version++;
                x.getResponseHeaders().set("X-WOPI-ItemVersion", "v" + file.version);
                send(x, 200, new byte[0], null);
            }
            return;
        }
        switch (override == null ? "" : override) {
            case "LOCK" -> {
                String oldLock = x.getRequestHeaders().getFirst("X-WOPI-OldLock");
                if (requestLock == null || requestLock.isEmpty()) {
                    send(x, 400, new byte[0], null);
                } else if (oldLock != null) {
                    if (file.lock != null && file.lock.equals(oldLock)) {
                        file.lock = requestLock;
                        ok(x, file);
                    } else {
                        conflict(x, file);
                    }
                } else if (file.lock == null || file.lock.equals(requestLock)) {
                    file.lock = requestLock;
                    ok(x, file);
                } else {
                    conflict(x, file);
                }
            }
            case "UNLOCK" -> {
                if (file.lock != null && file.lock.equals(requestLock)) {
                    file.lock = null;
                    ok(x, file);
                } else {
                    conflict(x, file);
                }
            }
            case "REFRESH_LOCK" -> {
                if (file.lock != null && file.lock.equals(requestLock)) {
                    ok(x, file);
                } else {
                    conflict(x, file);
                }
            }
            case "GET_LOCK" -> {
                x.getResponseHeaders().set("X-WOPI-Lock", file.lock == null ? "" : file.lock);
                send(x, 200, new byte[0], null);
            }
            case "PUT_USER_INFO" -> {
                userInfo = new String(body, StandardCharsets.UTF_8);
                send(x, 200, new byte[0], null);
            }
            case "PUT_RELATIVE" -> {
                if (relative) {
                    putRelative(x, file, body);
                } else {
                    send(x, 501, new byte[0], null);
                }
            }
            case "RENAME_FILE" -> {
                if (!relative) {
                    send(x, 501, new byte[0], null);
                } else if (file.lock != null && !file.lock.equals(requestLock)) {
                    conflict(x, file);
                } else {
                    String requested = name(x.getRequestHeaders().getFirst("X-WOPI-RequestedName"));
                    int dot = file.name.lastIndexOf('.');
                    file.name = bugs.contains(Bug.RENAME_DROPS_EXTENSION) || dot < 0 ? requested : requested + file.name.substring(dot);
                    send(x, 200, ("{\"Name\":\"" + requested + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
                }
            }
            case "DELETE" -> {
                if (!relative) {
                    send(x, 501, new byte[0], null);
                } else if (file.lock != null) {
                    conflict(x, file);
                } else {
                    file.deleted = true;
                    send(x, 200, new byte[0], null);
                }
            }
            default -> send(x, 501, new byte[0], null);
        }
    }

    private void putRelative(HttpExchange x, File source, byte[] body) throws IOException {
        String suggested = x.getRequestHeaders().getFirst("X-WOPI-SuggestedTarget");
        String exact = x.getRequestHeaders().getFirst("X-WOPI-RelativeTarget");
        if ((suggested == null) == (exact == null)) {
            send(x, 400, new byte[0], null);
            return;
        }
        String target;
        if (suggested != null) {
            String s = name(suggested);
            int dot = source.name.lastIndexOf('.');
            target = s.startsWith(".") ? (dot < 0 ? source.name : source.name.substring(0, dot)) + s : s;
            String stem = target.contains(".") ? target.substring(0, target.lastIndexOf('.')) : target;
            String ext = target.contains(".") ? target.substring(target.lastIndexOf('.')) : "";
            for (int n = 1; existing(target) != null; n++) {
                target = stem + " (" + n + ")" + ext;
            }
        } else {
            target = name(exact);
            if (target.length() > 512) {
                send(x, 400, new byte[0], null);
                return;
            }
            File existing = existing(target);
            if (existing != null) {
                if (!"True".equalsIgnoreCase(x.getRequestHeaders().getFirst("X-WOPI-OverwriteRelativeTarget"))) {
                    send(x, 409, new byte[0], null);
                } else if (existing.lock != null) {
                    conflict(x, existing);
                } else {
                    existing.content = body;
                    existing.version++;
                    created(x, idOf(existing), existing.name);
                }
                return;
            }
        }
        File created = new File(target);
        created.content = body;
        String id = "f" + nextId++;
        files.put(id, created);
        created(x, id, target);
    }

    private void created(HttpExchange x, String id, String name) throws IOException {
        String url = base() + "/wopi/files/" + id + (bugs.contains(Bug.RELATIVE_URL_WITHOUT_TOKEN) ? "" : "?access_token=" + TOKEN);
        String json = "{\"Name\":\"" + name + "\",\"Url\":\"" + url + "\",\"HostViewUrl\":\"" + base() + "/view/" + id
                + "\",\"HostEditUrl\":\"" + base() + "/edit/" + id + "\"}";
        send(x, 200, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private File existing(String name) {
        return files.values().stream().filter(f -> !f.deleted && f.name.equals(name)).findFirst().orElse(null);
    }

    private String idOf(File file) {
        return files.entrySet().stream().filter(e -> e.getValue() == file).findFirst().orElseThrow().getKey();
    }

    private String name(String header) {
        return bugs.contains(Bug.UTF7_NOT_DECODED) ? header : Utf7.decode(header);
    }

    private void ok(HttpExchange x, File file) throws IOException {
        x.getResponseHeaders().set("X-WOPI-ItemVersion", "v" + file.version);
        send(x, 200, new byte[0], null);
    }

    private void conflict(HttpExchange x, File file) throws IOException {
        if (!bugs.contains(Bug.NO_LOCK_HEADER_ON_409)) {
            x.getResponseHeaders().set("X-WOPI-Lock", file.lock == null ? "" : file.lock);
        }
        send(x, 409, new byte[0], null);
    }

    private String checkFileInfo(File file) {
        String size = bugs.contains(Bug.SIZE_AS_STRING) ? "\"" + file.content.length + "\"" : String.valueOf(file.content.length);
        String id = idOf(file);
        int dot = file.name.lastIndexOf('.');
        return "{\"BaseFileName\":\"" + file.name + "\",\"OwnerId\":\"owner\",\"Size\":" + size + ",\"UserId\":\"u1\","
                + "\"Version\":\"v" + file.version + "\",\"SupportsLocks\":true,\"SupportsGetLock\":true,\"SupportsExtendedLockLength\":true,"
                + "\"SupportsUpdate\":true,\"SupportsUserInfo\":true,\"UserCanWrite\":true,\"UserCanNotWriteRelative\":" + !relative + ","
                + (relative ? "\"SupportsRename\":true,\"UserCanRename\":true,\"SupportsDeleteFile\":true," : "")
                + (dot < 0 ? "" : "\"FileExtension\":\"" + file.name.substring(dot) + "\",")
                + "\"FileUrl\":\"" + base() + "/download/" + id + "\","
                + "\"CloseUrl\":\"" + base() + "/close\",\"LastModifiedTime\":\"2026-11-27T00:00:00.0000000Z\""
                + (userInfo == null ? "" : ",\"UserInfo\":\"" + userInfo + "\"") + "}";
    }

    private boolean proofValid(HttpExchange x) {
        String ts = x.getRequestHeaders().getFirst("X-WOPI-TimeStamp");
        if (ts == null) {
            return false;
        }
        long ticks = Long.parseLong(ts);
        long ms = (ticks - Interpreter.EPOCH_TICKS) / 10_000;
        if (Math.abs(System.currentTimeMillis() - ms) > 20 * 60 * 1000) {
            return false;
        }
        String url = base() + x.getRequestURI().toString();
        String token = queryParameter(x.getRequestURI().getRawQuery(), "access_token");
        String proof = x.getRequestHeaders().getFirst("X-WOPI-Proof");
        String proofOld = x.getRequestHeaders().getFirst("X-WOPI-ProofOld");
        return RsaProofSigner.verify(current.getPublic(), token, url, ticks, proof)
                || RsaProofSigner.verify(current.getPublic(), token, url, ticks, proofOld)
                || RsaProofSigner.verify(old.getPublic(), token, url, ticks, proof);
    }

    private static void send(HttpExchange x, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            x.getResponseHeaders().set("Content-Type", contentType);
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
