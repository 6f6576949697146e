package org.quire.lock;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock state machine's rules with a controlled clock: expiry, holding, which writes a lock admits. */
class LockRulesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private DocumentLock lock(LockKind kind, String id, String holder, Duration ttl) {
        return new DocumentLock(null, kind, id, holder, now(), ttl == null ? null : now().plus(ttl));
    }

    @Test
    void aWopiLockExpiresThirtyMinutesAfterItWasTakenOrRefreshed() {
        DocumentLock lock = lock(LockKind.WOPI, "L1", "alice", LockService.WOPI_TTL);
        clock.advance(Duration.ofMinutes(29));
        assertThat(lock.isExpired(now())).isFalse();
        lock.extendTo(now().plus(LockService.WOPI_TTL)); // refresh at minute 29
        clock.advance(Duration.ofMinutes(29));
        assertThat(lock.isExpired(now())).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(lock.isExpired(now())).isTrue();
    }

    @Test
    void aCheckoutWithoutTtlNeverExpires() {
        DocumentLock lock = lock(LockKind.CHECKOUT, "checkout:bob", "bob", null);
        clock.advance(Duration.ofDays(400));
        assertThat(lock.isExpired(now())).isFalse();
    }

    @Test
    void onlyTheSameKindAndIdHoldALock() {
        DocumentLock lock = lock(LockKind.WOPI, "L1", "alice", LockService.WOPI_TTL);
        assertThat(lock.isHeldAs(LockKind.WOPI, "L1")).isTrue();
        assertThat(lock.isHeldAs(LockKind.WOPI, "L2")).isFalse();
        assertThat(lock.isHeldAs(LockKind.EDITOR_SESSION, "L1")).isFalse();
        lock.changeId("L2"); // UnlockAndRelock
        assertThat(lock.isHeldAs(LockKind.WOPI, "L2")).isTrue();
        assertThat(lock.isHeldAs(LockKind.WOPI, "L1")).isFalse();
    }

    @Test
    void writesAreAdmittedOnlyToTheHolderOfTheLockOnItsOwnRoute() {
        DocumentLock wopi = lock(LockKind.WOPI, "L1", "alice", LockService.WOPI_TTL);
        assertThat(WriteIntent.wopi("L1", "alice").holds(wopi)).isTrue();
        assertThat(WriteIntent.wopi("L9", "alice").holds(wopi)).isFalse();
        assertThat(WriteIntent.rest("alice").holds(wopi)).isFalse(); // a WOPI lock blocks REST writes, even the same user's
        assertThat(WriteIntent.editorSession("L1", "alice").holds(wopi)).isFalse();

        DocumentLock checkout = lock(LockKind.CHECKOUT, "checkout:bob", "bob", null);
        assertThat(WriteIntent.rest("bob").holds(checkout)).isTrue();
        assertThat(WriteIntent.rest("carol").holds(checkout)).isFalse();
        assertThat(WriteIntent.wopi("checkout:bob", "bob").holds(checkout)).isFalse(); // someone's check-out blocks WOPI

        DocumentLock session = lock(LockKind.EDITOR_SESSION, "key-1", "alice", null);
        assertThat(WriteIntent.editorSession("key-1", "bob").holds(session)).isTrue(); // co-editors share the session
        assertThat(WriteIntent.editorSession("key-2", "alice").holds(session)).isFalse();
    }

    @Test
    void aTakenOverRowBelongsToTheNewHolder() {
        DocumentLock lock = lock(LockKind.WOPI, "L1", "alice", Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(31));
        assertThat(lock.isExpired(now())).isTrue();
        lock.take(LockKind.CHECKOUT, "checkout:bob", "bob", now(), null);
        assertThat(lock.isExpired(now())).isFalse();
        assertThat(lock.getHolder()).isEqualTo("bob");
        assertThat(lock.view().kind()).isEqualTo(LockKind.CHECKOUT);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
