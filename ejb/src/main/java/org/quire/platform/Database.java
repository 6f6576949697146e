package org.quire.platform;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Quire's data source and schema. The JDBC settings come from MicroProfile Config, so switching from the
 * embedded H2 file database to PostgreSQL is configuration, not a rebuild. Flyway owns the schema:
 * it migrates at start-up before any other start-up bean touches the database.
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
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/quire";
    public static final String AUDIT_JNDI_NAME = "java:app/jdbc/quire-audit";

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    @jakarta.annotation.PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new NfcNamesMigration()) // V10: SQL has no portable Unicode normalisation
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Database schema at version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migrations applied at this start)");
    }

    /** A cheap round trip for the readiness probe. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
