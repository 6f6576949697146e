package org.quire.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;

/**
 * The audit rows of requests refused at the edge of the web layer — invalid input answered 400 by an exception
 * mapper, a token refused by scope, credentials that do not authenticate — so that every refusal leaves a trace
 * (issue 7's attack catalogue checks it). The row names the method and path, never the query string (it may
 * carry an access token); the caller's own words are clipped and stripped of control characters.
 */
@ApplicationScoped
public class Refusals {

    @Inject
    AuditService audit;

    /** For JAX-RS exception mappers, which are not CDI beans. */
    public static Refusals current() {
        return CDI.current().select(Refusals.class).get();
    }

    public void record(AuditAction action, HttpServletRequest request, String documentId, String why) {
        audit.recordRejection(action, documentId, target(request), clip(why, 500));
    }

    static String target(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        return request.getMethod() + " " + clip(request.getRequestURI(), 200);
    }

    /** Printable, at most {@code length} characters. */
    public static String clip(String s, int length) {
        if (s == null) {
            return null;
        }
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > length ? printable.substring(0, length) + "…" : printable;
    }
}
