package org.quire.tree;

import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Set;

/**
 * Rows another aggregate keeps about documents or folders, removed when those are purged for good. Each package
 * that keeps such rows provides one (a CDI bean) and removes only its own entities' rows, so the purge names no
 * other package's tables. The purge (admin {@code TrashAdmin}) runs every participant in {@link #order()}, lowest
 * first — rows that name another participant's rows go before those (editor history names versions) — then deletes
 * the tree's own rows, all in one transaction ({@code em} is the purge's).
 */
public abstract class PurgeParticipant {

    private final int order;
    private final String rows;

    /** {@code order}: lower runs first; {@code rows}: what {@link #purgeDocuments} counts, for the purge's audit row. */
    protected PurgeParticipant(int order, String rows) {
        this.order = order;
        this.rows = rows;
    }

    public int order() {
        return order;
    }

    public String rows() {
        return rows;
    }

    /** Removes this aggregate's rows of these documents (database ids); returns how many went. */
    public int purgeDocuments(EntityManager em, List<Long> documentIds) {
        return 0;
    }

    /** Removes, or unlinks, this aggregate's rows of these folders (database ids). */
    public void purgeFolders(EntityManager em, List<Long> folderIds) {
    }

    /** The content hashes these documents' rows reference, read before anything is removed. */
    public Set<String> blobs(EntityManager em, List<Long> documentIds) {
        return Set.of();
    }

    /** Of these content hashes, those rows of this aggregate still reference (read after the purge committed). */
    public Set<String> referenced(EntityManager em, List<String> sha256s) {
        return Set.of();
    }
}
