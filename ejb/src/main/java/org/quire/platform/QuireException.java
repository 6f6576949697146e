package org.quire.platform;

import jakarta.ejb.ApplicationException;

/**
 * Base of every business error Quire reports to a caller. Each carries a stable machine-readable
 * {@link #code()} and a human message; the web layer maps the family to an HTTP status in one place.
 * Declared an application exception so that the EJB container rolls back and rethrows it unwrapped.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class QuireException extends RuntimeException {

    private final String code;

    protected QuireException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The kind of failure, which the web layer turns into an HTTP status. */
    public abstract Kind kind();

    /** How long the caller should wait before trying again, when that is known (HTTP {@code Retry-After}). */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.empty();
    }

    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT, TOO_LARGE, TOO_MANY_REQUESTS, UNAVAILABLE, STORAGE_FULL }
}
