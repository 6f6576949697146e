package org.quire.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.quire.platform.TooManyRequestsException;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work that costs far more than a request (docs/ARCHITECTURE.md, "Expensive requests"), bounded on each node two
 * ways: a rate per user (a token bucket holding {@code <kind>-per-minute} starts, refilled evenly over the minute;
 * beyond it 429 with the wait), and a number running at once ({@code <kind>-concurrent}): as many again wait up to
 * {@link #QUEUE_WAIT} for a slot, more are answered 503 with a wait at once — a burst queues briefly instead of
 * holding the HTTP threads the editors' protocol requests need. Refusals are counted in {@code /metrics}
 * ({@code quire_heavy_work_refused_total{work, reason}}), beside the work running now
 * ({@code quire_heavy_work_running{work}}).
 */
@ApplicationScoped
public class HeavyWork {

    static final Duration QUEUE_WAIT = Duration.ofSeconds(30);
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    private static final int MAX_BUCKETS = 10_000;

    /** The kinds of heavy work, with their settings. */
    public enum Kind {
        CONVERSION("conversion", "conversions", SettingKey.CONVERSIONS_PER_MINUTE, Duration.ofMinutes(1), SettingKey.CONVERSIONS_CONCURRENT),
        /** Runs in the background, one at a time per node already (ContentScrub): only its rate is limited here. */
        SCRUB("scrub", "content scrubs", SettingKey.SCRUBS_PER_HOUR, Duration.ofHours(1), null);

        final String tag;
        final String plural;
        final SettingKey perPeriod;
        final Duration period;
        final SettingKey concurrent;

        Kind(String tag, String plural, SettingKey perPeriod, Duration period, SettingKey concurrent) {
            this.tag = tag;
            this.plural = plural;
            this.perPeriod = perPeriod;
            this.period = period;
            this.concurrent = concurrent;
        }

        String periodText() {
            return period.equals(Duration.ofHours(1)) ? "hour" : "minute";
        }
    }

    @Inject
    SettingsService settings;

    @Inject
    MetricRegistry metrics;

    private final Map<Kind, Slots> slots = new EnumMap<>(Kind.class);
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public HeavyWork() {
        for (Kind k : Kind.values()) {
            if (k.concurrent != null) {
                slots.put(k, new Slots());
            }
        }
    }

    /** A slot of running work; closing it lets the next one in. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes one of {@code user}'s starts and a slot, waiting for the slot up to {@link #QUEUE_WAIT}; refused with
     * {@link TooManyRequestsException} (429 rate, 503 busy) before anything is done.
     */
    public Slot start(Kind kind, String user) {
        long perPeriod = settings.number(kind.perPeriod);
        Duration wait = bucket(kind, user).take(perPeriod, kind.period, System.nanoTime());
        if (!wait.isZero()) {
            refused(kind, "rate").inc();
            throw TooManyRequestsException.rate("too_many_" + kind.tag + "s", "You started " + perPeriod + " " + kind.plural
                    + " in the last " + kind.periodText() + ", the most one person may (" + kind.perPeriod.key() + "). Try again in "
                    + Math.max(1, wait.toSeconds()) + " s.", wait);
        }
        Slots s = slots.get(kind);
        if (s == null) {
            return () -> { };
        }
        if (!s.enter((int) settings.number(kind.concurrent))) {
            refused(kind, "busy").inc();
            throw TooManyRequestsException.busy(kind.plural + "_busy", "Quire is running as many " + kind.plural
                    + " as it may at once (" + kind.concurrent.key() + ") and others are waiting. Try again in a few seconds.", BUSY_RETRY);
        }
        return s::leave;
    }

    private Bucket bucket(Kind kind, String user) {
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear(); // each bucket refills within a minute: forgetting them all gives at most one extra minute's worth
        }
        return buckets.computeIfAbsent(kind.tag + '\n' + user, k -> new Bucket());
    }

    private Counter refused(Kind kind, String reason) {
        return metrics.counter(Metadata.builder().withName("quire.heavy-work.refused")
                .withDescription("Heavy work refused: reason rate (a user's per-minute starts used up) or busy (every slot and the queue taken)").build(),
                new Tag("work", kind.tag), new Tag("reason", reason));
    }

    @jakarta.annotation.PostConstruct
    void gauges() {
        for (Map.Entry<Kind, Slots> e : slots.entrySet()) {
            Kind k = e.getKey();
            Slots s = e.getValue();
            metrics.gauge(Metadata.builder().withName("quire.heavy-work.running").withDescription("Heavy work running now on this node").build(),
                    s, Slots::running, new Tag("work", k.tag));
        }
    }

    /** Starts of one user: {@code limit} at most in a burst, one more every {@code period / limit}. */
    static final class Bucket {
        private double tokens = -1;
        private long updated;

        synchronized Duration take(long perMinute, long now) {
            return take(perMinute, Duration.ofMinutes(1), now);
        }

        synchronized Duration take(long limit, Duration period, long now) {
            double capacity = limit;
            double perNano = limit / (double) period.toNanos();
            tokens = tokens < 0 ? capacity : Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }
    }

    /** Slots of one kind on this node, the limit read at each start (an administrator may change it). */
    static final class Slots {
        private int running;
        private int waiting;

        synchronized boolean enter(int limit) {
            if (running < limit) {
                running++;
                return true;
            }
            if (waiting >= limit) {
                return false;
            }
            waiting++;
            try {
                long deadline = System.nanoTime() + QUEUE_WAIT.toNanos();
                while (running >= limit) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait(left / 1_000_000 + 1);
                }
                running++;
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waiting--;
            }
        }

        synchronized void leave() {
            running--;
            notifyAll();
        }

        synchronized int running() {
            return running;
        }
    }
}
