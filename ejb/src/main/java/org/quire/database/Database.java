package org.quire.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.quire.settings.SettingsService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quire's database: the data sources, the embedded default's life cycle, and the schema.
 * <ul>
 *   <li>The embedded default (no {@code quire.db.url} configured) is a PostgreSQL that Quire runs itself
 *       ({@link EmbeddedPostgres}); on its first start it imports an earlier installation's H2 file
 *       ({@link H2Import}), and {@code quire.db.restore-from} restores a backup ({@link DatabaseBackup}).</li>
 *   <li>Otherwise the configured database (PostgreSQL 15+), reached through the same data sources.</li>
 *   <li>Flyway owns the schema: it migrates at start-up before any other start-up bean touches the database.</li>
 * </ul>
 * A database that cannot be opened does not stop the deployment: Quire stays up, {@link #status()} says what is
 * wrong and what to do, the health checks report it and every request is answered 503 with the same words.
 */
@DataSourceDefinitions({
        @DataSourceDefinition(
                name = Database.JNDI_NAME,
                className = "${MPCONFIG=quire.db.datasource-class}",
                url = "${MPCONFIG=quire.db.url}",
                user = "${MPCONFIG=quire.db.user}",
                password = "${MPCONFIG=quire.db.password}",
                minPoolSize = 2,
                maxPoolSize = 32),
        // Refusals are audited in a transaction of their own (REQUIRES_NEW) while the refused request may hold a
        // row lock and a connection of the main pool. Drawing that second connection from the main pool can starve
        // it (every connection held by a request queued behind the row lock, the lock holder waiting for a
        // connection); a small pool of its own for the audit unit cannot.
        @DataSourceDefinition(
                name = Database.AUDIT_JNDI_NAME,
                className = "${MPCONFIG=quire.db.datasource-class}",
                url = "${MPCONFIG=quire.db.url}",
                user = "${MPCONFIG=quire.db.user}",
                password = "${MPCONFIG=quire.db.password}",
                minPoolSize = 1,
                maxPoolSize = 8)
})
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // status() is read by every request: never behind a lock
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/quire";
    public static final String AUDIT_JNDI_NAME = "java:app/jdbc/quire-audit";

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    @Inject
    SettingsService settings;

    private EmbeddedDatabase embedded;
    private volatile Status status = new Status(false, "The database is being opened", "Wait for the start to finish.", null);

    /** Whether the database is open, and if not, why and what to do. */
    public record Status(boolean open, String problem, String action, String engine) {
    }

    @PostConstruct
    void open() {
        try {
            String engine = "PostgreSQL (configured: quire.db.url)";
            if (EmbeddedSettings.inForce()) {
                embedded = EmbeddedDatabase.current();
                embedded.prepare();  // done already, as a rule: when the data sources resolved quire.db.url
                engine = "embedded PostgreSQL " + EmbeddedPostgres.VERSION + " (" + embedded.settings().cluster() + ")";
            }
            migrate();
            status = new Status(true, null, null, engine);
        } catch (DatabaseProblem p) {
            fail(p);
        } catch (RuntimeException e) {
            fail(new DatabaseProblem("The database cannot be opened: " + rootMessage(e),
                    "Check quire.db.url, quire.db.user and quire.db.password and that the database server is running; "
                            + "the log has the details.", e));
        }
    }

    @PreDestroy
    void close() {
        if (embedded != null) {
            embedded.stop();
        }
    }

    public Status status() {
        return status;
    }

    /** The embedded default's database, when that is in force. */
    public Optional<EmbeddedDatabase> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** A cheap round trip for the readiness probe. */
    public boolean isReachable() {
        if (!status.open()) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A connection outside any transaction (backups), from the main pool. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private void fail(DatabaseProblem p) {
        status = new Status(false, p.problem(), p.action(), null);
        settings.databaseCannotOpen();
        LOG.log(Level.SEVERE, "QUIRE CANNOT OPEN ITS DATABASE: " + p.problem() + "\n  What to do: " + p.action()
                + "\n  Quire stays up and answers every request with 503 until this is fixed and Quire is restarted.", p.getCause());
    }

    /** Flyway over the application's migrations: the SQL scripts, and the Java ones SQL cannot express portably. */
    static FluentConfiguration schema() {
        return Flyway.configure(Database.class.getClassLoader())
                .locations("classpath:db/migration")
                .javaMigrations(new NfcNamesMigration()); // V10: SQL has no portable Unicode normalisation
    }

    private void migrate() {
        Flyway flyway = schema().dataSource(dataSource).load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Database schema at version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migrations applied at this start)");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
