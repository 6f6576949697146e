package org.quire.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.database.Database;
import org.quire.identity.SignInThrottle;
import org.quire.platform.CallerContext;
import org.quire.web.ops.DatabaseUnavailable;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;

/**
 * How callers authenticate, in one place:
 * <ul>
 *   <li>paths owned by a {@link TokenAuthenticator} (WOPI, the Document Server's downloads) by their token only;</li>
 *   <li>{@code POST /login}: the login form ({@link FormLogin}) checks the credentials against the identity stores
 *       and starts a browser session ({@link BrowserSessions});</li>
 *   <li>HTTP Basic against the identity stores (built-in, LDAP), for API clients and scripts — it wins over a
 *       session cookie sent along;</li>
 *   <li>otherwise the browser session, if the request has a signed-in one (the caller is remembered for the
 *       session, as {@code @AutoApplySession} would, but only for sessions the login form started — Basic
 *       requests never create sessions).</li>
 * </ul>
 * Protected paths ({@code /api/*}, the editor pages: web.xml) without a caller: a page request from a browser
 * is sent to {@code /login}; anything else gets a 401, with a Basic challenge only for non-browser clients
 * (a browser would prompt and then cache the password as an ambient credential, defeating the CSRF check).
 * How the caller was authenticated is left in the request attribute {@link BrowserSessions#AUTHENTICATED_BY}
 * for {@link CsrfFilter}.
 * <p>Every password, over Basic and the form, passes {@link SignInThrottle} first: a login or address that guessed
 * too often is answered 429 with {@code Retry-After} before any identity store (or directory bind) sees it.
 * <p>Refused credentials are audited ({@link Refusals}): a wrong HTTP Basic password ({@code LOGIN_FAILED}), an
 * Authorization scheme Quire does not take here such as a WOPI token on the API ({@code TOKEN_REJECTED}), and a
 * request to the admin API without any credentials ({@code ACCESS_DENIED}).
 */
@ApplicationScoped
public class QuireAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Quire";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Instance<TokenAuthenticator> tokenAuthenticators;

    @Inject
    FormLogin formLogin;

    @Inject
    Refusals refusals;

    @Inject
    Database database;

    @Inject
    org.quire.identity.IdentityService identities;

    @Inject
    SignInThrottle throttle;

    @Inject
    FairShareFilter.Turns fairShare;

    @Inject
    NetworkPolicy policy;

    @Inject
    CallerContext callerContext;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Database.Status db = database.status();
        if (!db.open()) {
            if (DatabaseUnavailable.answersWithout(path)) {
                return context.doNothing();
            }
            DatabaseUnavailable.answer(request, response, db);
            return AuthenticationStatus.SEND_FAILURE;
        }
        for (TokenAuthenticator authenticator : tokenAuthenticators) {
            if (authenticator.handles(path)) {
                // the token's user takes a turn before any database work; refused, the fair-share filter answers
                if (!fairShare.takeTurn(request, authenticator.client(request).map(FairShareFilter::userClient))) {
                    return context.doNothing(); // these routes are not container-protected: the filters run
                }
                try {
                    Optional<TokenAuthenticator.TokenCaller> caller = authenticator.authenticate(request);
                    if (caller.isPresent()) {
                        request.setAttribute(BrowserSessions.AUTHENTICATED_BY, BrowserSessions.BY_TOKEN);
                        return context.notifyContainerAboutLogin(caller.get().login(), new HashSet<>(caller.get().roles()));
                    }
                } catch (RuntimeException e) {
                    fairShare.endTurn(request);
                    throw e;
                }
                return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
            }
        }
        if (path.equals(FormLogin.PATH) && "POST".equalsIgnoreCase(request.getMethod())) {
            try {
                return formLogin.signIn(request, response, context);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Optional<UsernamePasswordCredential> basic = basicCredential(request);
        if (basic.isPresent()) {
            SignInThrottle.Attempt attempt = throttle.before(basic.get().getCaller(), clientAddress(request));
            if (attempt.refused()) {
                FormLogin.tooManySignIns(response, attempt);
                return AuthenticationStatus.SEND_FAILURE;
            }
            CredentialValidationResult result = identityStores.validate(basic.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                throttle.succeeded(attempt);
                request.setAttribute(BrowserSessions.AUTHENTICATED_BY, BrowserSessions.BY_BASIC);
                return context.notifyContainerAboutLogin(result);
            }
            if (result.getStatus() == CredentialValidationResult.Status.INVALID) {
                throttle.failed(attempt);
            }
            refusals.record(AuditAction.LOGIN_FAILED, request, null,
                    "HTTP Basic credentials not valid for login '" + Refusals.clip(basic.get().getCaller(), 128) + "'");
            return unauthorized(request, response, context);
        }
        Optional<BrowserSessions.SessionCaller> session = BrowserSessions.of(request);
        if (session.isPresent()) {
            // the user as they are now, not as they signed in: disabling or demoting takes effect at the next request
            Optional<org.quire.identity.User> user = identities.findByLogin(session.get().login()).filter(u -> !u.isDisabled());
            if (user.isPresent()) {
                request.setAttribute(BrowserSessions.AUTHENTICATED_BY, BrowserSessions.BY_SESSION);
                return context.notifyContainerAboutLogin(session.get().login(), new HashSet<>(user.get().getRoles()));
            }
            BrowserSessions.end(request);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (BrowserSessions.wantsPage(request) && !path.startsWith("/api/")) {
            return context.redirect(loginPage(request, path));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            String scheme = authorization.strip().split("\\s+", 2)[0];
            refusals.record(AuditAction.TOKEN_REJECTED, request, null,
                    "Authorization scheme '" + Refusals.clip(scheme, 32) + "' not accepted here (HTTP Basic or a browser session)");
        } else if (path.startsWith("/api/v1/admin")) {
            refusals.record(AuditAction.ACCESS_DENIED, request, null, "the admin API without credentials");
        }
        return unauthorized(request, response, context);
    }

    /**
     * The client's address as the trusted-proxy rules give it, told to the core now: authentication runs before the
     * filters ({@link ClientAddressFilter}), and the throttle and the audit rows of sign-ins need it.
     */
    private String clientAddress(HttpServletRequest request) {
        String address = policy.clientAddress(request);
        callerContext.setAddress(address);
        return address;
    }

    /** {@code /login?next=<this page>}. */
    static String loginPage(HttpServletRequest request, String path) {
        String here = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return request.getContextPath() + FormLogin.PATH + "?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
    }

    /** 401; the Basic challenge only for clients that are not browsers ({@link BrowserSessions#fromBrowser}). */
    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!BrowserSessions.fromBrowser(request)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        return context.responseUnauthorized();
    }

    private static Optional<UsernamePasswordCredential> basicCredential(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
