package org.quire.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;

import java.io.IOException;

/**
 * A write (POST, PUT, PATCH, DELETE …) authenticated by the browser session must carry the session's CSRF token in
 * {@code X-CSRF-Token}: another site can make a browser send the cookie, but cannot read the token
 * ({@code GET /session}). Missing or wrong, or an {@code Origin} header naming another site ({@link SameOrigin},
 * defence in depth) → 403 {@code csrf_token_invalid} and a {@code CSRF_REJECTED} audit row;
 * the request goes no further. Requests authenticated by HTTP Basic or a protocol token carry no ambient
 * credential and are not checked; neither is {@code POST /login}, which starts the session (its cross-origin guard
 * is in {@link FormLogin}).
 */
public class CsrfFilter extends HttpFilter {

    @Inject
    AuditService audit;

    @Inject
    SameOrigin sameOrigin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the sign-in itself starts the session (and its token); FormLogin guards it by the Origin check instead
        if (BrowserSessions.isUnsafe(request.getMethod()) && !path.equals(FormLogin.PATH) && sessionAuthenticated(request)) {
            var session = BrowserSessions.of(request);
            String presented = request.getHeader(BrowserSessions.CSRF_HEADER);
            String refusal = session.isEmpty() || !BrowserSessions.tokenMatches(session.get().csrfToken(), presented)
                    ? (presented == null ? "no " + BrowserSessions.CSRF_HEADER + " header" : "wrong " + BrowserSessions.CSRF_HEADER)
                    : !sameOrigin.test(request) ? "sent from another origin: " + Refusals.clip(request.getHeader("Origin"), 128) : null;
            if (refusal != null) {
                audit.recordRejection(AuditAction.CSRF_REJECTED, null, request.getMethod() + " " + request.getRequestURI(), refusal);
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"error\":\"csrf_token_invalid\",\"message\":\"This request needs the page's CSRF token: reload the page and try again.\"}");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean sessionAuthenticated(HttpServletRequest request) {
        Object by = request.getAttribute(BrowserSessions.AUTHENTICATED_BY);
        if (by != null) {
            return BrowserSessions.BY_SESSION.equals(by);
        }
        // the mechanism's attribute did not reach us: a caller without Basic credentials and with a session is the session's
        return request.getUserPrincipal() != null && request.getHeader("Authorization") == null && BrowserSessions.of(request).isPresent();
    }
}
