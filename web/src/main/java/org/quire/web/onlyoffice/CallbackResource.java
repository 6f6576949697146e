package org.quire.web.onlyoffice;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.editor.ChangesArchive;
import org.quire.editor.DocumentKey;
import org.quire.editor.EditorHistory;
import org.quire.editor.EditorSessionService;
import org.quire.editor.SaveHistory;
import org.quire.editor.SaveRequest;
import org.quire.lock.LockedException;
import org.quire.platform.QuireException;
import org.quire.settings.OnlyofficeNotConfiguredException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quire.web.security.JwtCodec;

/**
 * The Document Server's callback ({@code editorConfig.callbackUrl}; ONLYOFFICE-API.md §2). The request is
 * authenticated by Quire's signed callback link (the principal is the link's user); with a secret, the
 * Document Server's token is required too (body {@code token}, else the header form {@code {payload:{…}}}),
 * and only the verified claims are used. The answer is {@code {"error":0}} once the work is durable; a failure
 * worth retrying is HTTP 500 with {@code {"error":1}} (the Document Server retries 5xx), a refusal a 4xx.
 */
@Path("callback/{id}")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
public class CallbackResource {

    private static final Logger LOG = Logger.getLogger(CallbackResource.class.getName());
    private static final int MAX_BODY = 1 << 20;
    private static final String TOO_LARGE = "callback body too large";
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    EditorSessionService sessions;

    @Inject
    DocumentServerClient documentServer;

    @Inject
    OnlyofficeSettings settings;

    @Inject
    AuditService audit;

    @Inject
    Clock clock;

