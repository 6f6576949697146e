package org.quire.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quire's tables and sequences in a PostgreSQL database, for the work that moves whole databases: the H2 import,
 * backups and restores. Flyway's own history table is not data: each side's Flyway keeps its own.
 */
final class Tables {

    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private Tables() {
    }

    /** Every table of the public schema but Flyway's, by name. */
    static List<String> of(Connection pg) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = pg.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ? ORDER BY table_name")) {
            s.setString(1, FLYWAY_HISTORY);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
        }
        return tables;
    }

    /** Every sequence of the public schema with the value its next call returns. */
    static Map<String, Long> sequences(Connection pg) throws SQLException {
        Map<String, Long> next = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (Statement s = pg.createStatement();
             ResultSet r = s.executeQuery("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        for (String name : names) {
            try (Statement s = pg.createStatement();
                 ResultSet r = s.executeQuery("SELECT last_value, is_called, increment_by FROM " + identifier(name)
                         + ", (SELECT increment_by FROM pg_sequences WHERE schemaname = 'public' AND sequencename = '" + name + "') i")) {
                r.next();
                next.put(name, r.getBoolean(2) ? r.getLong(1) + r.getLong(3) : r.getLong(1));
            }
        }
        return next;
    }

    /** Sets each named sequence so that its next call returns the given value. */
    static void setSequences(Connection pg, Map<String, Long> next) throws SQLException {
        for (Map.Entry<String, Long> e : next.entrySet()) {
            try (PreparedStatement s = pg.prepareStatement("SELECT setval(?, ?, false)")) {
                s.setString(1, identifier(e.getKey()));
                s.setLong(2, e.getValue());
                s.execute();
            }
        }
    }

    /** Empties every table in one statement, for a copy that arrives in any order (foreign keys are off meanwhile). */
    static void emptyForCopy(Connection pg, List<String> tables) throws SQLException {
        try (Statement s = pg.createStatement()) {
            // Foreign keys are triggers in PostgreSQL; the copy arrives table by table in no particular order, so they
            // are off for this transaction (it runs as the embedded database's superuser; the counts are checked after).
            s.execute("SET LOCAL session_replication_role = replica");
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables.stream().map(Tables::identifier).toList()));
            }
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + identifier(table))) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The schema version Flyway recorded as applied last. */
    static String schemaVersion(Connection connection, String historyTable) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                "SELECT \"version\" FROM " + historyTable + " WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
