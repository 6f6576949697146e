package org.quire.admin;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.content.ContentStore;
import org.quire.document.DocumentService;
import org.quire.document.FolderService;
import org.quire.identity.Caller;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.tree.Tree;
import org.quire.tree.TreeItem;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The trash for administrators: every trashed document and folder, restore through the owners' paths
 * ({@link DocumentService#restore}, {@link FolderService#restore}), and purge for good.
 *
 * <p>A purge deletes the rows (document, versions, locks, ACL entries, editor rows; a folder with its whole subtree)
 * in one transaction, then, after the commit, the blob files that no version and no editor history row references
 * any more. A crash between the two leaves an unreferenced blob (an orphan a later clean-up may remove), never a
 * version without its blob.
 */
@Stateless
public class TrashAdmin {

    /** Items of a kind deleted per statement (IN lists stay short for every database). */
    static final int CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(TrashAdmin.class.getName());

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    DocumentService documents;

    @Inject
    FolderService folders;

    @Inject
    ContentStore store;

    @Resource
    SessionContext session;

    public enum Kind {
        DOCUMENT, FOLDER;

        /** {@code documents} or {@code folders}, as in the URL. */
        public static Kind of(String plural) {
            return switch (plural == null ? "" : plural) {
                case "documents" -> DOCUMENT;
                case "folders" -> FOLDER;
                default -> throw new InvalidInputException("invalid_kind", "The trash holds 'documents' and 'folders'.");
            };
        }
    }

    /** An item in the trash: trashed itself (items below a trashed folder go with it and are not listed). */
    public record TrashItem(Kind kind, String id, String name, String path, LocalDateTime trashedAt, String trashedBy, Long size) {
    }

    /** What a purge removed; {@code blobsDeleted} counts the files deleted after the commit. */
    public record Purged(Kind kind, String id, String name, int documents, int folders, int versions, int blobsDeleted) {
    }

    /** The rows of a purge, committed; {@code blobs} are the hashes that may now be unreferenced. */
    public record PurgedRows(Kind kind, String id, String name, int documents, int folders, int versions, Set<String> blobs) {
    }

    // --- listing and restore ---------------------------------------------------------------------------

    /**
     * Trashed documents and folders, most recently trashed first. The database orders and limits each kind (the first
     * {@code (page + 1) * size} rows of each), the two are merged here, and only the page's items get their path and
     * who trashed them: a listing reads O(page), not the whole trash.
     */
    public AdminPage<TrashItem> trash(int page, int size) {
        caller.requireAdmin();
        int wanted = (int) Math.min((long) (page + 1) * size, Integer.MAX_VALUE);
        List<TrashItem> first = new ArrayList<>();
        trashedFirst(Document.class, wanted).forEach(d -> first.add(new TrashItem(Kind.DOCUMENT, d.getPublicId(), d.getName(),
                null, d.getTrashedAt(), null, d.getSize())));
        trashedFirst(Folder.class, wanted).forEach(f -> first.add(new TrashItem(Kind.FOLDER, f.getPublicId(), f.getName(),
                null, f.getTrashedAt(), null, null)));
        first.sort(NEWEST_FIRST);
        List<TrashItem> items = first.stream().skip((long) page * size).limit(size)
                .map(i -> new TrashItem(i.kind(), i.id(), i.name(), path(i), i.trashedAt(), trashedBy(i), i.size())).toList();
        long total = em.createQuery("SELECT COUNT(d) FROM Document d WHERE d.trashed = TRUE", Long.class).getSingleResult()
                + em.createQuery("SELECT COUNT(f) FROM Folder f WHERE f.trashed = TRUE", Long.class).getSingleResult();
        return new AdminPage<>(items, total);
    }

    /** The order of the trash: newest first, undated last, then by id (the database sorts each kind the same way). */
    static final Comparator<TrashItem> NEWEST_FIRST = Comparator.comparing(TrashItem::trashedAt,
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(TrashItem::id);

    private <T extends TreeItem> List<T> trashedFirst(Class<T> kind, int limit) {
        return em.createQuery("SELECT i FROM " + kind.getSimpleName() + " i WHERE i.trashed = TRUE"
                + " ORDER BY i.trashedAt DESC NULLS LAST, i.publicId", kind).setMaxResults(limit).getResultList();
    }

    private String path(TrashItem item) {
        return item.kind() == Kind.DOCUMENT ? FolderPaths.of(Tree.document(em, item.id()).getFolder())
                : FolderPaths.of(Tree.folder(em, item.id()).getParent());
    }

    public Document restoreDocument(String documentId) {
        caller.requireAdmin();
        return documents.restore(documentId);
    }

    public Folder restoreFolder(String folderId) {
        caller.requireAdmin();
        return folders.restore(folderId);
    }

    // --- purge -------------------------------------------------------------------------------------------

    /** Purges an item in the trash for good: rows in one transaction, then the blobs nobody references. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Purged purge(Kind kind, String id) {
        caller.requireAdmin();
        TrashAdmin self = session.getBusinessObject(TrashAdmin.class);
        PurgedRows rows = self.purgeRows(kind, id);
        Set<String> unreferenced = self.unreferenced(rows.blobs());
        List<String> deleted = new ArrayList<>();
        for (String sha : unreferenced) {
            try {
                if (store.deleteUnreferenced(sha)) {
                    deleted.add(sha);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "purge of " + kind + " " + id + ": blob " + sha + " could not be deleted (left as an orphan)", e);
            }
        }
        if (!deleted.isEmpty()) {
            audit.record(AuditAction.BLOBS_DELETED, kind == Kind.DOCUMENT ? id : null, target(kind, id),
                    truncate(deleted.size() + " blobs: " + String.join(",", deleted)));
        }
        return new Purged(kind, id, rows.name(), rows.documents(), rows.folders(), rows.versions(), deleted.size());
    }

    /** The rows of the purge, in one transaction of their own (committed before any blob is touched). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public PurgedRows purgeRows(Kind kind, String id) {
        caller.requireAdmin();
        List<Long> folderIds = new ArrayList<>();
        List<Long> documentIds = new ArrayList<>();
        String name;
        if (kind == Kind.DOCUMENT) {
            Document document = Tree.document(em, id, LockModeType.PESSIMISTIC_WRITE);
            if (document.isLive()) {
                throw new ConflictException("not_in_trash", "The document '" + document.getName() + "' is not in the trash; trash it first.");
            }
            name = document.getName();
            documentIds.add(document.getId());
        } else {
            Folder folder = Tree.folder(em, id);
            if (!folder.isInTrash()) {
                throw new ConflictException("not_in_trash", "The folder '" + folder.getName() + "' is not in the trash; trash it first.");
            }
            name = folder.getName();
            collectSubtree(folder, folderIds, documentIds);
        }
        em.flush();
        Set<String> blobs = new TreeSet<>();
        int versions = 0;
        for (List<Long> chunk : chunks(documentIds)) {
            blobs.addAll(strings("SELECT DISTINCT sha256 FROM document_version WHERE document_id IN " + in(chunk)));
            blobs.addAll(strings("SELECT DISTINCT changes_sha256 FROM editor_history WHERE changes_sha256 IS NOT NULL AND document_id IN " + in(chunk)));
            String ids = in(chunk);
            // children before parents (V1-V7 foreign keys): history rows name versions, every other row names the document
            update("DELETE FROM editor_history WHERE document_id IN " + ids);
            update("DELETE FROM editor_save WHERE document_id IN " + ids);
            update("DELETE FROM editor_key WHERE document_id IN " + ids);
            update("DELETE FROM document_co_editing WHERE document_id IN " + ids);
            update("DELETE FROM document_lock WHERE document_id IN " + ids);
            versions += update("DELETE FROM document_version WHERE document_id IN " + ids);
            update("DELETE FROM acl_entry WHERE item_type = 'D' AND item_id IN " + ids);
            update("DELETE FROM document WHERE id IN " + ids);
        }
        // deepest folders first (folder.parent_id); a purged home folder is forgotten by its user (created anew on demand)
        List<Long> deepestFirst = new ArrayList<>(folderIds);
        java.util.Collections.reverse(deepestFirst);
        for (List<Long> chunk : chunks(deepestFirst)) {
            update("UPDATE quire_user SET home_folder_id = NULL WHERE home_folder_id IN " + in(chunk));
            update("DELETE FROM acl_entry WHERE item_type = 'F' AND item_id IN " + in(chunk));
        }
        for (Long folderId : deepestFirst) {
            update("DELETE FROM folder WHERE id = " + folderId);
        }
        em.clear();
        String detail = kind == Kind.DOCUMENT
                ? "name=" + name + " versions=" + versions + " blobs=" + blobs
                : "name=" + name + " folders=" + folderIds.size() + " documents=" + documentIds.size() + " versions=" + versions + " blobs=" + blobs;
        audit.record(kind == Kind.DOCUMENT ? AuditAction.DOCUMENT_PURGED : AuditAction.FOLDER_PURGED,
                kind == Kind.DOCUMENT ? id : null, target(kind, id), truncate(detail));
        return new PurgedRows(kind, id, name, documentIds.size(), folderIds.size(), versions, blobs);
    }

    /** Of these hashes, those no version and no editor history row references (read after the purge committed). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> unreferenced(Collection<String> shas) {
        Set<String> left = new LinkedHashSet<>(shas);
        List<String> all = new ArrayList<>(shas);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            left.removeAll(em.createQuery("SELECT DISTINCT v.sha256 FROM DocumentVersion v WHERE v.sha256 IN :s", String.class)
                    .setParameter("s", chunk).getResultList());
            left.removeAll(em.createQuery("SELECT DISTINCT h.changesSha256 FROM EditorHistory h WHERE h.changesSha256 IN :s", String.class)
                    .setParameter("s", chunk).getResultList());
        }
        return left;
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** The folder and everything below it, parents before children; the documents of all of them. */
    private void collectSubtree(Folder top, List<Long> folderIds, List<Long> documentIds) {
        List<Folder> level = List.of(top);
        while (!level.isEmpty()) {
            List<Folder> next = new ArrayList<>();
            for (Folder f : level) {
                folderIds.add(f.getId());
                documentIds.addAll(em.createQuery("SELECT d.id FROM Document d WHERE d.folder = :f", Long.class).setParameter("f", f).getResultList());
                next.addAll(em.createQuery("SELECT c FROM Folder c WHERE c.parent = :f", Folder.class).setParameter("f", f).getResultList());
            }
            level = next;
        }
    }

    private String trashedBy(TrashItem item) {
        var query = item.kind() == Kind.DOCUMENT
                ? em.createQuery("SELECT e.actor FROM AuditEvent e WHERE e.action = :a AND e.documentId = :id ORDER BY e.occurredAt DESC, e.id DESC", String.class)
                        .setParameter("a", AuditAction.DOCUMENT_TRASHED.name()).setParameter("id", item.id())
                : em.createQuery("SELECT e.actor FROM AuditEvent e WHERE e.action = :a AND e.target = :id ORDER BY e.occurredAt DESC, e.id DESC", String.class)
                        .setParameter("a", AuditAction.FOLDER_TRASHED.name()).setParameter("id", "folder:" + item.id());
        return query.setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String sql) {
        return ((Stream<Object>) em.createNativeQuery(sql).getResultStream()).map(String::valueOf).toList();
    }

    private int update(String sql) {
        return em.createNativeQuery(sql).executeUpdate();
    }

    /** {@code (1,2,3)} of database ids (numbers only, never client input). */
    static String in(List<Long> ids) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : ",").append(ids.get(i).longValue());
        }
        return b.append(')').toString();
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String target(Kind kind, String id) {
        return (kind == Kind.DOCUMENT ? "document:" : "folder:") + id;
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
