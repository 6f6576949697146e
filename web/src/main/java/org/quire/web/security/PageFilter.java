package org.quire.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.platform.Roles;

import java.io.IOException;
import java.util.Set;

/**
 * The people's pages: the document browser {@code /}, the admin console {@code /admin} and the API browser
 * {@code /api-docs} (static HTML, CSS and ES modules, no secrets). Without a signed-in caller the browser is sent to {@code /login?next=…}; the console
 * shows a "not allowed" page (403) to everyone but {@code dms-admin}. Every page gets a strict
 * Content-Security-Policy (scripts from Quire only) and is never cached.
 */
public class PageFilter extends HttpFilter {

    static final Set<String> BROWSER = Set.of("/", "/index.html");
    static final Set<String> CONSOLE = Set.of("/admin", "/admin/", "/admin/index.html");
    static final Set<String> API_DOCS = Set.of("/api-docs", "/api-docs.html");

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean browser = BROWSER.contains(path) || API_DOCS.contains(path);
        boolean console = CONSOLE.contains(path);
        if (path.equals("/login.html")) {
            securityHeaders(response);
        }
        if (!browser && !console) {
            chain.doFilter(request, response);
            return;
        }
        securityHeaders(response);
        if (request.getUserPrincipal() == null) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", QuireAuthenticationMechanism.loginPage(request, path));
            return;
        }
        if (console) {
            if (!request.isUserInRole(Roles.ADMIN)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                request.getRequestDispatcher("/admin/not-allowed.html").forward(request, response);
                return;
            }
            request.getRequestDispatcher("/admin/index.html").forward(request, response);
            return;
        }
        if (path.equals("/")) {
            request.getRequestDispatcher("/index.html").forward(request, response);
            return;
        }
        if (path.equals("/api-docs")) {
            request.getRequestDispatcher("/api-docs.html").forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
