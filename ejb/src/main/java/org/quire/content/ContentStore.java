package org.quire.content;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.quire.platform.QuireConfig;

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

    private FileSystemBlobStore store;

    @PostConstruct
    void openStore() {
        Path root = config.dataDir().resolve("store");
        try {
            store = new FileSystemBlobStore(root);
            int removed = store.removeStaleTempFiles(STALE_TEMP_AGE);
            LOG.info(() -> "Blob store at " + root + (removed > 0 ? " (removed " + removed + " unfinished temp files)" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store at " + root, e);
        }
    }

    public BlobRef put(InputStream in, long maxBytes) throws IOException {
        return store.put(in, maxBytes, null);
    }

    public InputStream open(BlobRef ref) throws IOException {
        return store.open(ref);
    }

    public boolean exists(BlobRef ref) {
        return store.exists(ref);
    }

    /** True when the store directory is usable (readiness). */
    public boolean isWritable() {
        return java.nio.file.Files.isWritable(store.tempDirectory());
    }
}
