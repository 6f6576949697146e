package org.quire.tree;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.quire.platform.ConflictException;
import org.quire.platform.NotFoundException;
import org.quire.platform.PublicIds;

/** Look-ups and invariants of the folder tree shared by the document and folder services (no access checks here). */
public final class Tree {

    private Tree() {
    }

    public static Folder folder(EntityManager em, String folderId) {
        if (!PublicIds.isWellFormed(folderId)) {
            throw folderNotFound(folderId);
        }
        return em.createNamedQuery("Folder.byPublicId", Folder.class).setParameter("id", folderId)
                .getResultStream().findFirst().orElseThrow(() -> folderNotFound(folderId));
    }

    public static Document document(EntityManager em, String documentId) {
        return document(em, documentId, LockModeType.NONE);
    }

    /**
     * With {@link LockModeType#PESSIMISTIC_WRITE}, concurrent writers of one document queue instead of failing. Without
     * a lock, the document's folder comes in the same statement (every access check needs it); a locking read takes
     * the document's row alone, so writers of documents in one folder never queue on the folder's row.
     */
    public static Document document(EntityManager em, String documentId, LockModeType lock) {
        if (!PublicIds.isWellFormed(documentId)) {
            throw documentNotFound(documentId);
        }
        String query = lock == LockModeType.NONE ? "Document.byPublicIdWithFolder" : "Document.byPublicId";
        return em.createNamedQuery(query, Document.class).setParameter("id", documentId)
                .setLockMode(lock).getResultStream().findFirst().orElseThrow(() -> documentNotFound(documentId));
    }

    /**
     * Moves a folder's modification time on when something is created in it, without its optimistic version (a
     * bulk update): concurrent creations in one folder must not fail each other with a version conflict.
     */
    public static void touch(EntityManager em, Folder folder, java.time.LocalDateTime now) {
        em.createQuery("UPDATE Folder f SET f.modified = :now WHERE f.id = :id AND f.modified < :now")
                .setParameter("now", now).setParameter("id", folder.getId()).executeUpdate();
    }

    public static void requireLive(Folder folder) {
        if (folder.isInTrash()) {
            throw new ConflictException("in_trash", "The folder '" + folder.getName() + "' is in the trash.");
        }
    }

    public static void requireLive(Document document) {
        if (!document.isLive()) {
            throw new ConflictException("in_trash", "The document '" + document.getName() + "' is in the trash.");
        }
    }

    /**
     * The document, for a client to which a document in the trash does not exist (WOPI: CheckFileInfo, GetFile and the
     * lock operations answer 404 there, as for an unknown id); the REST route's rule is {@link #requireLive(Document)}.
     */
    public static Document liveOrGone(Document document) {
        if (!document.isLive()) {
            throw documentNotFound(document.getPublicId());
        }
        return document;
    }

    /** Names are unique among a folder's live folders and documents, ignoring case. */
    public static void requireNameFree(EntityManager em, Folder parent, ItemName name) {
        long taken = em.createNamedQuery("Folder.nameTaken", Long.class).setParameter("parent", parent).setParameter("key", name.key()).getSingleResult()
                + em.createNamedQuery("Document.nameTaken", Long.class).setParameter("folder", parent).setParameter("key", name.key()).getSingleResult();
        if (taken > 0) {
            throw new ConflictException("name_taken", "'" + name.value() + "' exists already in this folder.");
        }
    }

    private static NotFoundException folderNotFound(String id) {
        return new NotFoundException("folder_not_found", "No folder with id '" + id + "'.");
    }

    private static NotFoundException documentNotFound(String id) {
        return new NotFoundException("document_not_found", "No document with id '" + id + "'.");
    }
}
