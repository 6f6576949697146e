package org.quire.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.settings.QuireConfig;

import java.util.Optional;

/**
 * Quire's base URL as browsers and the Document Server reach it: {@code quire.public-url} when set (it must be,
 * behind a reverse proxy; administrators may change it at run time), otherwise the scheme, host and port this request was addressed to.
 */
@RequestScoped
public class PublicUrl {

    @Inject
    HttpServletRequest request;

    @Inject
    QuireConfig config;

    /** The base URL without a trailing slash, e.g. {@code https://docs.example.intranet}. */
    public String base() {
        return of(config.configuredPublicUrl(), request);
    }

    /**
     * The one way the base URL is built (also for the WOPI proof, outside request scope): the configured URL, else
     * the scheme, host and port {@code request} was addressed to, with the context path; no trailing slash.
     */
    public static String of(Optional<String> configured, HttpServletRequest request) {
        return withoutTrailingSlash(configured.orElseGet(() -> {
            StringBuffer url = request.getRequestURL();
            return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
        }));
    }

    /**
     * A configured base URL as links use it. Links the Document Server calls back (callbacks, downloads) use only the
     * configured {@code quire.public-url}, never a request's Host header, which whoever sends the request chooses.
     */
    public static String withoutTrailingSlash(String base) {
        String b = base;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}
