package org.quire.content;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.platform.InvalidInputException;
import org.quire.platform.TooLargeException;
import org.quire.settings.QuireConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The application's blob store, rooted at {@code <quire.data-dir>/store}. At start-up it removes temp files
 * of writes that a crash interrupted: those whose writer no longer holds their OS lock (another node's upload in
 * progress on a shared store keeps its lock and its file; see {@link FileSystemBlobStore#removeStaleTempFiles}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ContentStore {

    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(ContentStore.class.getName());

    @Inject
    QuireConfig config;

    @Inject
    java.time.Clock clock;

    @Inject
    AuditService audit;

    private FileSystemBlobStore store;

    @PostConstruct
    void openStore() {
        Path root = config.dataDir().resolve("store");
        try {
            store = new FileSystemBlobStore(root, config.storageMinFreeBytes());
            int removed = store.removeStaleTempFiles(STALE_TEMP_AGE);
            int recovered = store.recoverPurgeLeftovers();
            if (recovered > 0) {
                LOG.warning(() -> "Blob store: moved back " + recovered + " blobs an interrupted purge had set aside");
            }
            LOG.info(() -> "Blob store at " + root + (removed > 0 ? " (removed " + removed + " unfinished temp files)" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store at " + root, e);
        }
    }

    public BlobRef put(InputStream in, long maxBytes) throws IOException {
        return store.put(in, maxBytes, null);
    }

    /**
     * The one way new content enters the store on a user's behalf (uploads, new versions on every route, editor
     * saves, forgotten files): streamed under {@code quire.upload.max-bytes}; a refusal (too large: 413, store full:
     * 507) is audited as {@code UPLOAD_REJECTED} on {@code documentId} / {@code target} and leaves nothing stored; a
     * body that breaks off is a 400 {@code upload_incomplete}. {@code what} names the content in messages
     * ("The upload", "The saved file").
     */
    public BlobRef accept(InputStream content, String documentId, String target, String what) {
        long max = config.uploadMaxBytes();
        try {
            return store.put(content, max, null);
        } catch (BlobTooLargeException e) {
            audit.recordRejection(AuditAction.UPLOAD_REJECTED, documentId, target, "larger than " + max + " bytes");
            throw tooLarge(what, max);
        } catch (StoreFullException e) {
            audit.recordRejection(AuditAction.UPLOAD_REJECTED, documentId, target, e.getMessage());
            throw storageFull(e);
        } catch (ContentReadException e) {
            throw new InvalidInputException("upload_incomplete", what + " did not arrive completely; nothing was stored.");
        } catch (IOException e) {
            throw new UncheckedIOException("storing content failed", e);
        }
    }

    /** Refuses content whose declared length is over the limit before a byte of it is read (audited like {@link #accept}). */
    public void rejectDeclaredSize(Long declaredLength, String documentId, String target, String what) {
        long max = config.uploadMaxBytes();
        if (declaredLength != null && declaredLength > max) {
            audit.recordRejection(AuditAction.UPLOAD_REJECTED, documentId, target, "declared " + declaredLength + " bytes, limit " + max);
            throw tooLarge(what, max);
        }
    }

    private static TooLargeException tooLarge(String what, long max) {
        return new TooLargeException("upload_too_large", what + " exceeds the limit of " + max + " bytes; nothing was stored.");
    }

    /** What a refused write answers: 507, nothing stored, the reason an administrator can act on. */
    public static org.quire.platform.StorageFullException storageFull(StoreFullException e) {
        return new org.quire.platform.StorageFullException("The document store is nearly full (" + (e.usable() >> 20)
                + " MiB free, " + (e.floor() >> 20) + " MiB kept free); nothing was stored. Ask an administrator to free space.");
    }

    public InputStream open(BlobRef ref) throws IOException {
        return store.open(ref);
    }

    public boolean exists(BlobRef ref) {
        return store.exists(ref);
    }

    /**
     * How long after a write found its content stored already that blob is kept by a purge: longer than any
     * write takes between storing its blob and committing its version row.
     */
    public static final Duration REUSE_WINDOW = Duration.ofHours(1);

    /** Files in the store and their total size. */
    public record Figures(long blobs, long bytes, long usableBytes, long minFreeBytes) {
    }

    public Figures figures() throws IOException {
        long[] sums = new long[2];
        store.forEachBlob(b -> {
            sums[0]++;
            sums[1] += b.size();
        });
        return new Figures(sums[0], sums[1], store.usableSpace(), store.minFreeBytes());
    }

    /** Runs {@code scrub} over this store on the calling thread; {@code referenced} are the hashes rows point to. */
    public void scrub(Scrub scrub, java.util.Collection<String> referenced) throws IOException {
        scrub.run(store, referenced, clock);
    }

    public boolean isStored(String sha256) {
        return store.isStored(sha256);
    }

    /** Deletes a blob no version references any more (the caller checked), unless a write reused it lately. */
    public boolean deleteUnreferenced(String sha256) throws IOException {
        return store.deleteUnlessReused(sha256, REUSE_WINDOW);
    }

    /** True when the store directory is usable (readiness). */
    public boolean isWritable() {
        return java.nio.file.Files.isWritable(store.tempDirectory());
    }
}
