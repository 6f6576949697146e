package org.quire.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's share of a node (docs/ARCHITECTURE.md, "One client starving the rest"): at most
 * {@code quire.limits.requests-per-client} of its requests run at once; the next is refused before any work, so a
 * client holding hundreds of connections cannot take the threads and the processors every other user's requests
 * need. A client is the authenticated user — on the WOPI and ONLYOFFICE routes the token's user, never the Document
 * Server's address, which all editors share — or, for an anonymous request, its address.
 */
@ApplicationScoped
public class FairShare {

    @Inject
    SettingsService settings;

    @Inject
    MetricRegistry metrics;

    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    /** A request being served; closing it lets the client's next one in. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** The client's turn, or empty when as many of its requests as it may have run already (counted as refused). */
    public Optional<Turn> enter(String client) {
        int limit = (int) settings.number(SettingKey.REQUESTS_PER_CLIENT);
        boolean[] admitted = {false};
        running.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < limit;
            return admitted[0] ? now + 1 : (now == 0 ? null : now);
        });
        if (!admitted[0]) {
            refused().inc();
            return Optional.empty();
        }
        AtomicBoolean ended = new AtomicBoolean();
        return Optional.of(() -> {
            if (ended.compareAndSet(false, true)) {
                running.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
        });
    }

    /** Requests of {@code client} running now (for tests and the console). */
    public int running(String client) {
        return running.getOrDefault(client, 0);
    }

    private Counter refused() {
        return metrics.counter(Metadata.builder().withName("quire.fair-share.refused")
                .withDescription("Requests refused because their client had quire.limits.requests-per-client running already").build());
    }
}
