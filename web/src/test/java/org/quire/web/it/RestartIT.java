package org.quire.web.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's life on one data directory, started the way the README starts it
 * ({@code java -jar payara-micro.jar --deploy quire.war}), each step checked by its effects:
 * <ol>
 *   <li>an installation of the earlier default (an H2 file) is imported on the first start of the embedded default,
 *       verified, and the H2 file kept;</li>
 *   <li>acknowledged saves survive a killed JVM (its PostgreSQL left running, then stopped by the next start) and a
 *       power cut (the JVM and every database process SIGKILLed at once);</li>
 *   <li>a backup taken through the admin API is restored with {@code quire.db.restore-from}: what came after it is
 *       gone, what it holds is back;</li>
 *   <li>a database that will not open is reported by both health checks and a 503 with what to do, never a
 *       half-started server.</li>
 * </ol>
 */
class RestartIT {

    private static final String PASSWORD = "restart-secret";
    private QuireProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.powerCut();
        }
    }

    @Test
    void theEmbeddedDefaultKeepsEveryAcknowledgedSave() throws Exception {
        server = QuireProcess.fresh("restart", PASSWORD);
        Path dataDir = server.dataDir;
        Api admin = server.admin();

        // 1. An installation of the earlier default: an H2 file under db/.
        byte[] v1 = random(300_000);
        byte[] v2 = random(123_457);
        server.startReady("-Dquire.db.url=jdbc:h2:file:" + dataDir + "/db/quire;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "-Dquire.db.datasource-class=org.h2.jdbcx.JdbcDataSource", "-Dquire.db.user=quire", "-Dquire.db.password=quire");
        String root = admin.get("api/v1/folders/root").json().getString("id");
        Api.Response created = admin.upload(root, "survivor.bin", v1);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(admin.putContent(id, v2).status()).isEqualTo(200);
        server.stop();  // a clean stop of the H2 installation

        server.startReady();
        assertThat(Files.readString(dataDir.resolve("db/h2-imported.txt"))).contains("Imported");
        assertThat(dataDir.resolve("db/quire.mv.db")).exists();  // kept until the operator removes it
        assertThat(server.health("ready")).contains("embedded PostgreSQL");
        assertSurvived(admin, id, v1, v2);

        // 2. A killed JVM leaves its PostgreSQL running; the next start stops it and carries on.
        byte[] v3 = random(70_001);
        assertThat(admin.putContent(id, v3).status()).isEqualTo(200);
        long postmaster = postmasterPid(dataDir);
        server.killJvm();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the postmaster outlives the JVM").contains(true);
        server.startReady();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(admin.get("api/v1/documents/" + id).json().getInt("version")).isEqualTo(3);
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256(v3));

        // 3. A backup, then more work, then a power cut.
        Api.Response backup = admin.post("api/v1/admin/backups");
        assertThat(backup.status()).as(backup.toString()).isEqualTo(201);
        String backupName = backup.json().getString("name");
        Path backupDir = dataDir.resolve("backups").resolve(backupName);
        assertThat(backupDir.resolve("manifest.json")).exists();
        assertThat(Files.readString(backupDir.resolve("blobs.txt"))).contains(Api.sha256(v1), Api.sha256(v2), Api.sha256(v3));
        byte[] late = random(50_000);
        Api.Response after = admin.upload(root, "after-the-backup.bin", late);
        assertThat(after.status()).isEqualTo(201);
        String lateId = after.json().getString("id");
        server.powerCut();
        server.startReady();
        assertThat(admin.download("api/v1/documents/" + lateId + "/content").sha256()).isEqualTo(Api.sha256(late));
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256(v3));

        // 4. Restoring the backup: the document saved after it is gone, everything it holds is back.
        server.powerCut();
        server.startReady("-Dquire.db.restore-from=" + backupDir);
        assertThat(admin.get("api/v1/documents/" + lateId).status()).isEqualTo(404);
        assertSurvived(admin, id, v1, v2);
        assertThat(admin.download("api/v1/documents/" + id + "/versions/3/content").sha256()).isEqualTo(Api.sha256(v3));
        assertThat(Files.readString(dataDir.resolve("db/restored-from")).strip()).isEqualTo(backupDir.toString());
        try (Stream<Path> db = Files.list(dataDir.resolve("db"))) {
            assertThat(db.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("postgres.before-restore-"));
        }
        try (Stream<Path> temp = Files.list(dataDir.resolve("store/tmp"))) {
            assertThat(temp.toList()).isEmpty();
        }

        // 5. A database that will not open: both health checks say so and what to do; requests get a 503, not a 404.
        server.powerCut();
        Files.write(dataDir.resolve("db/postgres/global/pg_control"), new byte[8192]);
        server.start();
        String live = server.awaitHealth("live", body -> body.contains("\"database\""));
        assertThat(live).contains("\"DOWN\"", "problem", "action", "restore-from");
        assertThat(server.health("ready")).contains("\"database\"", "\"DOWN\"", "problem");
        // the health checks answer while the web module is still being started (the platform's 404 or 503 page for a
        // moment, longer on a busy machine); once Quire serves, every request is its own 503
        Api.Response refused = admin.get("api/v1/me");
        for (Instant until = Instant.now().plusSeconds(120); !quireAnswered(refused) && Instant.now().isBefore(until); refused = admin.get("api/v1/me")) {
            Thread.sleep(500);
        }
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().getString("error")).isEqualTo("database_unavailable");
        assertThat(refused.json().getString("action")).contains("quire.db.restore-from");
    }

    private static boolean quireAnswered(Api.Response r) {
        String type = r.header("Content-Type");
        return r.status() != 404 && type != null && type.startsWith("application/json");
    }

    private static void assertSurvived(Api admin, String id, byte[] v1, byte[] v2) throws Exception {
        assertThat(admin.download("api/v1/documents/" + id + "/versions/1/content").sha256()).isEqualTo(Api.sha256(v1));
        assertThat(admin.download("api/v1/documents/" + id + "/versions/2/content").sha256()).isEqualTo(Api.sha256(v2));
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("db/postgres/postmaster.pid")).get(0).strip());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
