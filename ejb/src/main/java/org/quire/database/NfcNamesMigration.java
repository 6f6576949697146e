package org.quire.database;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * V10 (issue 20): names written before names were normalised on the way in become Unicode NFC — except where that
 * would make two live entries of one folder the same name. Those collisions (a composed and a decomposed "é" side
 * by side) are <b>reported, not renamed</b>: their rows stay exactly as they were, the migration logs each group
 * (WARNING) and {@code NameNormalisationCheck} reports them again at every start (log and audit) until an
 * administrator renames one of each group. A row that only changes from NFD to NFC looks the same to people; its
 * id, modified time and versions are untouched. Nothing is created or dropped.
 *
 * <p>A Java migration, registered by {@link Database} (not scanned), because SQL has no portable NFC. The plan is
 * {@link #plan} (pure, unit-tested); {@link #migrate} reads the rows and applies it.
 */
public class NfcNamesMigration implements JavaMigration {

    private static final Logger LOG = Logger.getLogger(NfcNamesMigration.class.getName());

    /** One stored row: its id, parent (folder of a document, parent of a folder), name and name key (null when trashed). */
    public record Row(long id, Long parent, String name, String nameKey) {
        boolean live() {
            return nameKey != null;
        }
    }

    /** A new name and key for a row; {@code key} stays null for a trashed row. */
    public record Update(long id, String name, String key) {
    }

    /** What V10 does with one table: the updates, and the groups of live rows left as they are because they collide. */
    public record Plan(List<Update> updates, List<List<Row>> collisions) {
    }

    static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    static String key(String name) {
        return nfc(name).toLowerCase(Locale.ROOT);
    }

    /**
     * The rows to rewrite: every row whose name or key is not the NFC form, unless it is live and another live row of
     * its parent has the same NFC, case-folded name (a collision: reported, the whole group untouched) or already holds
     * the key it would get (the unique constraint). Trashed rows have no key, so they never collide.
     */
    public static Plan plan(List<Row> rows) {
        Map<String, List<Row>> groups = new HashMap<>();
        Set<String> storedKeys = new HashSet<>();
        for (Row r : rows) {
            if (r.live()) {
                groups.computeIfAbsent(r.parent() + "/" + key(r.name()), k -> new ArrayList<>()).add(r);
                storedKeys.add(r.parent() + "/" + r.nameKey());
            }
        }
        List<Update> updates = new ArrayList<>();
        for (Row r : rows) {
            String name = nfc(r.name());
            if (!r.live()) {
                if (!name.equals(r.name())) {
                    updates.add(new Update(r.id(), name, null));
                }
                continue;
            }
            String key = key(r.name());
            if (name.equals(r.name()) && key.equals(r.nameKey())) {
                continue;
            }
            boolean alone = groups.get(r.parent() + "/" + key).size() == 1;
            boolean keyFree = key.equals(r.nameKey()) || !storedKeys.contains(r.parent() + "/" + key);
            if (alone && keyFree) {
                updates.add(new Update(r.id(), name, key));
            }
        }
        List<List<Row>> collisions = groups.values().stream().filter(g -> g.size() > 1).toList();
        return new Plan(updates, collisions);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("10");
    }

    @Override
    public String getDescription() {
        return "nfc names";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        apply(c, "folder", "parent_id");
        apply(c, "document", "folder_id");
    }

    static void apply(Connection c, String table, String parentColumn) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, " + parentColumn + ", name, name_key FROM " + table)) {
            while (rs.next()) {
                long parent = rs.getLong(2);
                rows.add(new Row(rs.getLong(1), rs.wasNull() ? null : parent, rs.getString(3), rs.getString(4)));
            }
        }
        Plan plan = plan(rows);
        try (PreparedStatement u = c.prepareStatement("UPDATE " + table + " SET name = ?, name_key = ? WHERE id = ?")) {
            for (Update up : plan.updates()) {
                u.setString(1, up.name());
                u.setString(2, up.key());
                u.setLong(3, up.id());
                u.addBatch();
            }
            if (!plan.updates().isEmpty()) {
                u.executeBatch();
            }
        }
        if (!plan.updates().isEmpty()) {
            LOG.info(() -> "V10: " + plan.updates().size() + " " + table + " names rewritten in Unicode NFC (they look the same).");
        }
        for (List<Row> group : plan.collisions()) {
            LOG.warning(() -> "V10: " + table + " names of " + parentColumn + " " + group.get(0).parent()
                    + " are the same once Unicode-normalised and were left as they are; rename one of them: "
                    + group.stream().map(r -> "id " + r.id() + " '" + r.name() + "'").toList());
        }
    }
}
