package org.quire.web.onlyoffice;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.identity.IdentityService;
import org.quire.identity.User;
import org.quire.settings.OnlyofficeNotConfiguredException;
import org.quire.web.security.TokenAuthenticator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.quire.web.security.JwtCodec;

/**
 * Authenticates the Document Server's requests on {@code /onlyoffice/files/*} and {@code /onlyoffice/callback/*}
 * by Quire's signed link ({@code ?t=…}): the container principal becomes the link's user, so the core's ACL
 * checks apply to them. A download also needs, when a secret is set, the Document Server's own JWT header
 * ({@code {payload:{url}}}) naming the requested URL. The callback's Document Server token is checked by
 * {@link CallbackResource}, which needs the body.
 */
@ApplicationScoped
public class OnlyofficeTokenAuthenticator implements TokenAuthenticator {

    static final String LINK_ATTRIBUTE = "org.quire.onlyoffice.link";
    private static final String FILES = "/onlyoffice/files/";
    private static final String CALLBACK = "/onlyoffice/callback/";
    private static final Logger LOG = Logger.getLogger(OnlyofficeTokenAuthenticator.class.getName());

    @Inject
    SignedLinks links;

    @Inject
    OnlyofficeSettings settings;

    @Inject
    IdentityService identities;

    @Inject
    Clock clock;

    @Override
    public boolean handles(String path) {
        return path.startsWith(FILES) || path.startsWith(CALLBACK);
    }

    /** A download's link user; callbacks (saves) take no share. */
    @Override
    public Optional<String> client(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(FILES) ? link(request, path, true).map(SignedLinks.Link::login) : Optional.empty();
    }

    @Override
    public Optional<TokenCaller> authenticate(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean file = path.startsWith(FILES);
        String documentId = documentId(path, file);
        Optional<SignedLinks.Link> link = link(request, path, file);
        if (link.isEmpty()) {
            LOG.fine(() -> "ONLYOFFICE " + (file ? "download" : "callback") + " for " + documentId + ": no valid signed link");
            return Optional.empty();
        }
        if (file && !documentServerSigned(request)) {
            LOG.fine(() -> "ONLYOFFICE download for " + documentId + ": no valid Document Server token");
            return Optional.empty();
        }
        Optional<User> user = identities.findByLogin(link.get().login()).filter(u -> !u.isDisabled());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        request.setAttribute(LINK_ATTRIBUTE, link.get());
        return Optional.of(new TokenCaller(user.get().getLogin(), new HashSet<>(user.get().getRoles())));
    }

    private static String documentId(String path, boolean file) {
        String rest = path.substring(file ? FILES.length() : CALLBACK.length());
        return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    }

    private Optional<SignedLinks.Link> link(HttpServletRequest request, String path, boolean file) {
        return queryParameter(request.getQueryString(), SignedLinks.PARAMETER)
                .flatMap(t -> links.verify(t, file ? SignedLinks.FILE : SignedLinks.CALLBACK, documentId(path, file)));
    }

    /**
     * The Document Server's header token is valid and its {@code payload.url} is the requested path and query; true
     * without a token only when JWT is off on purpose (never when it is on and the secret is missing).
     */
    private boolean documentServerSigned(HttpServletRequest request) {
        try {
            Optional<byte[]> secret = settings.secret();
            if (secret.isEmpty()) {
                return true;
            }
            Claims claims = JwtCodec.verify(JwtCodec.bearer(request.getHeader(settings.jwtHeader())), secret.get(), clock);
            Object payload = claims.get("payload");
            if (!(payload instanceof Map<?, ?> p) || !(p.get("url") instanceof String url)) {
                return false;
            }
            URI signed = URI.create(url);
            String requested = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            // path and query only: a proxy between the Document Server and Quire may change scheme and host
            return requested.equals(signed.getRawPath() + (signed.getRawQuery() == null ? "" : "?" + signed.getRawQuery()));
        } catch (JwtException | IllegalArgumentException | OnlyofficeNotConfiguredException e) {
            return false;
        }
    }

    static Optional<String> queryParameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
