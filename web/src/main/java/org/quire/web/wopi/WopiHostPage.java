package org.quire.web.wopi;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.platform.QuireException;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The WOPI host page {@code /wopi-host/{id}?action=edit|view}: it posts {@code access_token} and
 * {@code access_token_ttl} as a form into the editor's iframe (ONLYOFFICE ignores a token in the action URL),
 * with a link back to Quire. The page is never cached; the token never appears in a URL.
 */
@WebServlet("/wopi-host/*")
public class WopiHostPage extends HttpServlet {

    @Inject
    WopiLinks links;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        String action = request.getParameter("action") == null ? "edit" : request.getParameter("action");
        response.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "-1");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("text/html;charset=UTF-8");
        WopiLinks.WopiLink link;
        try {
            link = links.link(id, action);
        } catch (QuireException e) {
            response.setStatus(e.kind() == QuireException.Kind.NOT_FOUND ? 404 : e.kind() == QuireException.Kind.FORBIDDEN ? 403 : 400);
            page(response.getWriter(), "<p role=\"alert\">" + html(e.getMessage()) + "</p>");
            return;
        }
        if (link.actionUrl() == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            page(response.getWriter(), "<p role=\"alert\">The WOPI client offers no '" + html(action)
                    + "' action for this file type, or its discovery (quire.wopi.discovery-url) cannot be read.</p>");
            return;
        }
        page(response.getWriter(), """
                <form id="office_form" name="office_form" target="office_frame" action="%s" method="post">
                  <input name="access_token" value="%s" type="hidden">
                  <input name="access_token_ttl" value="%d" type="hidden">
                </form>
                <span id="frameholder"></span>
                <script>
                  var frame = document.createElement('iframe');
                  frame.name = 'office_frame';
                  frame.id = 'office_frame';
                  frame.title = 'Office editor';
                  frame.setAttribute('allowfullscreen', 'true');
                  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-top-navigation allow-popups-to-escape-sandbox allow-downloads allow-modals');
                  document.getElementById('frameholder').appendChild(frame);
                  document.getElementById('office_form').submit();
                </script>
                """.formatted(html(link.actionUrl()), html(link.accessToken()), link.accessTokenTtl()));
    }

    private static void page(PrintWriter out, String body) {
        out.write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, minimum-scale=1, user-scalable=no">
                <title>Quire</title>
                <style>body{margin:0;padding:0;overflow:hidden;font-family:sans-serif}#office_frame{width:100%;height:calc(100vh - 2rem);border:none;display:block}
                nav{height:2rem;line-height:2rem;padding:0 .5rem;background:#f3f3f3}</style></head>
                <body><nav><a href="/">Close and return to Quire</a></nav>
                """ + body + "</body></html>");
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
