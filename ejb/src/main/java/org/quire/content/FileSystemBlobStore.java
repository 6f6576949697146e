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

    private final Path blobs;
    private final Path temp;

    public FileSystemBlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.temp = Files.createDirectories(root.resolve("tmp"));
    }

    @Override
    public BlobRef put(InputStream in, long maxBytes, String expectedSha256) throws IOException {
        MessageDigest digest = sha256();
        Path tmp = Files.createTempFile(temp, TEMP_PREFIX, TEMP_SUFFIX);
        boolean placed = false;
        try {
            long size = 0;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                holdWhileWriting(channel);
                OutputStream out = Channels.newOutputStream(channel);
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = read(in, buffer)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
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
                return ref; // stored once: the temp copy is deleted below
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
