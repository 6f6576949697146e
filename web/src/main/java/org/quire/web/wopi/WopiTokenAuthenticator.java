package org.quire.web.wopi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.IdentityService;
import org.quire.identity.User;
import org.quire.web.security.TokenAuthenticator;

import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code /wopi/*} by the access token: from the {@code access_token} query parameter (what WOPI
 * clients send), else an {@code Authorization: Bearer} header. The container principal becomes the token's user,
 * so every check of the core applies as for that user; the token itself (document, permission set) is left for
 * {@link FilesResource} as a request attribute. Tokens are never logged.
 */
@ApplicationScoped
public class WopiTokenAuthenticator implements TokenAuthenticator {

    static final String ACCESS_ATTRIBUTE = WopiAccess.class.getName();
    private static final String USER_ATTRIBUTE = WopiTokenAuthenticator.class.getName() + ".user";
    private static final String DECODED_ATTRIBUTE = WopiTokenAuthenticator.class.getName() + ".decoded";

    /** The token's user as read while authenticating this request (saves a second look-up). */
    static Optional<User> user(HttpServletRequest request) {
        return request.getAttribute(USER_ATTRIBUTE) instanceof User user ? Optional.of(user) : Optional.empty();
    }

    @Inject
    WopiTokens tokens;

    @Inject
    IdentityService identities;

    @Inject
    AuditService audit;

    @Override
    public boolean handles(String path) {
        return path.equals("/wopi") || path.startsWith("/wopi/");
    }

    @Override
    public Optional<String> client(HttpServletRequest request) {
        return decoded(request).map(WopiAccess::login);
    }

    @Override
    public Optional<TokenCaller> authenticate(HttpServletRequest request) {
        String token = token(request);
        if (token == null) {
            return Optional.empty();
        }
        Optional<WopiAccess> access = decoded(request);
        Optional<User> user = access.flatMap(a -> identities.findByLogin(a.login())).filter(u -> !u.isDisabled());
        if (access.isEmpty() || user.isEmpty()) {
            audit.recordRejection(AuditAction.TOKEN_REJECTED, null, request.getMethod() + " " + request.getRequestURI(),
                    access.isEmpty() ? "WOPI access token not valid (forged, expired or malformed)" : "WOPI access token of an unknown or disabled user");
            return Optional.empty();
        }
        request.setAttribute(ACCESS_ATTRIBUTE, access.get());
        request.setAttribute(USER_ATTRIBUTE, user.get());
        return Optional.of(new TokenCaller(user.get().getLogin(), Set.copyOf(user.get().getRoles())));
    }

    /** The request's token decoded once (its signature and expiry checked), for {@link #client} and {@link #authenticate}. */
    private Optional<WopiAccess> decoded(HttpServletRequest request) {
        if (request.getAttribute(DECODED_ATTRIBUTE) instanceof Optional<?> done) {
            return done.map(WopiAccess.class::cast);
        }
        String token = token(request);
        Optional<WopiAccess> access = token == null ? Optional.empty() : tokens.decode(token);
        request.setAttribute(DECODED_ATTRIBUTE, access);
        return access;
    }

    /** The token from the query string (read without touching the body), else from a Bearer header. */
    static String token(HttpServletRequest request) {
        String fromQuery = Wopi.accessToken(request.getQueryString());
        if (fromQuery != null) {
            return fromQuery;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && !header.substring(7).isBlank()) {
            return header.substring(7).strip();
        }
        return null;
    }
}
