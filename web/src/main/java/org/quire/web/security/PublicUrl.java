package org.quire.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.settings.QuireConfig;

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
        String configured = config.configuredPublicUrl().orElse(null);
        String base = configured != null ? configured : fromRequest();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private String fromRequest() {
        StringBuffer url = request.getRequestURL();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }
}
