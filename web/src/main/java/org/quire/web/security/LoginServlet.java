package org.quire.web.security;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;

import java.io.IOException;

/**
 * {@code GET /login}: the login page (static {@code login.html}). {@code POST /login} arrives here only after
 * {@link FormLogin} accepted the credentials and started the session: it audits the sign-in and sends the
 * browser on (303 for the form, JSON for the page's script).
 */
@WebServlet(FormLogin.PATH)
public class LoginServlet extends HttpServlet {

    @Inject
    AuditService audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        PageFilter.securityHeaders(response);
        request.getRequestDispatcher("/login.html").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var caller = BrowserSessions.of(request);
        if (request.getUserPrincipal() == null || caller.isEmpty()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        audit.record(AuditAction.LOGIN_SUCCEEDED, null, "login:" + caller.get().login(), "login form");
        Object nextAttribute = request.getAttribute(FormLogin.NEXT);
        String next = BrowserSessions.safeNext(nextAttribute instanceof String s ? s : null);
        response.setHeader("Cache-Control", "no-store");
        String contentType = request.getContentType();
        if (contentType != null && contentType.startsWith("application/json")) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("login", caller.get().login())
                    .add("next", request.getContextPath() + next).add("csrfToken", caller.get().csrfToken()).build().toString());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + next);
    }
}
