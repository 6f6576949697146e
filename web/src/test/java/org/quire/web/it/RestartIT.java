package org.quire.web.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
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
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            powerCut();
        }
    }

    @Test
    void theEmbeddedDefaultKeepsEveryAcknowledgedSave() throws Exception {
        Path dataDir = Path.of(System.getProperty("quire.it.dir", "target/it"), "restart-data").toAbsolutePath();
        deleteRecursively(dataDir);
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        Api admin = new Api(base, "admin", PASSWORD);

        // 1. An installation of the earlier default: an H2 file under db/.
        byte[] v1 = random(300_000);
        byte[] v2 = random(123_457);
        server = start(dataDir, port, "-Dquire.db.url=jdbc:h2:file:" + dataDir + "/db/quire;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "-Dquire.db.datasource-class=org.h2.jdbcx.JdbcDataSource", "-Dquire.db.user=quire", "-Dquire.db.password=quire");
        awaitReady(base);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        Api.Response created = admin.upload(root, "survivor.bin", v1);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(admin.putContent(id, v2).status()).isEqualTo(200);
        server.destroy();  // a clean stop of the H2 installation
        server.waitFor();
        server = null;

        server = start(dataDir, port);
        awaitReady(base);
        assertThat(Files.readString(dataDir.resolve("db/h2-imported.txt"))).contains("Imported");
        assertThat(dataDir.resolve("db/quire.mv.db")).exists();  // kept until the operator removes it
        assertThat(health(base, "ready")).contains("embedded PostgreSQL");
        assertSurvived(admin, id, v1, v2);

        // 2. A killed JVM leaves its PostgreSQL running; the next start stops it and carries on.
        byte[] v3 = random(70_001);
        assertThat(admin.putContent(id, v3).status()).isEqualTo(200);
        long postmaster = postmasterPid(dataDir);
        server.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the postmaster outlives the JVM").contains(true);
        server = start(dataDir, port);
        awaitReady(base);
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
        powerCut();
        server = start(dataDir, port);
        awaitReady(base);
        assertThat(admin.download("api/v1/documents/" + lateId + "/content").sha256()).isEqualTo(Api.sha256(late));
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256(v3));

        // 4. Restoring the backup: the document saved after it is gone, everything it holds is back.
        powerCut();
        server = start(dataDir, port, "-Dquire.db.restore-from=" + backupDir);
        awaitReady(base);
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
        powerCut();
        Files.write(dataDir.resolve("db/postgres/global/pg_control"), new byte[8192]);
        server = start(dataDir, port);
        String live = awaitHealth(base, "live", body -> body.contains("\"database\""));
        assertThat(live).contains("\"DOWN\"", "problem", "action", "restore-from");
        assertThat(health(base, "ready")).contains("\"database\"", "\"DOWN\"", "problem");
        Api.Response refused = admin.get("api/v1/me");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().getString("error")).isEqualTo("database_unavailable");
        assertThat(refused.json().getString("action")).contains("quire.db.restore-from");
    }

    private static void assertSurvived(Api admin, String id, byte[] v1, byte[] v2) throws Exception {
        assertThat(admin.download("api/v1/documents/" + id + "/versions/1/content").sha256()).isEqualTo(Api.sha256(v1));
        assertThat(admin.download("api/v1/documents/" + id + "/versions/2/content").sha256()).isEqualTo(Api.sha256(v2));
    }

    /** SIGKILL of the JVM and every process it started (the embedded PostgreSQL and its backends) at once. */
    private void powerCut() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(server.toHandle());
        server.toHandle().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
        server = null;
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("db/postgres/postmaster.pid")).get(0).strip());
    }

    private static Process start(Path dataDir, int port, String... options) throws IOException {
        Path log = dataDir.resolveSibling("restart-server.log");
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolveSibling("restart-tmp");  // Payara Micro's runtime folder, left behind by every kill
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + tmp, "-Dquire.data-dir=" + dataDir, "-Dquire.admin.password=" + PASSWORD));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("quire.war"), "--contextroot", "/",
                "--port", String.valueOf(port), "--nocluster"));
        Files.writeString(log, "\n===== " + Instant.now() + " " + String.join(" ", options) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitReady(URI base) throws Exception {
        awaitHealth(base, "ready", body -> body.contains("\"UP\"") && body.contains("blob-store") && !body.contains("\"DOWN\""));
    }

    private String awaitHealth(URI base, String which, Predicate<String> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("Payara Micro exited early; see restart-server.log").isTrue();
            try {
                last = health(base, which);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Quire's /health/" + which + " did not get there in 3 minutes; last answer: " + last);
    }

    private static String health(URI base, String which) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(base.resolve("/health/" + which)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
    }
}
