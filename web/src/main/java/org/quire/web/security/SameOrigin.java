package org.quire.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.settings.QuireConfig;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a browser request comes from Quire's own pages: no {@code Origin} header (not a browser, or an old one),
 * or an origin equal to the host the request was sent to, or to the origin of {@code quire.public-url} (behind a
 * reverse proxy that does not pass the {@code Host} header on). Used for the login form (login CSRF) and, on top of
 * the CSRF token, for every session-authenticated write.
 */
@ApplicationScoped
public class SameOrigin {

    @Inject
    QuireConfig config;

    public boolean test(HttpServletRequest request) {
        return allows(request.getHeader("Origin"), request.getHeader("Host"), config.configuredPublicUrl());
    }

    static boolean allows(String origin, String host, java.util.Optional<String> publicUrl) {
        if (origin == null) {
            return true;
        }
        String authority = authority(origin);
        if (authority == null) {
            return false;
        }
        if (host != null && authority.equalsIgnoreCase(host)) {
            return true;
        }
        return publicUrl.map(SameOrigin::origin).filter(origin.strip().toLowerCase(Locale.ROOT)::equals).isPresent();
    }

    private static String authority(String origin) {
        try {
            return URI.create(origin.strip()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code scheme://authority} of a URL, lower case; null when it is not one. */
    static String origin(String url) {
        try {
            URI u = URI.create(url.strip());
            return u.getScheme() == null || u.getRawAuthority() == null ? null
                    : (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
