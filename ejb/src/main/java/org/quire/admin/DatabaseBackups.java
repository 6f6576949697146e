package org.quire.admin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.database.Database;
import org.quire.database.DatabaseBackup;
import org.quire.identity.Caller;
import org.quire.platform.ConflictException;
import org.quire.platform.UnavailableException;
import org.quire.settings.QuireConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Database backups: on a schedule ({@code quire.backup.every}, on by default for the embedded default) and on an
 * administrator's request. One at a time per node; each is a consistent snapshot of every table (one read-only
 * REPEATABLE READ transaction, see {@link DatabaseBackup}) with the list of the blobs it references, so a copy of
 * the blob store taken after it holds everything it needs. The newest {@code quire.backup.keep} are kept.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseBackups {

    private static final Logger LOG = Logger.getLogger(DatabaseBackups.class.getName());
    /** The first scheduled backup waits this long after the start, so it does not compete with it. */
    private static final Duration FIRST_DELAY = Duration.ofMinutes(2);

    @Inject
    Database database;

    @Inject
    QuireConfig config;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Optional<Duration> every = Optional.empty();
    private volatile Failure lastFailure;
    private volatile String scheduleProblem;

    /** A backup that failed: when and why. */
    public record Failure(Instant at, String message) {
    }

    /** What the console shows. {@code every} empty: no schedule; {@code next}: the next scheduled backup. */
    public record State(Optional<Duration> every, Path directory, int keep, boolean running, List<DatabaseBackup.Summary> backups,
                        Failure lastFailure, Instant next, String scheduleProblem) {
    }

    @PostConstruct
    void schedule() {
        try {
            every = config.backupEvery(database.embedded().isPresent());
        } catch (RuntimeException e) {
            scheduleProblem = "quire.backup.every is not usable (" + e.getMessage() + "); no scheduled backups until it is fixed";
            LOG.warning(scheduleProblem);
            return;
        }
        if (every.isEmpty() || !database.status().open()) {
            return;
        }
        Duration interval = every.get();
        Duration delay = firstDelay(newest().map(DatabaseBackup.Summary::created), clock.instant(), interval);
        timers.createIntervalTimer(delay.toMillis(), interval.toMillis(), new TimerConfig("database-backup", false));
        LOG.info("Database backups every " + interval + " into " + config.backupDir() + " (keeping " + config.backupKeep()
                + "); the next in " + delay.toMinutes() + " min");
    }

    /**
     * When the first scheduled backup of this start is due: {@code every} after the newest backup, so restarts do
     * not postpone it; at once (after {@link #FIRST_DELAY}) when there is none or it is overdue.
     */
    static Duration firstDelay(Optional<Instant> newest, Instant now, Duration every) {
        Duration delay = newest.map(created -> Duration.between(now, created.plus(every))).orElse(Duration.ZERO);
        return delay.compareTo(FIRST_DELAY) < 0 ? FIRST_DELAY : delay;
    }

    @Timeout
    void scheduled() {
        try {
            backUp();
        } catch (ConflictException e) {
            LOG.info("Scheduled database backup skipped: one is running");
        } catch (UnavailableException e) {
            LOG.warning("Scheduled database backup not written: " + e.getMessage());
        }
    }

    /** Backs up now (dms-admin); 409 {@code backup_running} while one runs. Returns the new backup. */
    public DatabaseBackup.Summary backUpNow() {
        caller.requireAdmin();
        return backUp();
    }

    public State state() {
        caller.requireAdmin();
        Instant next = timers.getTimers().stream().map(t -> t.getNextTimeout().toInstant()).min(Instant::compareTo).orElse(null);
        return new State(every, config.backupDir(), config.backupKeep(), running.get(), all(), lastFailure, next, scheduleProblem);
    }

    private DatabaseBackup.Summary backUp() {
        if (!database.status().open()) {
            throw new UnavailableException("database_unavailable", "The database is not open: " + database.status().problem());
        }
        if (!running.compareAndSet(false, true)) {
            throw new ConflictException("backup_running", "A database backup is running already; wait for it to finish.");
        }
        Path directory = config.backupDir();
        try (Connection connection = database.connection()) {
            DatabaseBackup.Summary done = DatabaseBackup.backUp(connection, directory, clock.instant());
            DatabaseBackup.prune(directory, config.backupKeep());
            lastFailure = null;
            LOG.info(() -> "Database backed up: " + done.folder() + " (" + done.rows() + " rows, " + done.blobs() + " blobs referenced, "
                    + done.bytes() + " bytes)");
            audit.record(AuditAction.DATABASE_BACKED_UP, null, done.name(), "rows=" + done.rows() + " blobs=" + done.blobs()
                    + " bytes=" + done.bytes());
            return done;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            lastFailure = new Failure(clock.instant(), "The backup into " + directory + " failed: " + why);
            LOG.log(Level.SEVERE, "Database backup into " + directory + " failed", e);
            try {
                audit.record(AuditAction.DATABASE_BACKUP_FAILED, null, directory.toString(), truncate(why));
            } catch (RuntimeException a) {
                LOG.log(Level.WARNING, "Database backup failure not audited", a);
            }
            throw new UnavailableException("backup_failed", lastFailure.message());
        } finally {
            running.set(false);
        }
    }

    private List<DatabaseBackup.Summary> all() {
        try {
            return DatabaseBackup.list(config.backupDir());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Listing the backups in " + config.backupDir() + " failed", e);
            return List.of();
        }
    }

    private Optional<DatabaseBackup.Summary> newest() {
        return all().stream().findFirst();
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
