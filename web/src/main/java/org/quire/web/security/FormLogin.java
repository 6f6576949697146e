package org.quire.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /login}: the login page's form ({@code j_username}, {@code j_password}; answered with a 303 to
 * {@code next} or back to the form) or its script (JSON {@code {"username", "password", "next"}}; answered 200
 * {@code {login, next, csrfToken}} or 401 JSON). The credentials are checked by the same identity stores as
 * HTTP Basic. A success starts a fresh session ({@link BrowserSessions}) and lets the request through to
 * {@link LoginServlet}, which audits it; a failure is answered here and audited ({@code LOGIN_FAILED}, the login
 * tried, never the password). A sign-in posted from another origin is refused (login CSRF).
 */
@ApplicationScoped
public class FormLogin {

    static final String PATH = "/login";
    /** Request attribute: where the signed-in browser goes next (a path of this application). */
    static final String NEXT = "org.quire.login.next";

    private static final int MAX_JSON_BYTES = 16 * 1024;

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AuditService audit;

    @Inject
    SameOrigin sameOrigin;

    private record Attempt(String login, String password, String next, boolean json) {
    }

    AuthenticationStatus signIn(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) throws IOException {
        boolean json = request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/json");
        if (!sameOrigin.test(request)) {
            audit.recordRejection(AuditAction.LOGIN_FAILED, null, "login", "sign-in posted from another origin: " + clip(request.getHeader("Origin")));
            return answer(response, 403, "cross_origin_login", "Sign in from Quire's own login page.");
        }
        Attempt attempt = json ? fromJson(request) : new Attempt(request.getParameter("j_username"), request.getParameter("j_password"),
                request.getParameter("next"), false);
        if (attempt == null) {
            return answer(response, 400, "invalid_login_request", "Send {\"username\", \"password\"} as JSON, or the login form.");
        }
        String next = BrowserSessions.safeNext(attempt.next());
        if (attempt.login() == null || attempt.login().isBlank() || attempt.password() == null || attempt.password().isEmpty()) {
            return refused(request, response, attempt, next, "user name or password missing");
        }
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(attempt.login().strip(), attempt.password()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refused(request, response, attempt, next, result.getStatus() == CredentialValidationResult.Status.INVALID
                    ? "wrong user name or password" : "no identity store could check the credentials");
        }
        BrowserSessions.start(request, response, result.getCallerPrincipal().getName(), result.getCallerGroups());
        request.setAttribute(BrowserSessions.AUTHENTICATED_BY, BrowserSessions.BY_SESSION);
        request.setAttribute(NEXT, next);
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus refused(HttpServletRequest request, HttpServletResponse response, Attempt attempt, String next, String why)
            throws IOException {
        audit.recordRejection(AuditAction.LOGIN_FAILED, null, "login:" + clip(attempt.login() == null ? "" : attempt.login().strip()), why);
        if (attempt.json()) {
            return answer(response, 401, "login_failed", "Wrong user name or password.");
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + PATH + "?failed=1&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        response.setHeader("Cache-Control", "no-store");
        response.flushBuffer();
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** Writes the whole answer here: the request goes no further. */
    private static AuthenticationStatus answer(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder().add("error", error).add("message", message).build().toString());
        response.flushBuffer();
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static Attempt fromJson(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream();
             JsonReader reader = Json.createReader(new InputStreamReader(new java.io.ByteArrayInputStream(in.readNBytes(MAX_JSON_BYTES)), StandardCharsets.UTF_8))) {
            JsonObject body = reader.readObject();
            return new Attempt(string(body, "username", "j_username"), string(body, "password", "j_password"), string(body, "next", "next"), true);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    private static String string(JsonObject body, String name, String alternative) {
        var value = body.containsKey(name) ? body.get(name) : body.get(alternative);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 128 ? printable.substring(0, 128) + "…" : printable;
    }
}
