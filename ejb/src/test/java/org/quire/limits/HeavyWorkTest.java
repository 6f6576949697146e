package org.quire.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The two bounds of heavy work: a user's starts per minute, and the slots of a node with their short queue. */
class HeavyWorkTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsABurstOfItsRateThenOneStartPerShareOfTheMinute() {
        HeavyWork.Bucket bucket = new HeavyWork.Bucket();
        long t = 0;
        for (int i = 0; i < 30; i++) {
            assertThat(bucket.take(30, t)).isZero();
        }
        Duration wait = bucket.take(30, t);
        assertThat(wait).isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(bucket.take(30, t + SECOND)).as("half a start refilled").isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(bucket.take(30, t + 2 * SECOND)).as("one start refilled").isZero();
        assertThat(bucket.take(30, t + 2 * SECOND)).isPositive();
        assertThat(bucket.take(30, t + 600 * SECOND)).as("never more than the rate in a burst").isZero();
    }

    @Test
    void slotsAreTakenThenAsManyWaitThenTheRestAreRefused() throws Exception {
        HeavyWork.Slots slots = new HeavyWork.Slots();
        assertThat(slots.enter(2)).isTrue();
        assertThat(slots.enter(2)).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Boolean> w1 = pool.submit(() -> slots.enter(2));
            Future<Boolean> w2 = pool.submit(() -> slots.enter(2));
            Thread.sleep(300);
            assertThat(slots.enter(2)).as("two running, two waiting: full").isFalse();
            assertThat(slots.running()).isEqualTo(2);
            slots.leave();
            slots.leave();
            assertThat(w1.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(w2.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(slots.running()).isEqualTo(2);
            CountDownLatch done = new CountDownLatch(1);
            pool.submit(() -> {
                slots.leave();
                done.countDown();
            });
            done.await(5, TimeUnit.SECONDS);
            assertThat(slots.enter(2)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
