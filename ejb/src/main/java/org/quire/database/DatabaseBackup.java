package org.quire.database;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Online backups of a PostgreSQL database, without {@code pg_dump} (the embedded binaries have none): one
 * {@code REPEATABLE READ} read-only transaction — one consistent snapshot — copies every table out with {@code COPY}
 * (gzip'd text), and lists the content every version names ({@code blobs.txt}: SHA-256 and size), the blob store's
 * manifest. A backup is a folder {@code quire-backup-<UTC time>} made under a temporary name, fsync'd and renamed
 * when complete, so a folder of that name is always whole. Blobs are immutable and named by their hash: the blob
 * store is backed up by copying new files ({@code rsync}), checked against the manifest.
 * <p>
 * A restore loads a backup into an empty database: Flyway brings the schema to the backup's version, every table is
 * copied in, the sequences set, the row counts and the blobs checked against the manifest.
 */
public final class DatabaseBackup {

    public static final String PREFIX = "quire-backup-";
    static final String MANIFEST = "manifest.json";
    static final String BLOBS = "blobs.txt";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DatabaseBackup() {
    }

    /** What a backup holds, from its manifest. */
    public record Summary(String name, Path folder, Instant created, String schemaVersion, long rows, long blobs,
                          long blobBytes, long bytes) {
    }

    /** Writes a backup of the database behind {@code connection} into a new folder under {@code backups}. */
    public static Summary backUp(Connection connection, Path backups, Instant now) throws SQLException, IOException {
        Files.createDirectories(backups);
        String name = PREFIX + NAME.format(now);
        for (int n = 2; Files.exists(backups.resolve(name)); n++) {  // two backups within one second
            name = PREFIX + NAME.format(now) + "-" + n;
        }
        Path partial = backups.resolve(name + ".partial");
        EmbeddedPostgres.deleteRecursively(partial);
        Files.createDirectories(partial);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String version = Tables.schemaVersion(connection, Tables.FLYWAY_HISTORY);
            JsonObjectBuilder rows = Json.createObjectBuilder();
            long allRows = 0;
            for (String table : Tables.of(connection)) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial.resolve(table + ".copy.gz")))) {
                    long n = copy.copyOut("COPY " + Tables.identifier(table) + " TO STDOUT", out);
                    rows.add(table, n);
                    allRows += n;
                }
            }
            JsonObjectBuilder sequences = Json.createObjectBuilder();
            Tables.sequences(connection).forEach(sequences::add);
            long blobs = 0;
            long blobBytes = 0;
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial.resolve(BLOBS)), StandardCharsets.UTF_8));
                 Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT sha256, MAX(byte_size) FROM document_version GROUP BY sha256 ORDER BY sha256")) {
                while (r.next()) {
                    out.write(r.getString(1) + " " + r.getLong(2) + "\n");
                    blobs++;
                    blobBytes += r.getLong(2);
                }
            }
            connection.commit();
            JsonObject manifest = Json.createObjectBuilder()
                    .add("format", "quire-backup-1")
                    .add("created", now.toString())
                    .add("schemaVersion", version)
                    .add("tables", rows)
                    .add("sequences", sequences)
                    .add("blobs", blobs)
                    .add("blobBytes", blobBytes)
                    .build();
            Files.writeString(partial.resolve(MANIFEST), manifest.toString());
            try (Stream<Path> files = Files.list(partial)) {
                for (Path f : files.toList()) {
                    fsync(f);
                }
            }
            fsync(partial);
            Path done = backups.resolve(name);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            fsync(backups);
            return summary(done);
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            EmbeddedPostgres.deleteRecursively(partial);
            throw e;
        } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The complete backups under {@code backups}, newest first. */
    public static List<Summary> list(Path backups) throws IOException {
        List<Summary> found = new ArrayList<>();
        if (!Files.isDirectory(backups)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(backups)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX) && !d.getFileName().toString().endsWith(".partial")
                    && Files.exists(d.resolve(MANIFEST))).toList()) {
                found.add(summary(dir));
            }
        }
        found.sort((a, b) -> b.created().compareTo(a.created()));
        return found;
    }

    /** Removes all but the newest {@code keep} backups (and partial ones a crash left). */
    public static void prune(Path backups, int keep) throws IOException {
        List<Summary> all = list(backups);
        for (Summary old : all.subList(Math.min(keep, all.size()), all.size())) {
            EmbeddedPostgres.deleteRecursively(old.folder());
        }
        try (Stream<Path> dirs = Files.list(backups)) {
            for (Path partial : dirs.filter(d -> d.getFileName().toString().endsWith(".partial")).toList()) {
                EmbeddedPostgres.deleteRecursively(partial);
            }
        }
    }

    static Summary summary(Path folder) throws IOException {
        JsonObject manifest = manifest(folder);
        long rows = manifest.getJsonObject("tables").values().stream().mapToLong(v -> ((jakarta.json.JsonNumber) v).longValue()).sum();
        long bytes;
        try (Stream<Path> files = Files.list(folder)) {
            bytes = files.mapToLong(f -> f.toFile().length()).sum();
        }
        return new Summary(folder.getFileName().toString(), folder, Instant.parse(manifest.getString("created")),
                manifest.getString("schemaVersion"), rows, manifest.getJsonNumber("blobs").longValue(),
                manifest.getJsonNumber("blobBytes").longValue(), bytes);
    }

    static JsonObject manifest(Path folder) throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(folder.resolve(MANIFEST), StandardCharsets.UTF_8))) {
            return reader.readObject();
        }
    }

    /**
     * Loads the backup in {@code folder} into the (new, empty but for its schema at the backup's version) database
     * behind {@code connection}, checking row counts and that every blob the backup names is in the store.
     */
    static void restore(Connection connection, Path folder, Predicate<String> blobStored) throws SQLException, IOException, DatabaseProblem {
        JsonObject manifest = manifest(folder);
        String retry = "Nothing was changed in the backup; the database was set aside as it was. Fix the cause and start again "
                + "with the same quire.db.restore-from.";
        List<String> missing = new ArrayList<>();
        try (BufferedReader blobs = Files.newBufferedReader(folder.resolve(BLOBS), StandardCharsets.UTF_8)) {
            String line;
            while ((line = blobs.readLine()) != null) {
                String sha = line.split(" ")[0];
                if (!sha.isBlank() && !blobStored.test(sha)) {
                    missing.add(sha);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DatabaseProblem("The backup " + folder.getFileName() + " names " + missing.size() + " contents the blob "
                    + "store does not have (e.g. " + missing.get(0) + ")", "Copy the backed-up blobs back into store/blobs "
                    + "first (rsync -a), then start again. " + retry);
        }
        connection.setAutoCommit(false);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<String> tables = Tables.of(connection);
        JsonObject counts = manifest.getJsonObject("tables");
        Tables.emptyForCopy(connection, tables);
        for (String table : tables) {
            Path file = folder.resolve(table + ".copy.gz");
            if (!counts.containsKey(table) || !Files.exists(file)) {
                throw new DatabaseProblem("The backup " + folder.getFileName() + " has no table " + table, retry);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                long n = copy.copyIn("COPY " + Tables.identifier(table) + " FROM STDIN", in);
                if (n != counts.getJsonNumber(table).longValue()) {
                    throw new DatabaseProblem("Restoring " + table + ": " + n + " rows read, the manifest says "
                            + counts.getJsonNumber(table).longValue(), retry);
                }
            }
        }
        Map<String, Long> sequences = new LinkedHashMap<>();
        manifest.getJsonObject("sequences").forEach((k, v) -> sequences.put(k, ((jakarta.json.JsonNumber) v).longValue()));
        Tables.setSequences(connection, sequences);
        connection.commit();
    }

    static String schemaVersion(Path folder) throws IOException {
        return manifest(folder).getString("schemaVersion");
    }

    private static void fsync(Path path) throws IOException {
        try (FileChannel channel = Files.isDirectory(path) ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
