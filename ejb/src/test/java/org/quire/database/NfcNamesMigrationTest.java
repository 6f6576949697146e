package org.quire.database;

import org.junit.jupiter.api.Test;
import org.quire.database.NfcNamesMigration.Row;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** V10: names become NFC where they can; look-alike names of one folder are reported and left exactly as they were. */
class NfcNamesMigrationTest {

    static final String NFD = "cafe\u0301.docx";
    static final String NFC = "caf\u00e9.docx";

    @Test
    void planRewritesLoneNamesAndLeavesCollisionsAlone() {
        NfcNamesMigration.Plan plan = NfcNamesMigration.plan(List.of(
                new Row(1, 10L, NFD, NFD.toLowerCase()),                 // alone in folder 10: rewritten
                new Row(2, 20L, NFD, NFD.toLowerCase()),                 // beside its composed twin in folder 20: left
                new Row(3, 20L, NFC, NFC.toLowerCase()),
                new Row(4, 30L, "Cafe\u0301.docx", null),                // trashed: no key, rewritten, still no key
                new Row(5, 30L, "plain.docx", "plain.docx")));           // already NFC: untouched
        assertThat(plan.updates()).containsExactly(
                new NfcNamesMigration.Update(1, NFC, NFC.toLowerCase()),
                new NfcNamesMigration.Update(4, "Caf\u00e9.docx", null));
        assertThat(plan.collisions()).singleElement().satisfies(g -> assertThat(g).extracting(Row::id).containsExactlyInAnyOrder(2L, 3L));
    }

    @Test
    void theMigrationRunsAfterV8OnRealRows() throws SQLException {
        String url = "jdbc:h2:mem:v10-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Database.schema().dataSource(url, "sa", "").target("8").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute(folder(1, null, "", ""));
            s.execute(folder(2, 1L, "Re\u0301sume\u0301s", "re\u0301sume\u0301s"));   // alone: rewritten
            s.execute(folder(3, 1L, "shared", "shared"));
            s.execute(document(100, 3, NFD, NFD.toLowerCase()));                      // twin of 101: left, reported
            s.execute(document(101, 3, NFC, NFC.toLowerCase()));
            s.execute(document(102, 2, "Nai\u0308ve.txt", "nai\u0308ve.txt"));          // alone: rewritten
        }
        Database.schema().dataSource(url, "sa", "").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            assertThat(names(s, "folder")).containsEntry(2L, "R\u00e9sum\u00e9s|r\u00e9sum\u00e9s").containsEntry(3L, "shared|shared");
            assertThat(names(s, "document")).containsEntry(100L, NFD + "|" + NFD.toLowerCase())
                    .containsEntry(101L, NFC + "|" + NFC.toLowerCase())
                    .containsEntry(102L, "Na\u00efve.txt|na\u00efve.txt");
            try (ResultSet rs = s.executeQuery("SELECT \"description\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" = '10'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("nfc names");
                assertThat(rs.getBoolean(2)).isTrue();
            }
        }
    }

    static String folder(long id, Long parent, String name, String key) {
        return "INSERT INTO folder (id, public_id, parent_id, name, name_key, owner_login, created, modified, trashed, opt_version) VALUES ("
                + id + ", 'f" + id + "', " + parent + ", '" + name + "', '" + key + "', 'admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE, 0)";
    }

    static String document(long id, long folder, String name, String key) {
        return "INSERT INTO document (id, public_id, folder_id, name, name_key, owner_login, created, modified, current_version, byte_size, "
                + "sha256, mime_type, trashed, opt_version) VALUES (" + id + ", 'd" + id + "', " + folder + ", '" + name + "', '" + key
                + "', 'admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 0, '" + "0".repeat(64) + "', 'text/plain', FALSE, 0)";
    }

    static Map<Long, String> names(Statement s, String table) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT id, name, name_key FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return names;
    }
}
