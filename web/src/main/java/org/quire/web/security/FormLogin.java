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
import org.quire.identity.SignInThrottle;
import org.quire.platform.CallerContext;

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
 * tried, never the password). A sign-in posted from another origin is refused (login CSRF). A login or address that
 * guessed too often ({@link SignInThrottle}) is answered before the password is checked: 429 with {@code Retry-After}
 * for the script, a 303 back to the form with {@code throttled=<seconds>} for the form.
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

    @Inject
    SignInThrottle throttle;

    @Inject
    NetworkPolicy policy;

    @Inject
    CallerContext callerContext;

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
        String address = policy.clientAddress(request);
        callerContext.setAddress(address);
        SignInThrottle.Attempt tried = throttle.before(attempt.login().strip(), address);
        if (tried.refused()) {
            if (attempt.json()) {
                tooManySignIns(response, tried);
            } else {
                response.setHeader("Retry-After", Long.toString(tried.retryAfterSeconds()));
                backToForm(request, response, "throttled=" + tried.retryAfterSeconds(), next);
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(attempt.login().strip(), attempt.password()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            if (result.getStatus() == CredentialValidationResult.Status.INVALID) {
                throttle.failed(tried);
            }
            return refused(request, response, attempt, next, result.getStatus() == CredentialValidationResult.Status.INVALID
                    ? "wrong user name or password" : "no identity store could check the credentials");
        }
        throttle.succeeded(tried);
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
        backToForm(request, response, "failed=1", next);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** 303 back to the login page, which says why ({@code failed=1}, {@code throttled=<seconds>}). */
    private static void backToForm(HttpServletRequest request, HttpServletResponse response, String why, String next) throws IOException {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + PATH + "?" + why + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        response.setHeader("Cache-Control", "no-store");
        response.flushBuffer();
    }

    /**
     * 429 with {@code Retry-After}: the login or the address guessed too often ({@link SignInThrottle}). The same
     * answer whether or not the login exists; nothing was checked.
     */
    static void tooManySignIns(HttpServletResponse response, SignInThrottle.Attempt attempt) {
        long seconds = attempt.retryAfterSeconds();
        response.setHeader("Retry-After", Long.toString(seconds));
        try {
            answer(response, 429, "too_many_sign_ins", "Too many failed sign-ins: try again in " + seconds + " s.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
