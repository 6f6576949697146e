package org.quire.ear;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deploys {@code quire.ear} to a real Payara Server 6 and talks to it over HTTP.
 * <p>
 * The Arquillian server-managed adapter is javax-only, so this test drives {@code asadmin} itself. It copies the
 * distribution's {@code domain1} to {@code target/payara-it/domains} with every port moved to its own port base
 * (HTTP = portbase+80, admin = portbase+48, the offsets of {@code create-domain --portbase}; HTTP, admin and IIOP
 * listeners bound to 127.0.0.1), runs {@code start-domain --timeout 120}, sets Quire's system properties with
 * {@code create-system-properties} (they must exist before the deployment: the {@code @DataSourceDefinition}
 * resolves {@code ${MPCONFIG=quire.db.url}} from {@code quire.data-dir}), deploys the EAR, checks readiness, roles
 * and an upload/download round trip, and always stops the domain (printing the server log tail on failure).
 * <p>
 * Maven ({@code ear/pom.xml}) unpacks {@code fish.payara.distributions:payara:zip} to {@code target/payara6} and
 * passes the paths as system properties {@code quire.it.*}; {@code -Dquire.it.portbase=…} moves the domain.
 */
@ExtendWith(EarDeploymentIT.FailureWatcher.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EarDeploymentIT {

    private static final String DOMAIN = "domain1";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "ear-it-Secret-42";
    private static final String LOOPBACK = "127.0.0.1";

    private static Path payaraHome;
    private static Path ear;
    private static Path itDir;
    private static Path domainsDir;
    private static Path domainDir;
    private static Path dataDir;
    private static int httpPort;
    private static int adminPort;
    private static String baseUrl;
    private static HttpClient http;

    private static volatile boolean domainCreated;
    private static volatile boolean domainMayBeRunning;
    private static volatile boolean failed;
    private static Thread shutdownHook;

    // ------------------------------------------------------------------ lifecycle

    @BeforeAll
    static void startPayaraServerAndDeploy() throws Exception {
        try {
            payaraHome = requiredPath("quire.it.payaraHome");
            ear = requiredPath("quire.it.ear");
            itDir = requiredPath("quire.it.dir");
            dataDir = requiredPath("quire.it.dataDir");
            int portbase = Integer.getInteger("quire.it.portbase", 28000);
            httpPort = portbase + 80;
            adminPort = portbase + 48;
            domainsDir = itDir.resolve("domains");
            domainDir = domainsDir.resolve(DOMAIN);
            baseUrl = "http://" + LOOPBACK + ":" + httpPort;
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

            assertThat(asadminScript()).as("asadmin of the unpacked Payara Server").isRegularFile();
            assertThat(ear).as("the EAR built by this module").isRegularFile();

            killLeftoverServer();
            deleteRecursively(itDir);
            deleteRecursively(dataDir);
            Files.createDirectories(itDir);
            Files.createDirectories(dataDir);
            // A busy port makes start-domain wait its whole timeout: fail at once instead, with a hint.
            for (int offset : new int[]{48, 80, 81, 37, 38, 39, 49, 59, 66, 76}) {
                assertPortFree(portbase + offset);
            }

            long t0 = System.nanoTime();
            // A copy of the distribution's domain1 with every port moved to the port base: what create-domain
            // --portbase would produce, without its 15-30 s of key generation.
            copyRecursively(payaraHome.resolve("glassfish/domains/" + DOMAIN), domainDir);
            domainCreated = true;
            configureDomainXml(domainDir.resolve("config/domain.xml"), portbase);
            step("domain1 copied, ports moved to " + portbase, t0);

            t0 = System.nanoTime();
            domainMayBeRunning = true;
            shutdownHook = new Thread(EarDeploymentIT::killServer, "stop-payara-it-domain");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            asadmin(Duration.ofSeconds(180), "start-domain", "--timeout", "120", "--domaindir", domainsDir.toString(), DOMAIN);
            step("start-domain", t0);

            t0 = System.nanoTime();
            asadmin(Duration.ofSeconds(120), "create-system-properties", String.join(":",
                    "quire.data-dir=" + escape(dataDir.toString()),
                    "quire.admin.password=" + escape(ADMIN_PASSWORD),
                    "quire.public-url=" + escape(baseUrl)));
            step("create-system-properties", t0);

            t0 = System.nanoTime();
            asadmin(Duration.ofSeconds(300), "deploy", "--name", "quire", ear.toString());
            step("deploy", t0);
        } catch (Throwable e) {
            failed = true;
            throw e;
        }
    }

    @AfterAll
    static void stopPayaraServer() {
        if (failed && domainCreated) {
            printServerLogTail(200);
        }
        if (!domainMayBeRunning) {
            return;
        }
        long t0 = System.nanoTime();
        Optional<ProcessHandle> server = serverProcess();
        try {
            asadmin(Duration.ofSeconds(90), "stop-domain", "--domaindir", domainsDir.toString(), DOMAIN);
        } catch (Throwable e) {
            System.out.println("[EarDeploymentIT] stop-domain failed, killing the server: " + e.getMessage());
        }
        server.ifPresent(EarDeploymentIT::awaitExitOrKill);
        killServer();
        domainMayBeRunning = false;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | NullPointerException ignored) {
            // the JVM is already shutting down, or the hook was never registered
        }
        step("stop-domain", t0);
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void readinessIsUp() throws Exception {
        HttpResponse<String> response = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            response = http.send(get("/health/ready").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(response).isNotNull();
        assertThat(response.statusCode()).as("GET /health/ready: %s", response.body()).isEqualTo(200);
        assertThat(json(response.body()).getString("status")).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void apiNeedsAuthenticationAndAdminRoleReachesTheEjbModule() throws Exception {
        HttpResponse<String> anonymous = http.send(get("/api/v1/folders/root").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("anonymous GET /api/v1/folders/root").isEqualTo(401);

        HttpResponse<String> wrong = http.send(get("/api/v1/folders/root").header("Authorization", basic(ADMIN, "wrong-password")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).as("GET /api/v1/folders/root with a wrong password").isEqualTo(401);

        HttpResponse<String> me = http.send(asAdmin(get("/api/v1/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as("GET /api/v1/me: %s", me.body()).isEqualTo(200);
        assertThat(json(me.body()).getString("login")).isEqualTo(ADMIN);

        // Admin-only, enforced in the EJB module (isCallerInRole): proves the role mapping works across the EAR's modules.
        HttpResponse<String> users = http.send(asAdmin(get("/api/v1/users")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).as("GET /api/v1/users as admin: %s", users.body()).isEqualTo(200);
        assertThat(json(users.body()).getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(u -> u.getString("login"))
                .contains(ADMIN);
    }

    @Test
    @Order(3)
    void uploadAndDownloadRoundTrip() throws Exception {
        HttpResponse<String> root = http.send(asAdmin(get("/api/v1/folders/root")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).as("GET /api/v1/folders/root: %s", root.body()).isEqualTo(200);
        String rootId = json(root.body()).getString("id");
        assertThat(rootId).isNotBlank();

        byte[] content = new byte[1 << 20];
        new Random().nextBytes(content);
        String sha256 = sha256(content);
        String name = "round-trip-" + System.currentTimeMillis() + ".bin";

        HttpResponse<String> created = http.send(asAdmin(request("/api/v1/folders/" + rootId + "/documents?name=" + name))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as("POST …/documents: %s", created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).isPresent();
        JsonObject document = json(created.body());
        String id = document.getString("id");
        assertThat(id).isNotBlank();
        assertThat(document.getString("sha256")).isEqualTo(sha256);
        assertThat(document.getJsonNumber("size").longValueExact()).isEqualTo(content.length);
        assertThat(document.getString("name")).isEqualTo(name);

        HttpResponse<byte[]> download = http.send(asAdmin(get("/api/v1/documents/" + id + "/content")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).as("GET /api/v1/documents/{id}/content").isEqualTo(200);
        assertThat(download.body()).hasSize(content.length);
        assertThat(sha256(download.body())).isEqualTo(sha256);
        assertThat(download.body()).isEqualTo(content);
    }

    // ------------------------------------------------------------------ HTTP helpers

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    }

    private static HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private static HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
        return request.header("Authorization", basic(ADMIN, ADMIN_PASSWORD));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ------------------------------------------------------------------ asadmin and the server process

    private static Path asadminScript() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("win");
        return payaraHome.resolve("bin").resolve(windows ? "asadmin.bat" : "asadmin");
    }

    /**
     * Runs one asadmin command against this test's domain (admin user without password, as in domain1); its output
     * goes to {@code target/payara-it/asadmin-<command>.log} (a pipe would be inherited by the server that
     * start-domain launches and never reach end-of-file).
     */
    private static String asadmin(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(asadminScript().toString(), "--interactive=false",
                "--host", LOOPBACK, "--port", String.valueOf(adminPort), "--user", ADMIN));
        command.addAll(List.of(args));

        Path log = itDir.resolve("asadmin-" + args[0] + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(itDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("asadmin " + args[0] + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("asadmin " + String.join(" ", args) + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    /** asadmin separates name=value pairs with ':'; a literal ':' (or '=' / '\') in a value must be escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    /**
     * Prepares the copied domain1 for this test: moves every port of server-config to the port base (the offsets of
     * {@code create-domain --portbase}), binds the HTTP, admin and IIOP listeners to 127.0.0.1 (Hazelcast and the
     * lazy JMS proxy keep the wildcard address), disables the JMX connector and runs the server JVM with the C1
     * compiler only. Every value replaced must be found exactly as often as expected: a changed distribution
     * fails here, not with a port collision.
     */
    private static void configureDomainXml(Path domainXml, int portbase) throws IOException {
        String xml = Files.readString(domainXml);
        String[][] ports = {
                {"port=\"4848\"", "port=\"" + (portbase + 48) + "\""},           // admin-listener
                {"port=\"8080\"", "port=\"" + (portbase + 80) + "\""},           // http-listener-1
                {"port=\"8181\"", "port=\"" + (portbase + 81) + "\""},           // http-listener-2 (https)
                {"port=\"3700\"", "port=\"" + (portbase + 37) + "\""},           // IIOP
                {"port=\"3820\"", "port=\"" + (portbase + 38) + "\""},           // IIOP/SSL
                {"port=\"3920\"", "port=\"" + (portbase + 39) + "\""},           // IIOP/SSL mutual auth
                {"port=\"8686\"", "port=\"" + (portbase + 86) + "\""},           // JMX
                {"value=\"7676\"", "value=\"" + (portbase + 76) + "\""},         // JMS_PROVIDER_PORT
                {"-Dosgi.shell.telnet.port=6666", "-Dosgi.shell.telnet.port=" + (portbase + 66)},
                {"address=9009\"", "address=" + (portbase + 9) + "\""},             // debugger (only with --debug)
                {"start-port=\"5900\" das-port=\"4900\"",                       // Hazelcast (auto-increments)
                        "start-port=\"" + (portbase + 59) + "\" das-port=\"" + (portbase + 49) + "\""},
        };
        for (String[] p : ports) {
            int count = countOccurrences(xml, p[0]);
            assertThat(count).as("occurrences of %s in %s", p[0], domainXml).isEqualTo(1);
            xml = xml.replace(p[0], p[1]);
        }
        xml = xml.replace("address=\"0.0.0.0\"", "address=\"" + LOOPBACK + "\"");
        xml = Pattern.compile("<network-listener (?![^>]*\\baddress=)").matcher(xml)
                .replaceAll("<network-listener address=\"" + LOOPBACK + "\" ");
        assertThat(xml).as("listener addresses in domain.xml").doesNotContain("0.0.0.0");
        // The JMX connector is not needed here (and on a specific address it logs a SEVERE when it stops).
        String jmx = "<jmx-connector ";
        assertThat(countOccurrences(xml, jmx)).as("jmx-connectors in %s", domainXml).isEqualTo(2);
        xml = xml.replaceFirst(jmx, jmx + "enabled=\"false\" ");
        // C1 only: about half the CPU for start-up and deployment, which matters on 2 busy cores.
        String heap = "<jvm-options>-Xmx512m</jvm-options>";
        assertThat(countOccurrences(xml, heap)).as("%s in %s", heap, domainXml).isEqualTo(2);
        xml = xml.replaceFirst(Pattern.quote(heap), heap + "<jvm-options>-XX:TieredStopAtLevel=1</jvm-options>");
        Files.writeString(domainXml, xml);
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static Optional<ProcessHandle> serverProcess() {
        if (domainDir == null) {
            return Optional.empty();
        }
        Path pidFile = domainDir.resolve("config/pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(EarDeploymentIT::isOurServer);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Only a process whose command line names this test's domain directory is ever killed. */
    private static boolean isOurServer(ProcessHandle process) {
        String marker = domainDir.toAbsolutePath().toString();
        ProcessHandle.Info info = process.info();
        return info.commandLine().map(c -> c.contains(marker)).orElse(false)
                || info.arguments().map(a -> Stream.of(a).anyMatch(s -> s.contains(marker))).orElse(false);
    }

    /** Last resort (a failed stop-domain, an interrupted build): end the server process of this test's domain. */
    private static void killServer() {
        serverProcess().ifPresent(p -> {
            System.out.println("[EarDeploymentIT] killing Payara Server process " + p.pid());
            p.destroy();
            awaitExitOrKill(p);
        });
    }

    private static void awaitExitOrKill(ProcessHandle process) {
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                System.out.println("[EarDeploymentIT] process " + process.pid() + " did not exit");
            }
        }
    }

    /** A domain left running by an interrupted earlier run would hold the ports. */
    private static void killLeftoverServer() {
        serverProcess().ifPresent(p -> {
            System.out.println("[EarDeploymentIT] a Payara Server from an earlier run is still running (pid " + p.pid() + "): stopping it");
            p.destroy();
            awaitExitOrKill(p);
        });
    }

    private static void assertPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
        } catch (IOException e) {
            throw new AssertionError("Port " + port + " on " + LOOPBACK + " is in use; the Payara Server domain of this test needs it. "
                    + "Free it or choose another port base: -Dquire.it.portbase=NNNNN (now " + (adminPort - 48) + ")", e);
        }
    }

    private static void printServerLogTail(int lines) {
        if (domainDir == null) {
            return;
        }
        Path log = domainDir.resolve("logs/server.log");
        try {
            if (!Files.isRegularFile(log)) {
                System.out.println("[EarDeploymentIT] no server log at " + log);
                return;
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            System.out.println("[EarDeploymentIT] ===== last " + lines + " lines of " + log + " =====");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
            System.out.println("[EarDeploymentIT] ===== end of server.log =====");
        } catch (IOException | UncheckedIOException e) {
            System.out.println("[EarDeploymentIT] cannot read " + log + ": " + e);
        }
    }

    private static void step(String what, long startNanos) {
        System.out.printf("[EarDeploymentIT] %s: %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
    }

    private static Path requiredPath(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by ear/pom.xml)", property).isNotBlank();
        return Paths.get(value).toAbsolutePath();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        assertThat(from).as("domain template of the unpacked Payara Server").isDirectory();
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Remembers a failed test so that {@link #stopPayaraServer()} prints the server log. */
    static class FailureWatcher implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    }
}
