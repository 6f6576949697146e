package org.quire.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's administration side: listing, purge deletion with the reuse guard, recovery, the scrub. */
class BlobPurgeAndScrubTest {

    @TempDir
    Path root;

    @Test
    void listsEveryBlobWithItsSize() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef a = put(store, "alpha");
        BlobRef b = put(store, "beta!");
        put(store, "alpha"); // stored once
        List<FileSystemBlobStore.StoredBlob> seen = new ArrayList<>();
        store.forEachBlob(seen::add);
        assertThat(seen).extracting(FileSystemBlobStore.StoredBlob::sha256).containsExactlyInAnyOrder(a.sha256(), b.sha256());
        assertThat(seen).extracting(FileSystemBlobStore.StoredBlob::size).containsOnly(5L);
    }

    @Test
    void deletesABlobNobodyReusedAndLeavesNothingAside() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef a = put(store, "purge me");
        assertThat(store.deleteUnlessReused(a.sha256(), Duration.ofHours(1))).isTrue();
        assertThat(store.exists(a)).isFalse();
        assertThat(store.isStored(a.sha256())).isFalse();
        assertThat(filesIn(store.tempDirectory())).isEmpty();
        assertThat(store.deleteUnlessReused(a.sha256(), Duration.ofHours(1))).as("already gone").isFalse();
    }

    @Test
    void keepsABlobAWriteReusedWithinTheWindow() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef a = put(store, "shared bytes");
        put(store, "shared bytes"); // a second write finds it stored: its version row may not be committed yet
        assertThat(store.deleteUnlessReused(a.sha256(), Duration.ofHours(1))).isFalse();
        assertThat(store.exists(a)).isTrue();
        assertThat(filesIn(store.tempDirectory())).isEmpty();

        // once the reuse is older than the window, the blob may go
        Path mark = root.resolve("reused").resolve(a.sha256());
        Files.setLastModifiedTime(mark, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        assertThat(store.deleteUnlessReused(a.sha256(), Duration.ofHours(1))).isTrue();
        assertThat(store.exists(a)).isFalse();
        assertThat(mark).doesNotExist();
    }

    @Test
    void aBlobSetAsideByAnInterruptedPurgeIsMovedBack() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef a = put(store, "crash in the middle");
        Path aside = store.tempDirectory().resolve("purge-" + a.sha256() + "-1.blob");
        Files.move(store.pathOf(a), aside);
        assertThat(store.exists(a)).isFalse();
        assertThat(new FileSystemBlobStore(root).recoverPurgeLeftovers()).isEqualTo(1);
        assertThat(store.exists(a)).isTrue();
        assertThat(aside).doesNotExist();
    }

    @Test
    void aWriteAfterTheBlobWasDeletedStoresItAgain() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef a = put(store, "again");
        store.deleteUnlessReused(a.sha256(), Duration.ofHours(1));
        assertThat(put(store, "again")).isEqualTo(a);
        assertThat(store.pathOf(a)).hasContent("again");
    }

    @Test
    void theScrubFindsCorruptAndMissingBlobs() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        BlobRef good = put(store, "good content");
        BlobRef bad = put(store, "bad content!");
        Files.writeString(store.pathOf(bad), "BAD content!"); // same length, other bytes
        String gone = "0".repeat(64);

        Scrub scrub = new Scrub(Instant.now());
        assertThat(scrub.report().state()).isEqualTo(Scrub.State.RUNNING);
        scrub.run(store, Set.of(good.sha256(), bad.sha256(), gone), Clock.systemUTC());
        Scrub.Report report = scrub.report();
        assertThat(report.state()).isEqualTo(Scrub.State.DONE);
        assertThat(report.corrupt()).containsExactly(bad.sha256());
        assertThat(report.missing()).containsExactly(gone);
        assertThat(report.checked()).isEqualTo(5).isEqualTo(report.total());
        assertThat(report.finished()).isNotNull();

        Files.writeString(store.pathOf(bad), "bad content!");
        Scrub clean = new Scrub(Instant.now());
        clean.run(store, Set.of(good.sha256(), bad.sha256()), Clock.systemUTC());
        assertThat(clean.report().corrupt()).isEmpty();
        assertThat(clean.report().missing()).isEmpty();
    }

    @Test
    void hashingStreamsTheFile() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] big = new byte[3 * 64 * 1024 + 17];
        new java.util.Random(7).nextBytes(big);
        BlobRef ref = store.put(new ByteArrayInputStream(big), big.length, null);
        assertThat(FileSystemBlobStore.hashOf(store.pathOf(ref))).isEqualTo(ref.sha256());
    }

    private static BlobRef put(FileSystemBlobStore store, String content) throws IOException {
        return store.put(new ByteArrayInputStream(content.getBytes()), 1000, null);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
