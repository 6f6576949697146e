package org.quire.web.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data survives a restart, even a brutal one: Quire is started the way the README starts it
 * ({@code java -jar payara-micro.jar --deploy quire.war}), a document and a second version are saved, the JVM
 * is killed ({@code SIGKILL}, no shutdown hook), and a second start on the same data directory serves both
 * versions byte for byte, with no temp files left in the store.
 */
class RestartIT {

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void acknowledgedSavesSurviveAKilledServer() throws Exception {
        Path dataDir = Path.of(System.getProperty("quire.it.dir", "target/it"), "restart-data");
        deleteRecursively(dataDir);
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        Api admin = new Api(base, "admin", "restart-secret");

        byte[] v1 = random(300_000);
        byte[] v2 = random(123_457);
        server = start(dataDir, port);
        awaitReady(base);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        Api.Response created = admin.upload(root, "survivor.bin", v1);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(admin.putContent(id, v2).status()).isEqualTo(200);

        server.destroyForcibly().waitFor();
        server = start(dataDir, port);
        awaitReady(base);

        assertThat(admin.get("api/v1/documents/" + id).json().getInt("version")).isEqualTo(2);
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256(v2));
        assertThat(admin.download("api/v1/documents/" + id + "/versions/1/content").sha256()).isEqualTo(Api.sha256(v1));
        try (Stream<Path> temp = Files.list(dataDir.resolve("store/tmp"))) {
            assertThat(temp.toList()).isEmpty();
        }
    }

    private static Process start(Path dataDir, int port) throws IOException {
        Path log = dataDir.resolveSibling("restart-server.log");
        Files.createDirectories(dataDir);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dquire.data-dir=" + dataDir.toAbsolutePath(), "-Dquire.admin.password=restart-secret",
                "-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("quire.war"), "--contextroot", "/",
                "--port", String.valueOf(port), "--nocluster")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitReady(URI base) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("Payara Micro exited early; see target/it/restart-server.log").isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("blob-store")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Quire did not become ready in 3 minutes");
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
