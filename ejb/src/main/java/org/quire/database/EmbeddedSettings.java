package org.quire.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The embedded default's connection facts, fixed once per application start: where it lives
 * ({@code <quire.data-dir>/db}), the loopback port its PostgreSQL listens on and its local password.
 * <p>
 * They are needed before MicroProfile Config is available to the application (the data source definitions resolve
 * {@code ${MPCONFIG=quire.db.url}} while the application deploys, see {@link EmbeddedDatabaseConfigSource}), so the
 * few keys read here are read the way MicroProfile Config reads them from its two highest sources: a system property
 * {@code quire.x.y} or the environment variable {@code QUIRE_X_Y}. The embedded default is in force unless
 * {@code quire.db.url} is set there.
 */
public final class EmbeddedSettings {

    public static final String DATABASE = "quire";
    public static final String USER = "quire";
    static final String DEFAULT_OS_USER = "quire-db";

    private static volatile EmbeddedSettings current;

    private final Path home;
    private final int port;
    private final String osUser;

    private EmbeddedSettings(Path home, int port, String osUser) {
        this.home = home;
        this.port = port;
        this.osUser = osUser;
    }

    /** This application start's settings (a free port is chosen once, unless {@code quire.db.embedded.port} is set). */
    public static EmbeddedSettings current() {
        EmbeddedSettings settings = current;
        if (settings == null) {
            synchronized (EmbeddedSettings.class) {
                if (current == null) {
                    Path dataDir = Path.of(key("quire.data-dir").orElse("./data")).toAbsolutePath().normalize();
                    int port = key("quire.db.embedded.port").map(Integer::parseInt).orElseGet(EmbeddedSettings::freePort);
                    current = new EmbeddedSettings(dataDir.resolve("db"), port,
                            key("quire.db.embedded.os-user").orElse(DEFAULT_OS_USER));
                }
                settings = current;
            }
        }
        return settings;
    }

    /** Settings for a database home of one's own (tests, tools). */
    public static EmbeddedSettings of(Path home, int port, String osUser) {
        return new EmbeddedSettings(home.toAbsolutePath().normalize(), port, osUser);
    }

    /** Whether this start runs the embedded default, i.e. no {@code quire.db.url} was configured. */
    public static boolean inForce() {
        return key("quire.db.url").isEmpty();
    }

    static Optional<String> key(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** {@code <quire.data-dir>/db}: the cluster, its binaries, its log, its password, the H2 file of old installations. */
    public Path home() {
        return home;
    }

    public Path cluster() {
        return home.resolve("postgres");
    }

    public int port() {
        return port;
    }

    /** The account the database runs under when Quire runs as root (PostgreSQL refuses to run as root). */
    public String osUser() {
        return osUser;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The local password of the database's superuser {@value #USER}: 32 random bytes made on first use and kept
     * in {@code db/password} (owner-only), so a restart finds the cluster it initialised.
     */
    public String password() {
        Path file = home.resolve("password");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(home);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path tmp = home.resolve("password.tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(random), StandardOpenOption.SYNC);
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the embedded database's password file " + file, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded database", e);
        }
    }
}
