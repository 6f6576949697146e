package org.quire.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.quire.platform.InvalidInputException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The effective value of each {@link SettingKey}: the database row when an administrator set one, else the
 * MicroProfile Config value of the same key, else the default. Reads are in memory: the rows are re-read from
 * the database when they are older than {@link #REFRESH} (5 s), and at once on the node that changed them
 * ({@link #changed()}, called after the commit). So a change is in force on the node that made it for the next
 * request, and on every other node of a cluster within 5 s (docs/OPERATIONS.md, "Settings in the database").
 * If the database cannot be read, the last rows read stay in force (the failure is logged once, and so is the
 * recovery); if it could not be opened at all ({@link #databaseCannotOpen()}), no read is tried until a restart.
 */
@ApplicationScoped
public class SettingsService {

    /** The longest time a change made on another node takes to be in force here. */
    public static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SettingsService.class.getName());

    public enum Source {
        DATABASE, CONFIG, DEFAULT;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One setting's effective value ({@code null} when unset) and where it comes from. */
    public record Effective(SettingKey key, String value, Source source) {
        @Override
        public String toString() {
            return "Effective[" + key.key() + "=" + (key.secret() ? "***" : value) + " from " + source.value() + "]";
        }
    }

    /** What the admin API shows of a setting: a secret's value is never included, {@code set} tells whether it has one. */
    @jakarta.json.bind.annotation.JsonbNillable
    public record View(String key, String value, String source, boolean secret, boolean set, String description, String type) {
    }

    private record Snapshot(Map<String, String> rows, Instant loaded, boolean read) {
    }

    @Inject
    Config config;

    @Inject
    SettingsStore store;

    @Inject
    Clock clock;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.EPOCH, false);
    private final ReentrantLock loading = new ReentrantLock();
    private volatile boolean databaseClosed;
    private boolean failing; // guarded by loading
    /** Counts {@link #changed()}: rows read while a change committed are not kept as fresh. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * The database could not be opened at this start (it answers nothing until a restart): the configured values are
     * in force and no stored setting is read, instead of a failing query and its stack trace every few seconds that
     * would bury the one message saying what is wrong.
     */
    public void databaseCannotOpen() {
        databaseClosed = true;
    }

    // --- effective values ---------------------------------------------------------------------------------

    public Effective effective(SettingKey key) {
        String stored = rows().get(key.key());
        if (stored != null) {
            return new Effective(key, stored, Source.DATABASE);
        }
        Optional<String> configured = configured(key.key());
        if (configured.isPresent()) {
            return new Effective(key, configured.get(), Source.CONFIG);
        }
        return new Effective(key, key.defaultValue(), Source.DEFAULT);
    }

    /** The effective value, empty when unset or blank. */
    public Optional<String> value(SettingKey key) {
        return Optional.ofNullable(effective(key).value()).filter(v -> !v.isBlank());
    }

    /** The effective value, or "" when unset. */
    public String text(SettingKey key) {
        return value(key).orElse("");
    }

    /** A boolean setting; a value that is not {@code true}/{@code false} counts as the default (and is logged). */
    public boolean bool(SettingKey key) {
        String v = text(key).strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        LOG.warning(() -> key.key() + " is not true or false; using the default " + key.defaultValue());
        return Boolean.parseBoolean(key.defaultValue());
    }

    /** A number setting; a malformed value counts as the default (and is logged). */
    public long number(SettingKey key) {
        try {
            return Long.parseLong(text(key).strip());
        } catch (NumberFormatException e) {
            LOG.warning(() -> key.key() + " is not a number; using the default " + key.defaultValue());
            return Long.parseLong(key.defaultValue());
        }
    }

    /** A duration setting (ISO-8601); a malformed value counts as the default (and is logged). */
    public Duration duration(SettingKey key) {
        try {
            return Duration.parse(text(key).strip());
        } catch (java.time.format.DateTimeParseException e) {
            LOG.warning(() -> key.key() + " is not an ISO-8601 duration; using the default " + key.defaultValue());
            return Duration.parse(key.defaultValue());
        }
    }

    /** Every setting as the admin API shows it. */
    public List<View> views() {
        List<View> views = new ArrayList<>();
        for (SettingKey k : SettingKey.values()) {
            Effective e = effective(k);
            boolean set = e.value() != null && !e.value().isEmpty();
            views.add(new View(k.key(), k.secret() ? null : e.value(), e.source().value(), k.secret(), set, k.description(), k.typeName()));
        }
        return views;
    }

    // --- changes ------------------------------------------------------------------------------------------

    /**
     * Validates a change set from the admin API: every key must be a setting, every value valid for it.
     * Returns the values to store (empty: remove the database value); nothing is stored when any is invalid.
     */
    public static Map<SettingKey, Optional<String>> validate(Map<String, String> changes) {
        Map<SettingKey, Optional<String>> valid = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            SettingKey key = SettingKey.of(change.getKey()).orElseThrow(() -> new InvalidInputException("unknown_setting",
                    "'" + change.getKey() + "' is not a setting that can be changed here."));
            if (change.getValue() == null) {
                valid.put(key, Optional.empty());
                continue;
            }
            try {
                String v = key.normalise(change.getValue());
                if (v.length() > 4000) {
                    throw new IllegalArgumentException("the value is longer than 4000 characters");
                }
                valid.put(key, Optional.of(v));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid_setting", key.key() + ": " + e.getMessage() + ". Nothing was changed.");
            }
        }
        return valid;
    }

    /** The rows changed: read them again at the next read (called after the change committed). */
    public void changed() {
        changes.incrementAndGet();
        Snapshot s = snapshot;
        snapshot = new Snapshot(s.rows(), Instant.EPOCH, s.read());
    }

    // --- reading ------------------------------------------------------------------------------------------

    /** The MicroProfile Config value of {@code key}; blank counts as unset. */
    Optional<String> configured(String key) {
        return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank());
    }

    /** The rows of the database, key to value. */
    Map<String, String> load() {
        return store.rows();
    }

    Instant now() {
        return clock.instant();
    }

    private Map<String, String> rows() {
        Snapshot s = snapshot;
        if (databaseClosed || s.read() && s.loaded().plus(REFRESH).isAfter(now())) {
            return s.rows();
        }
        if (s.read()) {
            // somebody else is reading them: the rows of a moment ago will do
            if (!loading.tryLock()) {
                return s.rows();
            }
        } else {
            loading.lock();
        }
        try {
            s = snapshot;
            if (s.read() && s.loaded().plus(REFRESH).isAfter(now())) {
                return s.rows();
            }
            try {
                long before = changes.get();
                Map<String, String> rows = Map.copyOf(load());
                // a change that committed while they were read may be missing from them: read again next time
                snapshot = new Snapshot(rows, changes.get() == before ? now() : Instant.EPOCH, true);
                if (failing) {
                    failing = false;
                    LOG.info("The settings are read from the database again");
                }
                return rows;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.warning("The settings could not be read from the database (" + e + "); the last ones read stay in force"
                            + " (tried again every " + REFRESH.toSeconds() + " s, logged again when they can be read)");
                }
                snapshot = new Snapshot(s.rows(), now(), true);
                return s.rows();
            }
        } finally {
            loading.unlock();
        }
    }
}
