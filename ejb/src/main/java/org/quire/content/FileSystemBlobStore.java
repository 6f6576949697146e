package org.quire.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Blobs as files {@code blobs/ab/cd/abcd…} under a root directory. A write goes to {@code tmp/} in the same
 * file system, is fsynced, then atomically renamed into place and the directory fsynced; a write that
 * fails or is aborted deletes its temp file. Paths come from hashes only, never from client input.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final int BUFFER = 64 * 1024;
    private static final String TEMP_PREFIX = "upload-";
    private static final String TEMP_SUFFIX = ".tmp";

    private static final String PURGE_PREFIX = "purge-";
    private static final String PURGE_SUFFIX = ".blob";

    private final Path blobs;
    private final Path temp;
    /** {@code reused/<sha>}: touched whenever a write finds its content stored already (see deleteUnlessReused). */
    private final Path reused;
    /** Usable bytes the file system must keep: a write is refused ({@link StoreFullException}) below it. */
    private final long minFreeBytes;
    private final UsableSpace usableSpace;

    /** The usable space of the store's file system (a seam for tests). */
    interface UsableSpace {
        long bytes() throws IOException;
    }

    public FileSystemBlobStore(Path root) throws IOException {
        this(root, 0);
    }

    public FileSystemBlobStore(Path root, long minFreeBytes) throws IOException {
        this(root, minFreeBytes, null);
    }

    FileSystemBlobStore(Path root, long minFreeBytes, UsableSpace usableSpace) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.temp = Files.createDirectories(root.resolve("tmp"));
        this.reused = root.resolve("reused");
        this.minFreeBytes = minFreeBytes;
        this.usableSpace = usableSpace != null ? usableSpace : () -> Files.getFileStore(temp).getUsableSpace();
    }

    /** Checked before a write and again every {@link #SPACE_CHECK_BYTES} written (one statvfs call each). */
    static final long SPACE_CHECK_BYTES = 16L * 1024 * 1024;

    private void requireSpace() throws IOException {
        if (minFreeBytes > 0) {
            long usable = usableSpace.bytes();
            if (usable < minFreeBytes) {
                throw new StoreFullException(usable, minFreeBytes);
            }
        }
    }

    /** The usable space of the store's file system and the floor it keeps (for the console's storage figures). */
    public long usableSpace() throws IOException {
        return usableSpace.bytes();
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    @Override
    public BlobRef put(InputStream in, long maxBytes, String expectedSha256) throws IOException {
        MessageDigest digest = sha256();
        requireSpace();
        Path tmp = Files.createTempFile(temp, TEMP_PREFIX, TEMP_SUFFIX);
        boolean placed = false;
        try {
            long size = 0;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                holdWhileWriting(channel);
                OutputStream out = Channels.newOutputStream(channel);
                byte[] buffer = new byte[BUFFER];
                int n;
                long sinceSpaceCheck = 0;
                while ((n = read(in, buffer)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    sinceSpaceCheck += n;
                    if (sinceSpaceCheck >= SPACE_CHECK_BYTES) {
                        requireSpace();
                        sinceSpaceCheck = 0;
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                channel.force(true);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
                throw new BlobCorruptException("content hashes to " + sha + ", expected " + expectedSha256);
            }
            BlobRef ref = new BlobRef(sha, size);
            Path target = pathOf(ref);
            if (Files.exists(target) && Files.size(target) == size) {
                // stored once: the temp copy is deleted below. The reuse is marked *before* the second look, so
                // that a purge running now either sees the mark (and keeps the blob) or has moved the blob away
                // already (and this write places its own copy): see deleteUnlessReused.
                markReused(ref.sha256());
                if (Files.exists(target) && Files.size(target) == size) {
                    return ref;
                }
            }
            Files.createDirectories(target.getParent());
            moveAtomically(tmp, target);
            placed = true;
            syncDirectory(target.getParent());
            return ref;
        } finally {
            if (!placed) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        Path path = pathOf(ref);
        long actual;
        try {
            actual = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new BlobCorruptException("blob " + ref.sha256() + " is missing from the store");
        }
        if (actual != ref.size()) {
            throw new BlobCorruptException("blob " + ref.sha256() + " has " + actual + " bytes, expected " + ref.size());
        }
        return new LengthCheckingInputStream(Files.newInputStream(path), ref);
    }

    @Override
    public boolean exists(BlobRef ref) {
        Path path = pathOf(ref);
        try {
            return Files.isRegularFile(path) && Files.size(path) == ref.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** The file of a blob; also what a scrub or a benchmark reads. */
    public Path pathOf(BlobRef ref) {
        String h = ref.sha256();
        return blobs.resolve(h.substring(0, 2)).resolve(h.substring(2, 4)).resolve(h);
    }

    public Path tempDirectory() {
        return temp;
    }

    // --- administration: figures, scrub, purge (docs/ARCHITECTURE.md, "Admin operations") ---------------

    /** A stored blob file: the name it is stored under (its claimed SHA-256) and its length. */
    public record StoredBlob(String sha256, Path path, long size) {
    }

    /** Calls {@code visitor} for every blob file (files whose name is not a SHA-256 are skipped). */
    public void forEachBlob(java.util.function.Consumer<StoredBlob> visitor) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(blobs)) {
            var it = files.iterator();
            while (it.hasNext()) {
                Path file = it.next();
                String name = file.getFileName().toString();
                if (name.length() == 64 && name.matches("[0-9a-f]{64}")) {
                    try {
                        var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                        if (attributes.isRegularFile()) {
                            visitor.accept(new StoredBlob(name, file, attributes.size()));
                        }
                    } catch (NoSuchFileException purgedMeanwhile) {
                        // gone between listing and reading: not a blob any more
                    }
                }
            }
        }
    }

    /** Whether a blob file of that hash exists (whatever its length). */
    public boolean isStored(String sha256) {
        return Files.isRegularFile(pathOf(new BlobRef(sha256, 0)));
    }

    /** The SHA-256 of a file's content, streamed (64 KiB at a time, never the whole file in memory). */
    public static String hashOf(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Deletes the blob of {@code sha256}, unless a write reused it within {@code reuseWindow} (an upload whose
     * version row is not committed yet). The caller has checked that no version references it. The blob is first
     * moved aside atomically ({@code tmp/purge-*.blob}), then the reuse mark is read: a concurrent write either
     * marked the reuse before that read (the blob is moved back) or looks at its place after the move (and stores
     * its own copy). A crash while the blob is aside leaves it there; {@link #recoverPurgeLeftovers()} moves it back.
     *
     * @return true when a blob file was deleted
     */
    public boolean deleteUnlessReused(String sha256, Duration reuseWindow) throws IOException {
        Path target = pathOf(new BlobRef(sha256, 0));
        Path aside = temp.resolve(PURGE_PREFIX + sha256 + "-" + Long.toHexString(System.nanoTime()) + PURGE_SUFFIX);
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        }
        Path mark = reuseMark(sha256);
        boolean reused;
        try {
            reused = Files.getLastModifiedTime(mark).toInstant().isAfter(Instant.now().minus(reuseWindow));
        } catch (NoSuchFileException none) {
            reused = false;
        }
        if (reused) {
            putBack(aside, target);
            return false;
        }
        Files.delete(aside);
        Files.deleteIfExists(mark);
        return true;
    }

    /** Moves blobs that a purge had set aside when the process stopped back into place (never loses a blob). */
    public int recoverPurgeLeftovers() throws IOException {
        int recovered = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, PURGE_PREFIX + "*" + PURGE_SUFFIX)) {
            for (Path file : files) {
                String sha = file.getFileName().toString().substring(PURGE_PREFIX.length(), PURGE_PREFIX.length() + 64);
                putBack(file, pathOf(new BlobRef(sha, 0)));
                recovered++;
            }
        }
        return recovered;
    }

    private void putBack(Path aside, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.delete(aside); // a writer stored the same bytes again meanwhile
        } else {
            moveAtomically(aside, target);
        }
    }

    private void markReused(String sha256) throws IOException {
        Path mark = reuseMark(sha256);
        try {
            Files.setLastModifiedTime(mark, java.nio.file.attribute.FileTime.from(Instant.now()));
        } catch (NoSuchFileException first) {
            Files.createDirectories(mark.getParent());
            try {
                Files.createFile(mark);
            } catch (FileAlreadyExistsException concurrent) {
                Files.setLastModifiedTime(mark, java.nio.file.attribute.FileTime.from(Instant.now()));
            }
        }
    }

    private Path reuseMark(String sha256) {
        return reused.resolve(sha256);
    }

    /**
     * Removes the temp files of writes that will never finish. A writer holds an exclusive OS lock (fcntl) on its
     * temp file while it writes; the OS drops the lock when the writing process dies, even by SIGKILL. So a temp file
     * whose lock can be taken belongs to a dead writer — of this node or of another node sharing the store — and goes
     * at once. Where the file system cannot lock, only files older than {@code olderThan} go (a live write keeps
     * touching its file).
     */
    @Override
    public int removeStaleTempFiles(Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                try {
                    if (writerGone(file, cutoff) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException ignored) {
                    // finished or removed concurrently
                }
            }
        }
        return removed;
    }

    private static boolean writerGone(Path file, Instant cutoff) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process is writing it
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM is writing it
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff); // no locks here: by age
        }
    }

    /** The temp file's lock for as long as the channel is open (see {@link #removeStaleTempFiles}). */
    private static void holdWhileWriting(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without locks: stale files are then recognised by age
        }
    }

    private static int read(InputStream in, byte[] buffer) throws ContentReadException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ContentReadException(e);
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another writer placed the same content first: identical bytes, nothing to do
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob store temp and blob directories must be on one file system", e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open directories; the rename itself is still atomic
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails the read when the file ends before or after the recorded length (truncation, replacement). */
    private static final class LengthCheckingInputStream extends FilterInputStream {
        private final BlobRef ref;
        private long seen;

        LengthCheckingInputStream(InputStream in, BlobRef ref) {
            super(in);
            this.ref = ref;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            account(b == -1 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            account(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            seen += skipped;
            return skipped;
        }

        private void account(int n) throws IOException {
            if (n == -1) {
                if (seen != ref.size()) {
                    throw new BlobCorruptException("blob " + ref.sha256() + " ended after " + seen + " bytes, expected " + ref.size());
                }
            } else {
                seen += n;
                if (seen > ref.size()) {
                    throw new BlobCorruptException("blob " + ref.sha256() + " is longer than " + ref.size() + " bytes");
                }
            }
        }
    }
}
