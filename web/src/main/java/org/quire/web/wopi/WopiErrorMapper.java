package org.quire.web.wopi;

import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.quire.audit.AuditAction;
import org.quire.lock.LockKind;
import org.quire.lock.LockView;
import org.quire.lock.LockedException;
import org.quire.platform.QuireException;
import org.quire.web.security.Refusals;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where WOPI requests' failures become answers, by WOPI's rules rather than the REST API's:
 * bodies are empty, a 409 always carries {@code X-WOPI-Lock} (the current WOPI lock, or "" when the document is
 * unlocked or locked by another route — a check-out or an editor session has no lock id a WOPI client could use),
 * a permission the token or the ACL does not give is a 401, an unknown or unreadable file a 404.
 */
@Provider
public class WopiErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(WopiErrorMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /**
     * The answer, and the audit row of a refusal decided here: a token refused by scope ({@code TOKEN_REJECTED})
     * or invalid input ({@code INPUT_REJECTED}). Access, lock and size refusals are audited where they are decided.
     */
    @Override
    public Response toResponse(Throwable t) {
        Response answer = answer(t);
        AuditAction action = t instanceof WopiException.InvalidToken ? AuditAction.TOKEN_REJECTED
                : answer.getStatus() == 400 ? AuditAction.INPUT_REJECTED : null;
        if (action != null) {
            Refusals.current().record(action, request, documentId(), t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return answer;
    }

    private String documentId() {
        try {
            return uri.getPathParameters().getFirst("id");
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }

    private Response answer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WopiException w) {
                Response.ResponseBuilder b = Response.status(w.status());
                w.headers().forEach(b::header);
                return b.build();
            }
            if (c instanceof LockedException locked) {
                LockView lock = locked.lock();
                String current = lock.kind() == LockKind.WOPI ? lock.lockId() : "";
                return Response.status(409).header(Wopi.LOCK, current)
                        .header(Wopi.LOCK_FAILURE_REASON, "locked (" + lock.kind() + ")").build();
            }
            if (c instanceof QuireException q) {
                return switch (q.kind()) {
                    case INVALID -> Response.status(400).build();
                    case NOT_FOUND -> Response.status(404).build();
                    case FORBIDDEN -> Response.status(401).build();
                    case CONFLICT -> Response.status(409).header(Wopi.LOCK, "").header(Wopi.LOCK_FAILURE_REASON, q.code()).build();
                    case TOO_LARGE -> Response.status(413).build();
                    case TOO_MANY_REQUESTS -> Response.status(429).header("Retry-After", q.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(1L)).build();
                    case UNAVAILABLE, STORAGE_FULL -> Response.status(500).header(Wopi.SERVER_ERROR, q.code()).build();
                };
            }
            if (c instanceof EJBAccessException) {
                return Response.status(401).build();
            }
            if (c instanceof WebApplicationException w) {
                return Response.status(w.getResponse().getStatus()).build();
            }
        }
        LOG.log(Level.SEVERE, "WOPI request failed", t);
        return Response.status(500).header(Wopi.SERVER_ERROR, "internal error").build();
    }
}
