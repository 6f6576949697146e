package org.quire.web.security;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the requests of one protocol by a token instead of a password (WOPI access tokens, signed
 * ONLYOFFICE links). Implementations are CDI beans; {@link QuireAuthenticationMechanism} asks each one whether
 * it handles a path. Tokens are never accepted on {@code /api/*}.
 */
public interface TokenAuthenticator {

    /** Whether this authenticator owns the path (relative to the context root, e.g. {@code /wopi/files/…}). */
    boolean handles(String path);

    /** The caller the request's token stands for; empty when the token is missing or not valid. */
    Optional<TokenCaller> authenticate(HttpServletRequest request);

    /**
     * The login a valid token names, checked by its signature alone (no database): whose share of the node the
     * request takes ({@link FairShareFilter}), decided before any work. Empty when the token is not valid, or for
     * requests that take no share (the Document Server's callbacks).
     */
    Optional<String> client(HttpServletRequest request);

    /** Who a valid token stands for, with the application roles the container should give the caller. */
    record TokenCaller(String login, Set<String> roles) {
    }
}
