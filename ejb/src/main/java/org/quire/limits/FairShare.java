package org.quire.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's share of a node (docs/ARCHITECTURE.md, "One client starving the rest"). A client is the authenticated
 * user — on the WOPI and ONLYOFFICE routes the token's user, never the Document Server's address, which all editors
 * share — or, for an anonymous request, its address. Two rules:
 * <ul>
 * <li>at most {@code quire.limits.requests-per-client} of a client's requests are in the node at once; the next is
 *     refused before any work, so hundreds of connections cannot take the threads every other user needs;</li>
 * <li>the node runs requests for everybody first: a client's first {@link Node#ALWAYS} requests run at once, its
 *     further ones only while fewer than {@link Node#busyAt()} requests run in all (as many as the processors), and else
 *     wait — the client with the fewest running first — until one ends, for at most {@link Node#MAX_WAIT_MILLIS}, after
 *     which they run anyway (a request may wait for another one of the node, as a conversion does for the Document
 *     Server's download: never a deadlock). So a flood from one client leaves the processors to the others' requests
 *     instead of sharing them out per thread.</li>
 * </ul>
 */
@ApplicationScoped
public class FairShare {

    @Inject
    SettingsService settings;

    @Inject
    MetricRegistry metrics;

    private final Node node = new Node(Node.busyAt());

    /** A request being served; closing it lets the next one in. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** The client's turn (after a wait when the node is busy), or empty when its share is in the node already. */
    public Optional<Turn> enter(String client) {
        Node.Entry entry = node.enter(client, (int) settings.number(SettingKey.REQUESTS_PER_CLIENT));
        switch (entry.outcome()) {
            case REFUSED -> {
                counter("quire.fair-share.refused", "Requests refused because their client had quire.limits.requests-per-client in the node already").inc();
                return Optional.empty();
            }
            case WAITED -> counter("quire.fair-share.waited", "Requests that waited for the node because their client had other requests running while it was busy").inc();
            default -> { }
        }
        return Optional.of(entry.turn());
    }

    private Counter counter(String name, String description) {
        return metrics.counter(Metadata.builder().withName(name).withDescription(description).build());
    }

    /** The bookkeeping, without the container (unit-tested). */
    static final class Node {

        /** Requests of one client that never wait for the node. */
        static final int ALWAYS = 2;
        static final long MAX_WAIT_MILLIS = 1000;

        enum Outcome { RAN, WAITED, REFUSED }

        record Entry(Outcome outcome, Turn turn) {
        }

        private static final class Client {
            int inNode;
            int running;
        }

        private record Waiter(Client client, long arrived) {
        }

        private final int busyAt;
        private final long maxWaitNanos;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition ended = lock.newCondition();
        private final Map<String, Client> clients = new HashMap<>();
        private final List<Waiter> waiting = new ArrayList<>();
        private int running;
        private long arrivals;

        Node(int busyAt) {
            this(busyAt, MAX_WAIT_MILLIS);
        }

        Node(int busyAt, long maxWaitMillis) {
            this.busyAt = busyAt;
            this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        }

        /**
         * As many as the processors (at least two): beyond that, another client's request shares them with fewer of
         * the flood's (bench row 10 on 2 cores: 2.5-3.5x the quiet p99 at two, 2.7-5.4x at four); a client's first
         * {@link #ALWAYS} requests never wait, so requests waiting for the database or the disk still overlap.
         */
        static int busyAt() {
            return Math.max(2, Runtime.getRuntime().availableProcessors());
        }

        Entry enter(String key, int perClient) {
            lock.lock();
            try {
                Client client = clients.computeIfAbsent(key, k -> new Client());
                if (client.inNode >= perClient) {
                    if (client.inNode == 0) {
                        clients.remove(key);
                    }
                    return new Entry(Outcome.REFUSED, null);
                }
                client.inNode++;
                boolean waited = false;
                if (client.running >= ALWAYS && (running >= busyAt || !waiting.isEmpty())) {
                    waited = true;
                    awaitTurn(client);
                }
                client.running++;
                running++;
                if (running < busyAt && !waiting.isEmpty()) {
                    ended.signalAll(); // room for the next waiter too
                }
                return new Entry(waited ? Outcome.WAITED : Outcome.RAN, leave(key, client));
            } finally {
                lock.unlock();
            }
        }

        private void awaitTurn(Client client) {
            Waiter me = new Waiter(client, arrivals++);
            waiting.add(me);
            long left = maxWaitNanos;
            try {
                while ((running >= busyAt || !first(me)) && left > 0) {
                    left = ended.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // run now: the thread is being stopped
            } finally {
                waiting.remove(me);
            }
        }

        /** Whether no waiter has a better claim: fewer of its client's requests running, or the same and earlier. */
        private boolean first(Waiter me) {
            for (Waiter other : waiting) {
                if (other != me && (other.client().running < me.client().running
                        || other.client().running == me.client().running && other.arrived() < me.arrived())) {
                    return false;
                }
            }
            return true;
        }

        private Turn leave(String key, Client client) {
            boolean[] left = {false};
            return () -> {
                lock.lock();
                try {
                    if (left[0]) {
                        return;
                    }
                    left[0] = true;
                    client.running--;
                    client.inNode--;
                    running--;
                    if (client.inNode == 0) {
                        clients.remove(key);
                    }
                    if (!waiting.isEmpty()) {
                        ended.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            };
        }

        int inNode(String key) {
            lock.lock();
            try {
                Client c = clients.get(key);
                return c == null ? 0 : c.inNode;
            } finally {
                lock.unlock();
            }
        }

        int running() {
            lock.lock();
            try {
                return running;
            } finally {
                lock.unlock();
            }
        }
    }
}
