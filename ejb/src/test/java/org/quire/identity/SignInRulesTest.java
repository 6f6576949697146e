package org.quire.identity;

import org.junit.jupiter.api.Test;
import org.quire.identity.SignInRules.Failures;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The delays and locks of failed sign-ins at the documented defaults (5 → delays, 20 → a 15-minute lock, forgotten after 12 h). */
class SignInRulesTest {

    static final SignInRules DEFAULTS = new SignInRules(5, 20, Duration.ofMinutes(15), Duration.ofHours(12));
    static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 7, 12, 0);

    static Failures failures(int n, LocalDateTime last, LocalDateTime lockedUntil) {
        return new Failures(SignInFailures.LOGIN, "alice", n, last.minusMinutes(5), last, lockedUntil);
    }

    @Test
    void fewFailuresDoNotDelay() {
        assertThat(DEFAULTS.openAt(null, NOW)).isEqualTo(NOW);
        assertThat(DEFAULTS.openAt(failures(4, NOW, null), NOW)).isEqualTo(NOW);
        assertThat(DEFAULTS.throttled(failures(4, NOW, null), NOW)).isFalse();
    }

    @Test
    void delaysDoubleFromOneSecondUpToThirty() {
        assertThat(DEFAULTS.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DEFAULTS.delayAfter(9)).isEqualTo(Duration.ofSeconds(16));
        assertThat(DEFAULTS.delayAfter(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.delayAfter(19)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.openAt(failures(6, NOW.minusSeconds(1), null), NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(DEFAULTS.throttled(failures(5, NOW, null), NOW)).isTrue();
    }

    @Test
    void aLockHoldsUntilItEndsThenTheDelayApplies() {
        Failures locked = failures(20, NOW.minusMinutes(1), NOW.plusMinutes(14));
        assertThat(DEFAULTS.openAt(locked, NOW)).isEqualTo(NOW.plusMinutes(14));
        assertThat(DEFAULTS.throttled(locked, NOW)).isTrue();
        LocalDateTime later = NOW.plusMinutes(15);
        assertThat(DEFAULTS.openAt(locked, later)).isBeforeOrEqualTo(later);
    }

    @Test
    void failuresAreForgottenAfterTheWindowButNotWhileLocked() {
        assertThat(DEFAULTS.forgotten(failures(19, NOW.minusHours(12), null), NOW)).isTrue();
        assertThat(DEFAULTS.openAt(failures(19, NOW.minusHours(12), null), NOW)).isEqualTo(NOW);
        assertThat(DEFAULTS.forgotten(failures(19, NOW.minusHours(11), null), NOW)).isFalse();
        assertThat(DEFAULTS.forgotten(failures(40, NOW.minusHours(13), NOW.plusMinutes(1)), NOW)).isFalse();
    }

    @Test
    void loginsAreCountedCaseInsensitivelyAndClipped() {
        assertThat(SignInThrottle.subject("  Alice ")).isEqualTo("alice");
        assertThat(SignInThrottle.subject("x".repeat(300))).hasSize(200);
        assertThat(SignInThrottle.subject(null)).isEmpty();
    }
}
