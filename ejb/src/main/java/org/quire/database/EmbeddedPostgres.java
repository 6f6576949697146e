package org.quire.database;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The embedded default's database: a real PostgreSQL (the binaries of {@code io.zonky.test.postgres}, unpacked once
 * under {@code db/runtime}) that Quire initialises, starts and stops, with its cluster in {@code db/postgres},
 * listening on loopback only, its superuser's password random and local. Crash safety is PostgreSQL's own: the
 * write-ahead log with {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, data checksums on.
 * <ul>
 *   <li>PostgreSQL refuses to run as root: when Quire runs as root, the database runs as {@code quire.db.embedded.os-user}
 *       (default {@value EmbeddedSettings#DEFAULT_OS_USER}, a system account created when missing) through
 *       {@code setpriv}; the cluster directory belongs to that account.</li>
 *   <li>A killed JVM leaves its postmaster running: the next start finds it through {@code postmaster.pid}, stops it
 *       (fast, then immediate) and starts its own; a postmaster killed with it is recovered by PostgreSQL from the
 *       WAL at start.</li>
 *   <li>Every step that a power cut could interrupt is atomic: the binaries and a new cluster are made under a
 *       temporary name and renamed when complete.</li>
 * </ul>
 */
public final class EmbeddedPostgres {

    public static final String VERSION = "17.6.0";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final EmbeddedSettings settings;
    private final Path binaries;
    private Process postmaster;

    public EmbeddedPostgres(EmbeddedSettings settings) {
        this.settings = settings;
        this.binaries = settings.home().resolve("runtime").resolve("postgresql-" + VERSION);
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    /** Unpacks, initialises when new, stops a postmaster a killed JVM left behind, starts, waits until it answers. */
    public synchronized void start() throws DatabaseProblem {
        try {
            Files.createDirectories(settings.home());
            RunAs runAs = RunAs.forThisProcess(settings);
            unpackBinaries();
            runAs.ensureReachable(settings.home());
            if (!Files.isDirectory(settings.cluster())) {
                initialise(runAs);
            }
            stopLeftOver(runAs);
            launch(runAs);
        } catch (IOException e) {
            throw new DatabaseProblem("The embedded database could not be started: " + e.getMessage(),
                    "Check that " + settings.home() + " is on a local, writable file system with free space, and read "
                            + settings.home().resolve("postgres.log") + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseProblem("Interrupted while the embedded database started", "Start Quire again.", e);
        }
    }

    /**
     * Puts the cluster aside under {@code db/<name>} (a restore starts from a new one), after stopping a postmaster
     * that still runs on it; {@code name} null deletes it instead (a restore that a crash interrupted).
     */
    public synchronized void setClusterAside(String name) throws DatabaseProblem {
        try {
            if (!Files.isDirectory(settings.cluster())) {
                return;
            }
            stopLeftOver(RunAs.forThisProcess(settings));
            if (name == null) {
                deleteRecursively(settings.cluster());
            } else {
                Files.move(settings.cluster(), settings.home().resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new DatabaseProblem("Cannot set the embedded database's cluster aside: " + e.getMessage(),
                    "Check the permissions of " + settings.home() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseProblem("Interrupted", "Start Quire again.", e);
        }
    }

    /** A fast shutdown (open transactions are rolled back, everything committed is on disk); idempotent. */
    public synchronized void stop() {
        Process running = postmaster;
        postmaster = null;
        if (running == null || !running.isAlive()) {
            return;
        }
        try {
            run(RunAs.forThisProcess(settings), Duration.ofSeconds(90), binaries.resolve("bin/pg_ctl").toString(),
                    "stop", "-D", settings.cluster().toString(), "-m", "fast", "-w", "-t", "60");
        } catch (IOException | DatabaseProblem e) {
            LOG.warning(() -> "Embedded database: fast shutdown failed (" + e.getMessage() + "); stopping it at once");
            running.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        LOG.info("Embedded database stopped");
    }

    public boolean isRunning() {
        Process running = postmaster;
        return running != null && running.isAlive();
    }

    /** A new connection as the superuser, outside any pool (start-up work, imports, backups). */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedSettings.USER);
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", "10");
        Connection connection = new org.postgresql.Driver().connect(settings.jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + settings.jdbcUrl(database));
        }
        return connection;
    }

    private void unpackBinaries() throws IOException, DatabaseProblem {
        if (Files.exists(binaries.resolve(".complete"))) {
            return;
        }
        InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new DatabaseProblem("This build of Quire carries no embedded PostgreSQL for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
                    "Run Quire on Linux x86-64, or set quire.db.url (and quire.db.user, quire.db.password) to a PostgreSQL "
                            + "server; see docs/OPERATIONS.md.");
        }
        Path partial = binaries.resolveSibling(binaries.getFileName() + ".partial");
        deleteRecursively(partial);
        Files.createDirectories(partial);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("unsafe path in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0
                            ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        Files.writeString(partial.resolve(".complete"), VERSION);
        deleteRecursively(binaries);
        Files.move(partial, binaries, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(() -> "Embedded database: PostgreSQL " + VERSION + " unpacked to " + binaries);
    }

    private void initialise(RunAs runAs) throws IOException, InterruptedException, DatabaseProblem {
        Path fresh = settings.home().resolve("postgres.init");
        deleteRecursively(fresh);
        Files.createDirectories(fresh);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwx------"));
        Path passwordFile = settings.home().resolve("initdb-password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, settings.password());
        runAs.own(fresh);
        runAs.own(passwordFile);
        try {
            run(runAs, Duration.ofMinutes(3), binaries.resolve("bin/initdb").toString(), "-D", fresh.toString(),
                    "-U", EmbeddedSettings.USER, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8",
                    "--no-locale", "--data-checksums", "--no-instructions");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        Files.move(fresh, settings.cluster(), StandardCopyOption.ATOMIC_MOVE);
        LOG.info(() -> "Embedded database: new PostgreSQL cluster in " + settings.cluster());
    }

    /** A postmaster of this cluster still running (its JVM was killed): stopped before this start's own. */
    private void stopLeftOver(RunAs runAs) throws IOException, InterruptedException {
        Optional<ProcessHandle> leftOver = leftOverPostmaster();
        if (leftOver.isEmpty()) {
            return;
        }
        long pid = leftOver.get().pid();
        LOG.warning(() -> "Embedded database: a postmaster of " + settings.cluster() + " is still running (pid " + pid
                + ", left by a Quire that did not stop cleanly); stopping it");
        for (String mode : List.of("fast", "immediate")) {
            try {
                run(runAs, Duration.ofSeconds(75), binaries.resolve("bin/pg_ctl").toString(), "stop", "-D",
                        settings.cluster().toString(), "-m", mode, "-w", "-t", "60");
                break;
            } catch (DatabaseProblem e) {
                LOG.warning(() -> "Embedded database: pg_ctl stop -m " + mode + " failed: " + e.getMessage());
            }
        }
        if (leftOver.get().isAlive()) {
            leftOver.get().destroyForcibly();
            leftOver.get().onExit().toCompletableFuture().join();
        }
    }

    private Optional<ProcessHandle> leftOverPostmaster() throws IOException {
        Path pidFile = settings.cluster().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            Path dataDir = Path.of(lines.get(1).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .filter(p -> sameFile(dataDir, settings.cluster()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void launch(RunAs runAs) throws IOException, InterruptedException, DatabaseProblem {
        Path log = settings.home().resolve("postgres.log");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        int attempt = 0;
        while (true) {
            attempt++;
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            List<String> command = runAs.command(binaries.resolve("bin/postgres").toString(),
                    "-D", settings.cluster().toString(), "-p", String.valueOf(settings.port()),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "max_connections=100", "-c", "fsync=on", "-c", "synchronous_commit=on",
                    "-c", "full_page_writes=on", "-c", "wal_sync_method=fdatasync");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                if (answers()) {
                    postmaster = process;
                    LOG.info(() -> "Embedded database: PostgreSQL " + VERSION + " on 127.0.0.1:" + settings.port()
                            + " (pid " + process.pid() + "), cluster " + settings.cluster() + ", log " + log);
                    return;
                }
                Thread.sleep(100);
            }
            String tail = newLogLines(log, logStart);
            if (process.isAlive()) {
                process.destroyForcibly();
                throw new DatabaseProblem("The embedded database did not answer within " + START_TIMEOUT.toMinutes()
                        + " minutes of starting", "Read " + log + ". " + restoreAdvice());
            }
            // Back-ends of a killed postmaster may still hold its shared memory for a moment: try again.
            boolean transientState = tail.contains("shared memory block is still in use") || tail.contains("lock file")
                    || tail.contains("could not bind");
            if (transientState && attempt < 30 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                continue;
            }
            throw new DatabaseProblem("The embedded database does not start: " + lastFatal(tail),
                    "Read " + log + ". " + restoreAdvice());
        }
    }

    private String restoreAdvice() {
        return "If its files are damaged, restore the last backup: stop Quire, then start it once with "
                + "-Dquire.db.restore-from=" + settings.home().getParent().resolve("backups").resolve("<newest>")
                + " (docs/OPERATIONS.md, \"Restore\").";
    }

    private boolean answers() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String newLogLines(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    private static String lastFatal(String tail) {
        String found = null;
        for (String line : tail.split("\n")) {
            if (line.contains("FATAL") || line.contains("PANIC") || line.contains("ERROR")) {
                found = line.strip();
            }
        }
        if (found == null) {
            String[] lines = tail.strip().split("\n");
            found = lines.length == 0 || lines[lines.length - 1].isBlank() ? "it exited at once" : lines[lines.length - 1].strip();
        }
        return found.length() > 400 ? found.substring(0, 400) + "…" : found;
    }

    private static void run(RunAs runAs, Duration timeout, String... command) throws IOException, InterruptedException, DatabaseProblem {
        ProcessBuilder builder = new ProcessBuilder(runAs.command(command)).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new DatabaseProblem(Path.of(command[0]).getFileName() + " did not finish in " + timeout.toSeconds() + " s",
                    "Read " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new DatabaseProblem(Path.of(command[0]).getFileName() + " failed (exit " + process.exitValue() + "): "
                    + lastFatal(text), "See the message above.");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * How the database's processes are run: as this process's user, or — when that is root, which PostgreSQL refuses —
     * as the configured unprivileged account through {@code setpriv}.
     */
    record RunAs(Optional<String> user, int uid, int gid) {

        static RunAs forThisProcess(EmbeddedSettings settings) throws IOException, DatabaseProblem {
            if (!isRoot()) {
                return new RunAs(Optional.empty(), -1, -1);
            }
            String user = settings.osUser();
            if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
                throw new DatabaseProblem("quire.db.embedded.os-user '" + user + "' is not a valid account name",
                        "Set quire.db.embedded.os-user to an account name such as quire-db.");
            }
            Optional<int[]> ids = ids(user);
            if (ids.isEmpty()) {
                try {
                    runPlain("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                            "--shell", "/usr/sbin/nologin", "--comment", "Quire embedded database", user);
                } catch (IOException | DatabaseProblem e) {
                    throw new DatabaseProblem("Quire runs as root, and PostgreSQL will not: the account '" + user
                            + "' for the embedded database does not exist and could not be created (" + e.getMessage() + ")",
                            "Create it (useradd --system --user-group " + user + "), or run Quire as an ordinary user.");
                }
                LOG.info(() -> "Embedded database: created the system account '" + user + "' to run PostgreSQL");
                ids = ids(user);
                if (ids.isEmpty()) {
                    throw new DatabaseProblem("The account '" + user + "' was created but cannot be found", "Check /etc/passwd.");
                }
            }
            return new RunAs(Optional.of(user), ids.get()[0], ids.get()[1]);
        }

        private static boolean isRoot() {
            try {
                return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
            } catch (RuntimeException | LinkageError e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }

        private static Optional<int[]> ids(String user) throws IOException {
            try {
                String uid = runPlain("id", "-u", user).strip();
                String gid = runPlain("id", "-g", user).strip();
                return Optional.of(new int[] {Integer.parseInt(uid), Integer.parseInt(gid)});
            } catch (DatabaseProblem | NumberFormatException e) {
                return Optional.empty();
            }
        }

        List<String> command(String... command) {
            List<String> full = new ArrayList<>();
            if (user.isPresent()) {
                full.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
            }
            full.addAll(List.of(command));
            return full;
        }

        /** Gives a path (recursively) to the database account. */
        void own(Path path) throws IOException {
            if (user.isEmpty()) {
                return;
            }
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user.get());
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(String.valueOf(gid));
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path p : paths.toList()) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(owner);
                    view.setGroup(group);
                }
            }
        }

        /** The database account must be able to reach its cluster: every folder above it must let others pass. */
        void ensureReachable(Path home) throws DatabaseProblem, IOException {
            if (user.isEmpty()) {
                return;
            }
            for (Path dir = home; dir != null; dir = dir.getParent()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new DatabaseProblem("Quire runs as root, so the embedded database runs as '" + user.get()
                            + "', which cannot pass through " + dir + " (mode " + PosixFilePermissions.toString(permissions) + ")",
                            "Allow it (chmod o+x " + dir + "), put quire.data-dir where every account may pass, or run Quire "
                                    + "as an ordinary user.");
                }
            }
        }

        private static String runPlain(String... command) throws IOException, DatabaseProblem {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new DatabaseProblem(String.join(" ", command) + ": " + output.strip().toLowerCase(Locale.ROOT), "");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return output;
        }
    }
}
