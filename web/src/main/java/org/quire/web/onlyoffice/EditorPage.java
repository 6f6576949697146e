package org.quire.web.onlyoffice;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.document.DocumentService;
import org.quire.platform.QuireException;
import org.quire.tree.Document;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/**
 * The ONLYOFFICE editor page {@code /edit/{id}?mode=edit|view} (signed-in users). Quire's module
 * {@code /static/editor.js} loads the Document Server's {@code api.js} from {@code quire.onlyoffice.url} (and says
 * what to check when it does not load in time) and asks
 * {@code GET /api/v1/documents/{id}/onlyoffice} for the signed config and wires the editor's events to the REST
 * API. The page holds no secret and no rule: the config, its token and every decision come from the API.
 * <p>
 * The Content-Security-Policy admits scripts and frames only from Quire itself and the Document Server's
 * origin; the page is never cached and sends no referrer. When ONLYOFFICE is not configured (no Document Server URL,
 * or no secret while JWT is on) the page is a 503 that says what to set, never an error page.
 */
@WebServlet("/edit/*")
public class EditorPage extends HttpServlet {

    static final String API_JS = "web-apps/apps/api/documents/api.js";

    @Inject
    DocumentService documents;

    @Inject
    OnlyofficeSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        String mode = request.getParameter("mode") == null ? "edit" : request.getParameter("mode");
        Optional<String> problem = settings.state().problem();
        URI documentServer = problem.isPresent() ? null : settings.documentServerUrl();
        String context = request.getContextPath();
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(documentServer == null ? null : origin(documentServer)));
        response.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("text/html;charset=UTF-8");
        if (!mode.equals("edit") && !mode.equals("view")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            page(response.getWriter(), context, "Quire", context + "/", "<p class=\"message\" role=\"alert\">mode is edit or view.</p>");
            return;
        }
        Document document;
        try {
            document = documents.get(id);
        } catch (QuireException e) {
            response.setStatus(e.kind() == QuireException.Kind.NOT_FOUND ? 404 : e.kind() == QuireException.Kind.FORBIDDEN ? 403 : 400);
            page(response.getWriter(), context, "Quire", context + "/", "<p class=\"message\" role=\"alert\">" + html(e.getMessage()) + "</p>");
            return;
        }
        String back = context + "/?folder=" + document.getFolder().getPublicId();
        if (problem.isPresent()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            page(response.getWriter(), context, document.getName(), back, """
                    <p id="message" class="message" role="alert">%s</p>
                    <p>Ask your administrator to complete the ONLYOFFICE settings; the document itself is unaffected.</p>
                    """.formatted(html(problem.get())));
            return;
        }
        page(response.getWriter(), context, document.getName(), back, """
                <p id="notice" class="notice" role="status" aria-live="polite" hidden></p>
                <p id="message" class="message" role="alert" hidden></p>
                <main id="editor-area" aria-label="Document editor: %1$s">
                  <div id="editor"><p class="loading">Opening the editor…</p></div>
                </main>
                <div id="quire-editor" hidden data-document="%2$s" data-mode="%3$s" data-api="%4$s" data-back="%5$s"
                     data-document-server="%6$s" data-api-js="%7$s"></div>
                <script type="module" src="%8$s"></script>
                """.formatted(html(document.getName()), html(document.getPublicId()), mode, html(context + "/api/v1"), html(back),
                html(documentServer.toString()), html(documentServer.resolve(API_JS).toString()), html(context + "/static/editor.js")));
    }

    /** Scripts and frames from Quire and the Document Server only (none when null); nothing may frame the page but Quire. */
    static String contentSecurityPolicy(String documentServerOrigin) {
        String ds = documentServerOrigin == null ? "" : " " + documentServerOrigin;
        return "default-src 'self'; script-src 'self'" + ds + "; frame-src 'self'" + ds + "; connect-src 'self'" + ds + "; img-src 'self' data:" + ds
                // api.js sets inline styles on the frame it creates in some versions
                + "; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
    }

    /** {@code scheme://host[:port]} of a URL (no path, no user info). */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()); // an IPv6 host keeps its brackets
    }

    private static void page(PrintWriter out, String context, String title, String back, String body) {
        out.write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s – Quire</title>
                <link rel="stylesheet" href="%s">
                </head>
                <body>
                <header class="bar">
                  <a id="back" href="%s">Back to the folder</a>
                  <h1 id="title">%s</h1>
                </header>
                """.formatted(html(title), html(context + "/static/editor.css"), html(back), html(title)) + body + "</body></html>\n");
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
