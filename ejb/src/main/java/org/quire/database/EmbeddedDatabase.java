package org.quire.database;

import org.flywaydb.core.api.FlywayException;
import org.quire.content.FileSystemBlobStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The embedded default, made ready before the application's persistence units need it: Payara opens an entity
 * manager while it deploys (to validate them), so the database must answer by then. {@link EmbeddedDatabaseConfigSource}
 * calls {@link #prepare()} when the data sources first resolve {@code quire.db.url}: the PostgreSQL is started, a
 * requested restore ({@code quire.db.restore-from}) or the import of an earlier H2 installation is done, the
 * database {@code quire} exists. When that fails, the data sources get a placeholder (an empty in-memory database)
 * so that Quire deploys all the same and {@link Database} can say what is wrong instead of "No Application deployed".
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    private static volatile EmbeddedDatabase current;

    private final EmbeddedPostgres postgres;
    private final Predicate<String> blobStored;
    private boolean prepared;
    private DatabaseProblem problem;
    private Thread stopOnExit;

    EmbeddedDatabase(EmbeddedSettings settings) {
        this.postgres = new EmbeddedPostgres(settings);
        Path store = settings.home().resolveSibling("store");
        this.blobStored = sha -> {
            try {
                return new FileSystemBlobStore(store).isStored(sha);
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** This application start's embedded database. */
    public static EmbeddedDatabase current() {
        if (current == null) {
            synchronized (EmbeddedDatabase.class) {
                if (current == null) {
                    current = new EmbeddedDatabase(EmbeddedSettings.current());
                }
            }
        }
        return current;
    }

    public EmbeddedSettings settings() {
        return postgres.settings();
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** Starts and prepares the database once; the problem, if any, is kept for {@link Database} and thrown again. */
    public synchronized void prepare() throws DatabaseProblem {
        if (!prepared) {
            prepared = true;
            try {
                stopOnExit = new Thread(postgres::stop, "quire-embedded-database-stop");
                Runtime.getRuntime().addShutdownHook(stopOnExit);
                prepareDatabase();
            } catch (DatabaseProblem p) {
                problem = p;
            } catch (RuntimeException e) {
                problem = new DatabaseProblem("The embedded database cannot be prepared: " + e, "Read the log and "
                        + settings().home().resolve("postgres.log") + ".", e);
            }
        }
        if (problem != null) {
            throw problem;
        }
    }

    /** Whether {@link #prepare()} succeeded (it runs first if it has not). */
    boolean ready() {
        try {
            prepare();
            return true;
        } catch (DatabaseProblem p) {
            return false;
        }
    }

    public synchronized void stop() {
        postgres.stop();
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs and finds the database stopped
            }
            stopOnExit = null;
        }
    }

    private void prepareDatabase() throws DatabaseProblem {
        EmbeddedSettings settings = settings();
        Optional<Path> restoreFrom = EmbeddedSettings.key("quire.db.restore-from").map(Path::of).map(Path::toAbsolutePath);
        Path restored = settings.home().resolve("restored-from");
        Path restoring = settings.home().resolve("restore-in-progress");
        if (restoreFrom.isPresent() && !restoreFrom.get().toString().equals(read(restored))) {
            restore(restoreFrom.get(), restoring, restored);
            return;
        }
        if (restoreFrom.isPresent()) {
            LOG.warning(() -> "quire.db.restore-from=" + restoreFrom.get() + " was restored at an earlier start; nothing to do "
                    + "(remove the setting)");
        }
        postgres.start();
        if (!databaseExists(EmbeddedSettings.DATABASE)) {
            if (H2Import.pending(settings)) {
                H2Import.Report report = H2Import.run(postgres, blobStored, this::migrateEmbedded);
                write(settings.home().resolve("h2-imported.txt"), "Imported " + Instant.now() + " from "
                        + settings.home().resolve(H2Import.H2_FILE) + " at schema " + report.schemaVersion() + "\nrows: "
                        + report.rows() + "\ncontents checked in the blob store: " + report.versions()
                        + "\nThe H2 file is no longer used; remove quire.mv.db (and quire.trace.db) when you no longer need it.\n");
            } else {
                execute("CREATE DATABASE " + EmbeddedSettings.DATABASE);
            }
        }
    }

    private void restore(Path backup, Path restoring, Path restored) throws DatabaseProblem {
        EmbeddedSettings settings = settings();
        String version;
        try {
            version = DatabaseBackup.schemaVersion(backup);
        } catch (IOException | RuntimeException e) {
            throw new DatabaseProblem("quire.db.restore-from=" + backup + " is not a readable Quire backup (" + e.getMessage() + ")",
                    "Give the folder of a backup (it holds manifest.json), e.g. one under " + settings.home().resolveSibling("backups") + ".", e);
        }
        boolean interrupted = Files.exists(restoring);
        String aside = "postgres.before-restore-" + Instant.now().toString().replaceAll("[^0-9TZ]", "");
        postgres.setClusterAside(interrupted ? null : aside);
        write(restoring, backup.toString());
        postgres.start();
        String staging = "quire_restore";
        execute("DROP DATABASE IF EXISTS " + staging);
        execute("CREATE DATABASE " + staging);
        migrateEmbedded(staging, version);
        try (Connection c = postgres.connect(staging)) {
            DatabaseBackup.restore(c, backup, blobStored);
        } catch (SQLException | IOException e) {
            throw new DatabaseProblem("Restoring " + backup + " failed: " + e.getMessage(), "Check the backup folder and start again.", e);
        }
        execute("DROP DATABASE IF EXISTS " + EmbeddedSettings.DATABASE);
        execute("ALTER DATABASE " + staging + " RENAME TO " + EmbeddedSettings.DATABASE);
        write(restored, backup.toString());
        try {
            Files.deleteIfExists(restoring);
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove " + restoring + ": " + e.getMessage());
        }
        LOG.warning(() -> "Embedded database restored from " + backup + " (schema " + version + ")"
                + (interrupted ? "" : "; the cluster as it was is kept in " + settings.home().resolve(aside)));
    }

    /** Brings a database of the embedded cluster to {@code version} (imports and restores start there). */
    private void migrateEmbedded(String database, String version) throws DatabaseProblem {
        EmbeddedSettings settings = settings();
        try {
            Database.schema()
                    .dataSource(settings.jdbcUrl(database), EmbeddedSettings.USER, settings.password())
                    .target(version)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseProblem("Cannot create the schema (version " + version + ") in " + database + ": " + e.getMessage(),
                    "This Quire may be older than the data (a schema version it does not know): run the version that wrote it.", e);
        }
    }

    private boolean databaseExists(String name) throws DatabaseProblem {
        try (Connection c = postgres.connect("postgres");
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new DatabaseProblem("The embedded database does not answer: " + e.getMessage(), "Read "
                    + settings().home().resolve("postgres.log") + ".", e);
        }
    }

    private void execute(String sql) throws DatabaseProblem {
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseProblem("The embedded database refused " + sql + ": " + e.getMessage(),
                    "Read " + settings().home().resolve("postgres.log") + ".", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String text) throws DatabaseProblem {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatabaseProblem("Cannot write " + file + ": " + e.getMessage(), "Check the permissions of " + file.getParent() + ".", e);
        }
    }

}
