package org.quire.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.content.ContentStore;

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
    AccessControlService access;

    @Inject
    ContentStore store;

    public record Figures(long blobs, long bytes, long versions, long referencedBytes, double dedupRatio) {
        static Figures of(long blobs, long bytes, long versions, long referencedBytes) {
            return new Figures(blobs, bytes, versions, referencedBytes, ratio(referencedBytes, bytes));
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
        access.requireAdmin();
        Object[] versions = em.createQuery("SELECT COUNT(v), COALESCE(SUM(v.size), 0) FROM DocumentVersion v", Object[].class).getSingleResult();
        try {
            ContentStore.Figures stored = store.figures();
            return Figures.of(stored.blobs(), stored.bytes(), ((Number) versions[0]).longValue(), ((Number) versions[1]).longValue());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content store failed", e);
        }
    }
}
