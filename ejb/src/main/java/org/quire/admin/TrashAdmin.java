package org.quire.admin;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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
import org.quire.tree.PurgeParticipant;
import org.quire.tree.Tree;
import org.quire.tree.TreeItem;
import org.quire.version.VersionPurge;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The trash for administrators: every trashed document and folder, restore through the owners' paths
 * ({@link DocumentService#restore}, {@link FolderService#restore}), and purge for good.
 *
 * <p>A purge deletes the rows (document, versions, locks, ACL entries, editor rows; a folder with its whole subtree)
 * in one transaction — each aggregate's own rows by its {@link PurgeParticipant} —, then, after the commit, the blob files that no version and no editor history row references
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

    @Inject
    @Any
    Instance<PurgeParticipant> participants;

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
        List<Listed> first = new ArrayList<>();
        trashedFirst(Document.class, wanted).forEach(d -> first.add(new Listed(new TrashItem(Kind.DOCUMENT, d.getPublicId(),
                d.getName(), null, d.getTrashedAt(), null, d.getSize()), d.getFolder())));
        trashedFirst(Folder.class, wanted).forEach(f -> first.add(new Listed(new TrashItem(Kind.FOLDER, f.getPublicId(),
                f.getName(), null, f.getTrashedAt(), null, null), f.getParent())));
        first.sort(Comparator.comparing(Listed::item, NEWEST_FIRST));
        List<TrashItem> items = first.stream().skip((long) page * size).limit(size).map(this::withPathAndTrasher).toList();
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

    /** A listed item with the folder it lies in, as read by the ordered query (its path needs no second look-up). */
    private record Listed(TrashItem item, Folder parent) {
    }

    private TrashItem withPathAndTrasher(Listed listed) {
        TrashItem i = listed.item();
        return new TrashItem(i.kind(), i.id(), i.name(), FolderPaths.of(listed.parent()), i.trashedAt(), trashedBy(i), i.size());
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
        List<PurgeParticipant> ordered = participants();
        Set<String> blobs = new TreeSet<>();
        Map<String, Integer> removed = new TreeMap<>();
        for (List<Long> chunk : chunks(documentIds)) {
            ordered.forEach(p -> blobs.addAll(p.blobs(em, chunk)));
            ordered.forEach(p -> removed.merge(p.rows(), p.purgeDocuments(em, chunk), Integer::sum));
            em.createQuery("DELETE FROM Document d WHERE d.id IN :ids").setParameter("ids", chunk).executeUpdate();
        }
        // deepest folders first: a folder row names its parent
        List<Long> deepestFirst = new ArrayList<>(folderIds);
        java.util.Collections.reverse(deepestFirst);
        for (List<Long> chunk : chunks(deepestFirst)) {
            ordered.forEach(p -> p.purgeFolders(em, chunk));
        }
        for (Long folderId : deepestFirst) {
            em.createQuery("DELETE FROM Folder f WHERE f.id = :id").setParameter("id", folderId).executeUpdate();
        }
        int versions = removed.getOrDefault(VersionPurge.ROWS, 0);
        em.clear();
        String detail = kind == Kind.DOCUMENT
                ? "name=" + name + " versions=" + versions + " rows=" + removed + " blobs=" + blobs
                : "name=" + name + " folders=" + folderIds.size() + " documents=" + documentIds.size() + " versions=" + versions
                        + " rows=" + removed + " blobs=" + blobs;
        audit.record(kind == Kind.DOCUMENT ? AuditAction.DOCUMENT_PURGED : AuditAction.FOLDER_PURGED,
                kind == Kind.DOCUMENT ? id : null, target(kind, id), truncate(detail));
        return new PurgedRows(kind, id, name, documentIds.size(), folderIds.size(), versions, blobs);
    }

    /** Of these hashes, those no row of any aggregate references any more (read after the purge committed). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> unreferenced(Collection<String> shas) {
        Set<String> left = new LinkedHashSet<>(shas);
        for (List<String> chunk : chunks(new ArrayList<>(shas))) {
            participants().forEach(p -> left.removeAll(p.referenced(em, chunk)));
        }
        return left;
    }

    private List<PurgeParticipant> participants() {
        return participants.stream().sorted(Comparator.comparingInt(PurgeParticipant::order)).toList();
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
