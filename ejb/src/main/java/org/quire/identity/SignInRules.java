package org.quire.identity;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * When a login or a client address may try a password again, from its failures (docs/ARCHITECTURE.md, "Password
 * guessing"): freely below {@code delayAfter} failures; from then on each try waits after the last failure, 1 s
 * doubling with each failure up to {@link #MAX_DELAY}; at {@code lockAfter} failures it is locked for
 * {@code lockFor}, and every failure after a lock ran out locks it again. Failures are forgotten once
 * {@code forgetAfter} passed without another one (and no lock runs).
 */
public record SignInRules(int delayAfter, int lockAfter, Duration lockFor, Duration forgetAfter) {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** A login's or an address's failures as stored. */
    public record Failures(String kind, String subject, int failures, LocalDateTime firstFailure, LocalDateTime lastFailure,
                           LocalDateTime lockedUntil) {

        public boolean lockedAt(LocalDateTime now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** The wait after the last of {@code failures} failures before the next try. */
    Duration delayAfter(int failures) {
        if (failures < delayAfter) {
            return Duration.ZERO;
        }
        int doublings = failures - delayAfter;
        return doublings >= 5 ? MAX_DELAY : min(FIRST_DELAY.multipliedBy(1L << doublings), MAX_DELAY);
    }

    /** Whether these failures no longer count at {@code now}. */
    boolean forgotten(Failures f, LocalDateTime now) {
        return !f.lockedAt(now) && !f.lastFailure().plus(forgetAfter).isAfter(now);
    }

    /** The earliest time the subject may be tried again; {@code now} or before when it may be tried now. */
    LocalDateTime openAt(Failures f, LocalDateTime now) {
        if (f == null || forgotten(f, now)) {
            return now;
        }
        LocalDateTime delayed = f.lastFailure().plus(delayAfter(f.failures()));
        return f.lockedAt(now) && f.lockedUntil().isAfter(delayed) ? f.lockedUntil() : delayed;
    }

    /** Whether these failures are to be shown to administrators: delayed or locked. */
    boolean throttled(Failures f, LocalDateTime now) {
        return !forgotten(f, now) && (f.failures() >= delayAfter || f.lockedAt(now));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
