package org.quire.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Moves an installation of the earlier embedded default (H2, {@code db/quire.mv.db}) into the embedded PostgreSQL on
 * the first start of this version: the H2 file is opened read-only and left as it is; its rows go into a new database
 * {@code quire_import} whose schema Flyway brings to the H2 file's version; the copy is checked (every table's row
 * count, every version's blob present in the store); only then is {@code quire_import} renamed {@code quire}, one
 * atomic step. A failure or a power cut before that step leaves no {@code quire} database, so the next start imports
 * again from the untouched H2 file.
 */
final class H2Import {

    static final String H2_FILE = "quire.mv.db";
    static final String STAGING = "quire_import";
    private static final Logger LOG = Logger.getLogger(H2Import.class.getName());

    private H2Import() {
    }

    static boolean pending(EmbeddedSettings settings) {
        return Files.exists(settings.home().resolve(H2_FILE));
    }

    /** The report written to {@code db/h2-imported.txt}: rows per table. */
    record Report(String schemaVersion, Map<String, Long> rows, long versions) {
    }

    static Report run(EmbeddedPostgres postgres, Predicate<String> blobStored, Migrations migrations) throws DatabaseProblem {
        EmbeddedSettings settings = postgres.settings();
        Path file = settings.home().resolve(H2_FILE);
        String keep = "The H2 file " + file + " is untouched: Quire will try again at its next start. To run the old "
                + "installation meanwhile, start the previous Quire version.";
        try (Connection h2 = openReadOnly(settings)) {
            String version = Tables.schemaVersion(h2, "\"" + Tables.FLYWAY_HISTORY + "\"");
            if (version == null) {
                throw new DatabaseProblem("The H2 database " + file + " has no schema history", keep);
            }
            try (Connection admin = postgres.connect("postgres"); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + STAGING);
                s.execute("CREATE DATABASE " + STAGING);
            }
            migrations.migrate(STAGING, version);
            Report report;
            try (Connection pg = postgres.connect(STAGING)) {
                pg.setAutoCommit(false);
                List<String> tables = Tables.of(pg);
                Tables.emptyForCopy(pg, tables);
                Map<String, Long> rows = new LinkedHashMap<>();
                for (String table : tables) {
                    rows.put(table, copy(h2, pg, table));
                }
                Tables.setSequences(pg, h2Sequences(h2));
                pg.commit();
                long versions = 0;
                for (String table : tables) {
                    long there = Tables.count(pg, table);
                    if (there != rows.get(table)) {
                        throw new DatabaseProblem("Importing the H2 database: table " + table + " has " + rows.get(table)
                                + " rows in H2 but " + there + " after the copy", keep);
                    }
                }
                try (Statement s = pg.createStatement(); ResultSet r = s.executeQuery("SELECT DISTINCT sha256 FROM document_version")) {
                    while (r.next()) {
                        versions++;
                        if (!blobStored.test(r.getString(1))) {
                            throw new DatabaseProblem("Importing the H2 database: the content " + r.getString(1)
                                    + " of a version is not in the blob store", keep + " Restore the blob store (store/blobs) "
                                    + "from the backup that belongs to this database first.");
                        }
                    }
                }
                report = new Report(version, rows, versions);
            }
            try (Connection admin = postgres.connect("postgres"); Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + STAGING + " RENAME TO " + EmbeddedSettings.DATABASE);
            }
            LOG.warning(() -> "Embedded database: imported the H2 database " + file + " (schema " + version + ", "
                    + report.rows().values().stream().mapToLong(Long::longValue).sum() + " rows, " + report.versions()
                    + " contents checked in the blob store). The H2 file is kept; remove " + settings.home().resolve("quire.*.db")
                    + " when you no longer need it.");
            return report;
        } catch (SQLException e) {
            throw new DatabaseProblem("Importing the H2 database " + file + " failed: " + e.getMessage(), keep, e);
        }
    }

    private static Connection openReadOnly(EmbeddedSettings settings) throws SQLException, DatabaseProblem {
        Driver driver;
        try {
            driver = (Driver) Class.forName("org.h2.Driver", true, H2Import.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new DatabaseProblem("An H2 database from an earlier Quire is in " + settings.home()
                    + ", but this server has no H2 driver to read it", "Add the H2 2.x driver to the server's libraries for "
                    + "this one start (Payara ships it), or import it on Payara Micro.", e);
        }
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedSettings.key("quire.db.h2.user").orElse("quire"));
        properties.setProperty("password", EmbeddedSettings.key("quire.db.h2.password").orElse("quire"));
        String url = "jdbc:h2:file:" + settings.home().resolve("quire") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        return driver.connect(url, properties);
    }

    private static long copy(Connection h2, Connection pg, String table) throws SQLException {
        long rows = 0;
        try (Statement read = h2.createStatement(); ResultSet r = read.executeQuery("SELECT * FROM " + table.toUpperCase(Locale.ROOT))) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(Tables.identifier(meta.getColumnName(i).toLowerCase(Locale.ROOT)));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement write = pg.prepareStatement(insert)) {
                while (r.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, r.getObject(i));
                    }
                    write.addBatch();
                    if (++rows % 500 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
        }
        return rows;
    }

    private static Map<String, Long> h2Sequences(Connection h2) throws SQLException {
        Map<String, Long> next = new LinkedHashMap<>();
        try (Statement s = h2.createStatement(); ResultSet r = s.executeQuery(
                "SELECT SEQUENCE_NAME, BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'")) {
            while (r.next()) {
                next.put(r.getString(1).toLowerCase(Locale.ROOT), r.getLong(2));
            }
        }
        return next;
    }

    /** Brings a database of the embedded cluster to a schema version (Flyway, the application's migrations). */
    interface Migrations {
        void migrate(String database, String targetVersion) throws DatabaseProblem;
    }
}