    @Inject // CDI's request proxy: Jersey's @Context builds a proxy per request, behind a lock
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response callback(@PathParam("id") String documentId, InputStream body) {
        Object link = request.getAttribute(OnlyofficeTokenAuthenticator.LINK_ATTRIBUTE);
        if (security.getUserPrincipal() == null || !(link instanceof SignedLinks.Link callbackLink)) {
            return refuse(403, documentId, "no valid signed callback link");
        }
        Map<?, ?> values;
        try {
            Map<?, ?> raw = parse(body);
            Optional<byte[]> secret = settings.secret();
            values = secret.isPresent() ? verified(raw, secret.get()) : raw;
        } catch (OnlyofficeNotConfiguredException e) {
            return refuse(403, documentId, "JWT is on but quire.onlyoffice.secret is not set: no callback is accepted");
        } catch (IllegalArgumentException | JsonbException | IOException e) {
            if (TOO_LARGE.equals(e.getMessage())) {
                return refuse(413, documentId, "callback body over " + MAX_BODY + " bytes");
            }
            return refuse(400, documentId, "unreadable callback body");
        } catch (JwtException e) {
            return refuse(403, documentId, "Document Server token refused: " + e.getClass().getSimpleName());
        }
        Callback callback;
        try {
            callback = Callback.of(values);
        } catch (IllegalArgumentException e) {
            return refuse(400, documentId, "callback without status");
        }
        if (!DocumentKey.isValid(callback.key()) || !callback.key().equals(callbackLink.key())) {
            return refuse(403, documentId, "callback key does not match the session of the callback link");
        }
        DocumentKey key = new DocumentKey(callback.key());
        try {
            return switch (callback.status()) {
                case Callback.EDITING -> editing(documentId, key, callback);
                case Callback.READY_FOR_SAVING, Callback.SAVE_ERROR, Callback.FORCE_SAVED -> save(documentId, key, callback);
                case Callback.CLOSED -> {
                    sessions.sessionClosed(documentId, key);
                    yield ok();
                }
                case Callback.FORCE_SAVE_ERROR -> {
                    sessions.recordFailure(documentId, "status 7: force-save failed on the Document Server, key=" + key);
                    yield ok();
                }
                default -> ok();
            };
        } catch (DocumentServerClient.ForeignOriginException e) {
            return refuse(403, documentId, "saved-file url is not on the Document Server origin; not fetched");
        } catch (DocumentServerClient.TooLargeDownloadException e) {
            return refuse(413, documentId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(documentId, callback, e);
        } catch (Exception e) {
            QuireException q = quireCause(e);
            if (q instanceof LockedException locked) {
                // another route holds the document (WOPI lock, someone's check-out): a retry would not help
                return refuse(409, documentId, "status " + callback.status() + ": " + locked.getMessage());
            }
            if (q != null && (q.kind() == QuireException.Kind.FORBIDDEN || q.kind() == QuireException.Kind.NOT_FOUND)) {
                return refuse(403, documentId, "status " + callback.status() + ": " + q.getMessage());
            }
            if (q != null && q.kind() == QuireException.Kind.TOO_LARGE) {
                return refuse(413, documentId, q.getMessage());
            }
            return failed(documentId, callback, e);
        }
    }

    private Response editing(String documentId, DocumentKey key, Callback callback) {
        List<String> joined = callback.actions().stream().filter(a -> a.type() == Callback.Action.CONNECTED).map(Callback.Action::userId).toList();
        List<String> left = callback.actions().stream().filter(a -> a.type() == Callback.Action.DISCONNECTED).map(Callback.Action::userId).toList();
        sessions.sessionActive(documentId, key, callback.users(), joined, left, settings.sessionLockTtl());
        return ok();
    }

    private Response save(String documentId, DocumentKey key, Callback callback) throws Exception {
        boolean finalSave = callback.status() != Callback.FORCE_SAVED;
        String comment = switch (callback.status()) {
            case Callback.SAVE_ERROR -> "ONLYOFFICE save (the Document Server reported errors while assembling it)";
            case Callback.FORCE_SAVED -> "ONLYOFFICE force-save";
            default -> "ONLYOFFICE save";
        };
        SaveRequest save = new SaveRequest(key, callback.status(), finalSave, callback.author(security.getUserPrincipal().getName()),
                SaveRequest.fingerprint(callback.lastsave(), callback.url()), comment, history(callback));
        if (sessions.processed(documentId, save)) {
            return ok(); // a repeated delivery: stored before, nothing to fetch
        }
        if (callback.status() == Callback.READY_FOR_SAVING && callback.notModified()) {
            sessions.save(documentId, save, null);
            return ok();
        }
        if (callback.status() == Callback.SAVE_ERROR) {
            sessions.recordFailure(documentId, "status 3: the Document Server reported a saving error, key=" + key);
        }
        sessions.checkSave(documentId, key); // refused saves are never fetched
        String changesUrl = callback.changesUrl();
        ChangesArchive changes = changesUrl == null || changesUrl.isBlank() ? null : () -> documentServer.open(changesUrl);
        try (InputStream content = documentServer.open(callback.url())) {
            sessions.save(documentId, save, content, changes);
        }
        return ok();
    }

    /** The callback's {@code history} object as received, for the editor's version history; null when absent or oversized. */
    private static SaveHistory history(Callback callback) {
        if (callback.history() == null) {
            return null;
        }
        String json = JSONB.toJson(callback.history());
        Object serverVersion = callback.history().get("serverVersion");
        return json.length() > EditorHistory.MAX_JSON ? null : new SaveHistory(json, serverVersion == null ? null : String.valueOf(serverVersion));
    }

    private Map<?, ?> verified(Map<?, ?> body, byte[] secret) {
        Object bodyToken = body.get("token");
        if (bodyToken instanceof String token && !token.isBlank()) {
            return JwtCodec.verify(token, secret, clock);
        }
        Claims header = JwtCodec.verify(JwtCodec.bearer(request.getHeader(settings.jwtHeader())), secret, clock);
        if (header.get("payload") instanceof Map<?, ?> payload) {
            return payload;
        }
        throw new JwtException("header token without payload");
    }

    private static Map<?, ?> parse(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException(TOO_LARGE);
        }
        Object parsed = JSONB.fromJson(new String(bytes, StandardCharsets.UTF_8), Object.class);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return map;
    }

    private Response refuse(int status, String documentId, String reason) {
        LOG.warning(() -> "ONLYOFFICE callback for " + documentId + " refused: " + reason);
        audit.recordRejection(AuditAction.CALLBACK_REJECTED, documentId, "onlyoffice", reason);
        return answer(status, 1);
    }

    private Response failed(String documentId, Callback callback, Exception e) {
        LOG.log(Level.WARNING, "ONLYOFFICE callback status " + callback.status() + " for " + documentId + " failed; the Document Server will retry", e);
        try {
            sessions.recordFailure(documentId, "status " + callback.status() + " could not be processed: " + e.getClass().getSimpleName());
        } catch (RuntimeException ignored) {
            // the failure is logged above; the audit row is best effort here
        }
        return answer(500, 1);
    }

    private static QuireException quireCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof QuireException q) {
                return q;
            }
        }
        return null;
    }

    private static Response ok() {
        return answer(200, 0);
    }

    private static Response answer(int status, int error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity("{\"error\":" + error + "}").build();
    }
}
