package org.quire.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.content.ContentStore;
import org.quire.identity.Caller;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The content store in figures (dms-admin): blob files and their bytes (walked on disk, so orphans and editor
 * changes archives count), version rows and the bytes they reference. {@code dedupRatio = referencedBytes / bytes}:
 * 2.0 means every stored byte serves two versions on average.
 */
@Stateless
public class StorageFigures {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ContentStore store;

    /** {@code usableBytes}: free space of the store's file system; below {@code minFreeBytes} writes are refused (507). */
    public record Figures(long blobs, long bytes, long versions, long referencedBytes, double dedupRatio, long usableBytes, long minFreeBytes) {
        static Figures of(ContentStore.Figures stored, long versions, long referencedBytes) {
            return new Figures(stored.blobs(), stored.bytes(), versions, referencedBytes, ratio(referencedBytes, stored.bytes()),
                    stored.usableBytes(), stored.minFreeBytes());
        }
    }

    /** {@code referenced / stored}; 1.0 when nothing is stored (no sharing to report). */
    static double ratio(long referencedBytes, long bytes) {
        if (bytes <= 0) {
            return 1.0;
        }
        return Math.round(referencedBytes * 1000.0 / bytes) / 1000.0;
    }

    public Figures figures() {
        caller.requireAdmin();
        Object[] versions = em.createQuery("SELECT COUNT(v), COALESCE(SUM(v.size), 0) FROM DocumentVersion v", Object[].class).getSingleResult();
        try {
            ContentStore.Figures stored = store.figures();
            return Figures.of(stored, ((Number) versions[0]).longValue(), ((Number) versions[1]).longValue());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content store failed", e);
        }
    }
}
