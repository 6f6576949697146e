package org.quire.web.security;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.platform.Roles;

import java.io.IOException;

/**
 * {@code GET /session}: who the caller is and, for a signed-in browser session, its CSRF token — what the pages
 * send back as {@code X-CSRF-Token} on every write. Only a same-origin script can read this answer (no CORS
 * headers), and the token is never put in a cookie. Not signed in → 401 JSON.
 */
@WebServlet("/session")
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (request.getUserPrincipal() == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"Not signed in.\"}");
            return;
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("login", request.getUserPrincipal().getName())
                .add("admin", request.isUserInRole(Roles.ADMIN));
        var session = BrowserSessions.of(request);
        if (session.isPresent() && BrowserSessions.BY_SESSION.equals(request.getAttribute(BrowserSessions.AUTHENTICATED_BY))) {
            answer.add("csrfToken", session.get().csrfToken());
        } else {
            answer.addNull("csrfToken");
        }
        response.getWriter().write(answer.build().toString());
    }
}
