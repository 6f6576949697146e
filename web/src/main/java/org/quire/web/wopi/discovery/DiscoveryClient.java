package org.quire.web.wopi.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Fetches and caches the WOPI client's discovery ({@code quire.wopi.discovery-url}, e.g. ONLYOFFICE's
 * {@code /hosting/discovery}) for {@code quire.wopi.discovery-ttl} (default 12 h). {@link #refresh()} re-reads it
 * at once — after a proof check failed or passed only with the old key. No redirects; bounded size and time.
 */
@ApplicationScoped
public class DiscoveryClient {

    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(DiscoveryClient.class.getName());

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    org.quire.settings.SettingsService settings;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Discovery cached;
    private volatile String cachedUrl;

    /** {@code quire.wopi.discovery-url} as in force now (administrators may change it). */
    public Optional<String> url() {
        return settings.value(org.quire.settings.SettingKey.WOPI_DISCOVERY_URL).map(String::strip);
    }

    /** The discovery, fetched if none is cached or the cached one is older than the TTL; empty if unconfigured or unreachable. */
    public Optional<Discovery> get() {
        Discovery d = cached;
        if (d != null && !url().equals(Optional.ofNullable(cachedUrl))) {
            d = null; // the URL changed: the old discovery is not the client's any more
        }
        if (d != null && d.fetched().plus(ttl()).isAfter(clock.instant())) {
            return Optional.of(d);
        }
        Discovery previous = d;
        return refresh().or(() -> Optional.ofNullable(previous));
    }

    public synchronized Optional<Discovery> refresh() {
        Optional<String> url = url();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().equals(cachedUrl)) {
            cached = null;
        }
        try {
            Discovery fresh = fetch(url.get());
            cached = fresh;
            cachedUrl = url.get();
            return Optional.of(fresh);
        } catch (IOException e) {
            LOG.warning(() -> "WOPI discovery at " + url.get() + " could not be read: " + e.getMessage());
            return Optional.ofNullable(cached);
        }
    }

    /**
     * Reads the discovery at {@code url} now, past the cache (for the administrators' connection check); the
     * exception's message says why it could not be read.
     */
    public Discovery fetch(String url) throws IOException {
        HttpResponse<InputStream> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IllegalArgumentException e) {
            throw new IOException("the URL is not usable (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IOException("no answer (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("it answered HTTP " + r.statusCode());
            }
            return DiscoveryParser.parse(new BoundedInputStream(body, MAX_BYTES), clock.instant());
        } catch (IllegalArgumentException e) {
            throw new IOException("the answer is not a WOPI discovery document (" + e.getMessage() + ")");
        }
    }

    private Duration ttl() {
        return config.getOptionalValue("quire.wopi.discovery-ttl", String.class).map(Duration::parse).orElse(Duration.ofHours(12));
    }

    /** Fails the read past {@code max} bytes: a discovery document is small. */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1 && --left < 0) {
                throw new IOException("the discovery document is larger than " + MAX_BYTES + " bytes");
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("the discovery document is larger than " + MAX_BYTES + " bytes");
            }
            return n;
        }
    }
}
