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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;

/**
 * How callers authenticate, in one place:
 * <ul>
 *   <li>paths owned by a {@link TokenAuthenticator} (WOPI, the Document Server's downloads) by their token only;</li>
 *   <li>everything else by HTTP Basic against the identity stores (built-in, LDAP). Protected paths
 *       ({@code /api/*}, see web.xml) without valid credentials get a 401 challenge.</li>
 * </ul>
 */
@ApplicationScoped
public class QuireAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Quire";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Instance<TokenAuthenticator> tokenAuthenticators;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (TokenAuthenticator authenticator : tokenAuthenticators) {
            if (authenticator.handles(path)) {
                Optional<TokenAuthenticator.TokenCaller> caller = authenticator.authenticate(request);
                if (caller.isPresent()) {
                    return context.notifyContainerAboutLogin(caller.get().login(), new HashSet<>(caller.get().roles()));
                }
                return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
            }
        }
        Optional<UsernamePasswordCredential> basic = basicCredential(request);
        if (basic.isPresent()) {
            CredentialValidationResult result = identityStores.validate(basic.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(response, context);
        }
        return context.isProtected() ? challenge(response, context) : context.doNothing();
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
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
