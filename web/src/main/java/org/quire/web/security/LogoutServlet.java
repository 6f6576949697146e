package org.quire.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;

import java.io.IOException;

/**
 * {@code POST /logout} (with the session's CSRF token, {@link CsrfFilter}): ends the browser session. Answers 204
 * to a script, 303 to the login page otherwise.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    @Inject
    AuditService audit;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (BrowserSessions.of(request).isPresent() && request.getUserPrincipal() != null) {
            audit.record(AuditAction.LOGOUT, null, "login:" + request.getUserPrincipal().getName(), "login form session");
        }
        BrowserSessions.end(request);
        request.logout();
        response.setHeader("Cache-Control", "no-store");
        if (request.getHeader("X-Requested-With") != null) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + FormLogin.PATH);
    }
}
