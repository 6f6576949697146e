package org.quire.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesUnderTheHashAndReadsBackTheSameBytes() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = "hello quire".getBytes();
        BlobRef ref = store.put(new ByteArrayInputStream(bytes), 1000, null);
        assertThat(ref.sha256()).isEqualTo(sha256(bytes));
        assertThat(ref.size()).isEqualTo(bytes.length);
        assertThat(store.pathOf(ref)).isRegularFile().hasBinaryContent(bytes);
        assertThat(store.pathOf(ref).toString()).contains(ref.sha256().substring(0, 2) + "/" + ref.sha256().substring(2, 4));
        try (InputStream in = store.open(ref)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void aWriteIsRefusedWhenTheDiskIsBelowItsFloorAndNothingIsLeft() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root, Long.MAX_VALUE);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream("x".getBytes()), 1000, null)).isInstanceOf(StoreFullException.class);
        assertThat(tempFiles(store)).isEmpty();
        assertThat(blobCount(store)).isZero();
        // floor 0 (the default for tests and tools): no check
        assertThat(new FileSystemBlobStore(root).put(new ByteArrayInputStream("x".getBytes()), 1000, null).size()).isEqualTo(1);
    }

    @Test
    void aLongWriteStopsWhenTheDiskFallsBelowTheFloorWhileItIsWritten() throws Exception {
        long mib = 1024 * 1024;
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        // the disk "fills" as the body is read: 100 MiB free at the start, floor 64 MiB, body 80 MiB
        FileSystemBlobStore store = new FileSystemBlobStore(root, 64 * mib, () -> 100 * mib - read.get());
        InputStream body = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(new byte[(int) (80 * mib)])) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        assertThatThrownBy(() -> store.put(body, 1024 * mib, null)).isInstanceOf(StoreFullException.class)
                .satisfies(e -> assertThat(((StoreFullException) e).usable()).isLessThan(64 * mib));
        assertThat(read.get()).as("stopped at the first check below the floor, not at the end").isLessThan(80 * mib);
        assertThat(tempFiles(store)).isEmpty();
        assertThat(blobCount(store)).isZero();
        assertThat(store.usableSpace()).isEqualTo(100 * mib - read.get());
    }

    private long blobCount(FileSystemBlobStore store) throws Exception {
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        store.forEachBlob(b -> n.incrementAndGet());
        return n.get();
    }

    @Test
    void emptyContentIsABlobToo() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef ref = store.put(InputStream.nullInputStream(), 10, null);
        assertThat(ref.size()).isZero();
        assertThat(ref.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.exists(ref)).isTrue();
    }

    @Test
    void identicalContentIsStoredOnce() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = new byte[100_000];
        BlobRef first = store.put(new ByteArrayInputStream(bytes), 1_000_000, null);
        FileTime placed = Files.getLastModifiedTime(store.pathOf(first));
        BlobRef second = store.put(new ByteArrayInputStream(bytes), 1_000_000, null);
        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(store.pathOf(first))).isEqualTo(placed);
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNothingVisible() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        InputStream breaksAfter64k = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= 65_536) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put(breaksAfter64k, 10_000_000, null)).isInstanceOf(ContentReadException.class);
        assertThat(blobFiles()).isEmpty();
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void contentOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1001]), 1000, null))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(store.put(new ByteArrayInputStream(new byte[1000]), 1000, null).size()).isEqualTo(1000);
        assertThat(blobFiles()).hasSize(1);
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void anExpectedHashThatDoesNotMatchIsRefused() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream("abc".getBytes()), 100, "0".repeat(64)))
                .isInstanceOf(BlobCorruptException.class);
        assertThat(blobFiles()).isEmpty();
        assertThat(store.put(new ByteArrayInputStream("abc".getBytes()), 100, sha256("abc".getBytes())).size()).isEqualTo(3);
    }

    @Test
    void readsFailWhenTheStoredFileWasTruncatedOrIsMissing() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef ref = store.put(new ByteArrayInputStream(new byte[500]), 1000, null);
        Files.write(store.pathOf(ref), new byte[499]);
        assertThat(store.exists(ref)).isFalse();
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(BlobCorruptException.class);
        Files.delete(store.pathOf(ref));
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(BlobCorruptException.class).hasMessageContaining("missing");
    }

    @Test
    void concurrentWritersOfTheSameContentAllSucceed() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = new byte[256 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BlobRef>> results = pool.invokeAll(java.util.Collections.nCopies(16,
                    () -> store.put(new ByteArrayInputStream(bytes), bytes.length, null)));
            for (Future<BlobRef> r : results) {
                assertThat(r.get().sha256()).isEqualTo(sha256(bytes));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(blobFiles()).hasSize(1);
        assertThat(Files.readAllBytes(blobFiles().get(0))).isEqualTo(bytes);
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void tempFilesOfDeadWritersAreRemovedAndThoseBeingWrittenKept() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        Path orphan = Files.createTempFile(store.tempDirectory(), "upload-", ".tmp"); // its writer died: no lock
        Path ours = Files.createTempFile(store.tempDirectory(), "upload-", ".tmp");
        Path theirs = Files.createTempFile(store.tempDirectory(), "upload-", ".tmp");
        Process otherNode = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TempFileLockHolder.class.getName(), theirs.toString())
                .redirectErrorStream(true).start();
        try (FileChannel writing = FileChannel.open(ours, StandardOpenOption.WRITE);
             var lock = writing.lock();
             var fromOtherNode = new java.io.BufferedReader(new java.io.InputStreamReader(otherNode.getInputStream()))) {
            assertThat(fromOtherNode.readLine()).isEqualTo("locked");
            assertThat(store.removeStaleTempFiles(Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(orphan).doesNotExist();
            assertThat(ours).as("written by this JVM").exists();
            assertThat(theirs).as("written by another process").exists();

            otherNode.destroyForcibly().waitFor(); // SIGKILL: the OS drops its lock
            assertThat(store.removeStaleTempFiles(Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(theirs).doesNotExist();
            assertThat(ours).exists();
        } finally {
            otherNode.destroyForcibly();
        }
        assertThat(store.removeStaleTempFiles(Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(tempFiles(store)).isEmpty();
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> tempFiles(FileSystemBlobStore store) throws IOException {
        try (Stream<Path> files = Files.list(store.tempDirectory())) {
            return files.toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
