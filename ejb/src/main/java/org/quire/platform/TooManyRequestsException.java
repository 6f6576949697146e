package org.quire.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * The caller asked for more of something than it may have now (issue 18): 429, or with {@link #busy} the server's own
 * capacity for that work is taken (503); either way with the time to wait before trying again.
 */
public class TooManyRequestsException extends QuireException {

    private final Duration retryAfter;
    private final boolean busy;

    private TooManyRequestsException(String code, String message, Duration retryAfter, boolean busy) {
        super(code, message);
        this.retryAfter = retryAfter;
        this.busy = busy;
    }

    /** This caller's rate for the work is used up. */
    public static TooManyRequestsException rate(String code, String message, Duration retryAfter) {
        return new TooManyRequestsException(code, message, retryAfter, false);
    }

    /** Every slot of this node for the work is taken and its queue is full. */
    public static TooManyRequestsException busy(String code, String message, Duration retryAfter) {
        return new TooManyRequestsException(code, message, retryAfter, true);
    }

    @Override
    public Kind kind() {
        return busy ? Kind.UNAVAILABLE : Kind.TOO_MANY_REQUESTS;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
