package org.quire.web.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quire in a JVM of its own, started the way the README starts it ({@code java -jar payara-micro.jar --deploy
 * quire.war}), for the tests that need what the shared Arquillian server cannot give: restarts and kills on one data
 * directory, start-up options (a directory server, the earlier H2 default). Everything lives under
 * {@code target/it/<name>-…}: the data directory (emptied on creation), Payara Micro's runtime folder and the log,
 * which every start appends to.
 */
final class QuireProcess {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    final Path dataDir;
    final URI base;
    private final String adminPassword;
    private final Path log;
    private final Path runtimeDir;
    private final int port;
    private Process process;

    private QuireProcess(String name, String adminPassword, Path shared) throws IOException {
        Path itDir = Path.of(System.getProperty("quire.it.dir", "target/it")).toAbsolutePath();
        this.dataDir = shared != null ? shared : itDir.resolve(name + "-data");
        this.log = itDir.resolve(name + "-server.log");
        this.runtimeDir = itDir.resolve(name + "-tmp"); // Payara Micro's runtime folder, left behind by every kill
        this.adminPassword = adminPassword;
        this.port = freePort();
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        if (shared == null) {
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        Files.createDirectories(runtimeDir);
        Files.deleteIfExists(log);
    }

    /** A new, empty data directory {@code target/it/<name>-data} and a free loopback port; nothing started yet. */
    static QuireProcess fresh(String name, String adminPassword) throws IOException {
        return new QuireProcess(name, adminPassword, null);
    }

    /** Another node on {@code shared}, the data directory (blobs) of a running node; nothing started yet. */
    static QuireProcess joining(String name, Path shared, String adminPassword) throws IOException {
        return new QuireProcess(name, adminPassword, shared);
    }

    /** Starts the JVM with these extra {@code -D} options (without waiting for it). */
    QuireProcess start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + runtimeDir, "-Dquire.data-dir=" + dataDir, "-Dquire.admin.password=" + adminPassword,
                // as arquillian.xml: thresholds out of reach of the tests' own wrong passwords, which all come from 127.0.0.1
                // (Guessing lowers them), and X-Forwarded-For believed from 127.0.0.1 for the made-up addresses of guessing runs
                "-Dquire.sign-in.delay-after=1000000", "-Dquire.sign-in.lock-after=1000000", "-Dquire.trusted-proxies=127.0.0.1/32",
                "-Dquire.limits.requests-per-client=1000000"));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--deploy", System.getProperty("quire.war"),
                "--contextroot", "/", "--port", String.valueOf(port), "--nocluster", "--prebootcommandfile", System.getProperty("quire.listener.asadmin")));
        Files.writeString(log, "\n===== " + Instant.now() + " " + String.join(" ", options) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    /** Starts and waits until {@code /health/ready} says every check is up. */
    QuireProcess startReady(String... options) throws Exception {
        start(options);
        awaitReady();
        return this;
    }

    Api admin() {
        return new Api(base, "admin", adminPassword);
    }

    void awaitReady() throws Exception {
        awaitHealth("ready", body -> body.contains("\"UP\"") && body.contains("blob-store") && !body.contains("\"DOWN\""));
    }

    /** Polls {@code /health/<which>} until its body satisfies {@code done}; the JVM must stay alive meanwhile. */
    String awaitHealth(String which, Predicate<String> done) throws Exception {
        Instant deadline = Instant.now().plus(START_LIMIT);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("Payara Micro exited early; see " + log).isTrue();
            try {
                last = health(which);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Quire's /health/" + which + " did not get there in " + START_LIMIT.toMinutes()
                + " minutes; last answer: " + last + " (log: " + log + ")");
    }

    String health(String which) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(base.resolve("/health/" + which)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A clean stop (SIGTERM: Payara Micro's shutdown hooks run) and its end awaited. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    /** SIGKILL of the JVM alone: processes it started (the embedded PostgreSQL) live on. */
    void killJvm() throws InterruptedException {
        process.destroyForcibly().waitFor();
        process = null;
    }

    /** SIGKILL of the JVM and every process it started (the embedded PostgreSQL and its backends) at once. */
    void powerCut() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.toHandle().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> p.onExit().join());
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
