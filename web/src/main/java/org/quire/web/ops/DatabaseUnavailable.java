package org.quire.web.ops;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.database.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to every request while the database cannot be opened: 503 with what is wrong and what to do — JSON
 * ({@code {"error":"database_unavailable", "message", "action"}}) for the API and the protocol routes, a page for
 * people. The health checks carry the same words.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /**
     * What answers without the database: the health checks (Payara serves {@code /health} inside the application at
     * the root context, behind its authentication mechanism; they say what is wrong themselves) and the style sheet
     * of the problem page.
     */
    public static boolean answersWithout(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.startsWith("/static/");
    }

    public static void answer(HttpServletRequest request, HttpServletResponse response, Database.Status status) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "60");
        response.setHeader("Cache-Control", "no-store");
        try {
            if (path.startsWith("/api/") || path.startsWith("/wopi/") || path.startsWith("/onlyoffice/")) {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(Json.createObjectBuilder()
                        .add("error", "database_unavailable")
                        .add("message", status.problem())
                        .add("action", status.action())
                        .build().toString());
            } else {
                response.setContentType("text/html;charset=UTF-8");
                response.getOutputStream().write(("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                        + "<title>Quire cannot open its database</title><link rel=\"stylesheet\" href=\"/static/quire.css\">"
                        + "<main class=\"problem\"><h1>Quire cannot open its database</h1><p>" + escape(status.problem())
                        + "</p><h2>What to do</h2><p>" + escape(status.action()) + "</p><p>Quire answers every request "
                        + "this way until the database opens again; an administrator finds the same in the server log and at "
                        + "<code>/health/ready</code>.</p></main></html>").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
