package org.quire.document;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.quire.acl.AccessControlService;
import org.quire.acl.AclEntry;
import org.quire.acl.AclRule;
import org.quire.acl.DocumentPermissions;
import org.quire.acl.Permission;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.content.BlobRef;
import org.quire.content.ContentStore;
import org.quire.identity.Caller;
import org.quire.lock.LockService;
import org.quire.lock.LockView;
import org.quire.lock.WriteIntent;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.Times;
import org.quire.platform.Transactions;
import org.quire.settings.QuireConfig;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.tree.ItemName;
import org.quire.tree.Tree;
import org.quire.version.DocumentVersion;
import org.quire.version.VersionSource;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents: upload, new versions, metadata, rename, move, trash and restore.
 * <p>
 * Writing content is two steps. The body is streamed into the blob store outside any transaction (an upload
 * may take minutes and must not hold a database connection); only when the blob is durable does a short
 * transaction record the version. A failed or refused upload therefore leaves no version, and at worst an
 * unreferenced blob. Authorisation and name checks run before the body is read, and again in the transaction.
 */
@Stateless
public class DocumentService {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Transactions tx;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    ContentStore store;

    @Inject
    QuireConfig config;

    @Inject
    Clock clock;

    @Inject
    LockService locks;

    /** Creates a document with {@code content} as version 1. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Document create(String folderId, String name, InputStream content, String comment) {
        ItemName itemName = ItemName.of(name);
        String checkedComment = comment(comment);
        tx.required(() -> checkCreate(folderId, itemName));
        BlobRef blob = store.accept(content, null, "folder:" + folderId, "The upload");
        return tx.required(() -> recordNewDocument(folderId, itemName, blob, checkedComment));
    }

    /**
     * Creates a new blank Office document (docx, xlsx, pptx) in the folder from the shipped template, as version 1
     * ({@link BlankDocuments}); the name gets the type's extension when it lacks it. Same rules as an upload.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Document createBlank(String folderId, String type, String name) {
        BlankDocuments kind = BlankDocuments.of(type);
        return create(folderId, kind.nameWithExtension(name), new java.io.ByteArrayInputStream(kind.bytes()), null);
    }

    /** Stores {@code content} as the next version of the document (a REST write: the caller's check-out admits it). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Document addVersion(String documentId, InputStream content, VersionSource source, String comment) {
        return addVersion(documentId, content, source, comment, caller.login(), WriteIntent.rest(caller.login()));
    }

    /**
     * Stores {@code content} as the next version on behalf of a protocol route that holds a lock of its own
     * (WOPI lock string, editor-session key), with the given author(s).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Document addVersion(String documentId, InputStream content, VersionSource source, String comment, String author, WriteIntent intent) {
        String checkedComment = comment(comment);
        tx.required(() -> checkWrite(documentId, intent));
        BlobRef blob = store.accept(content, documentId, null, "The upload");
        return tx.required(() -> version(documentId, blob, author, source, checkedComment, intent));
    }

    /**
     * Creates a document in the folder of {@code besideDocumentId} (WOPI PutRelativeFile). With {@code freeName},
     * a name that is taken becomes {@code name (2).ext}, {@code name (3).ext} …, so the call never fails on a name
     * conflict; without, a taken name is a 409 {@code name_taken}.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Document createBeside(String besideDocumentId, String name, boolean freeName, InputStream content) {
        ItemName itemName = ItemName.of(name);
        String folderId = tx.required(() -> folderOf(besideDocumentId));
        if (freeName) {
            tx.required(() -> checkCreateAnyName(folderId));
        } else {
            tx.required(() -> checkCreate(folderId, itemName));
        }
        BlobRef blob = store.accept(content, null, "folder:" + folderId, "The upload");
        for (int n = 1; ; n++) {
            ItemName candidate = n == 1 ? itemName : numbered(itemName, n);
            try {
                return tx.required(() -> recordNewDocument(folderId, candidate, blob, null));
            } catch (ConflictException e) {
                if (!freeName || !"name_taken".equals(e.code()) || n >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** The id of the live document called {@code name} (ignoring case) beside {@code besideDocumentId}, if the caller may read it. */
    public java.util.Optional<String> findBeside(String besideDocumentId, String name) {
        Document source = Tree.document(em, besideDocumentId);
        access.require(source, Permission.READ);
        ItemName itemName = ItemName.of(name);
        return em.createQuery("SELECT d FROM Document d WHERE d.folder = :folder AND d.nameKey = :key", Document.class)
                .setParameter("folder", source.getFolder()).setParameter("key", itemName.key())
                .getResultStream().findFirst().filter(access::canRead).map(Document::getPublicId);
    }

    public String folderOf(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        return document.getFolder().getPublicId();
    }

    public void checkCreateAnyName(String folderId) {
        Folder folder = Tree.folder(em, folderId);
        access.require(folder, Permission.WRITE);
        Tree.requireLive(folder);
    }

    /** {@code report.docx} → {@code report (n).docx}, shortened to fit the name limit. */
    static ItemName numbered(ItemName name, int n) {
        String value = name.value();
        int dot = value.lastIndexOf('.');
        String base = dot > 0 ? value.substring(0, dot) : value;
        String extension = dot > 0 ? value.substring(dot) : "";
        String suffix = " (" + n + ")";
        int room = ItemName.MAX_LENGTH - suffix.length() - extension.length();
        return ItemName.of((base.length() > room ? base.substring(0, Math.max(1, room)).strip() : base) + suffix + extension);
    }

    /**
     * Refuses an upload whose declared length is over the limit before a byte of it is read; the audit row names
     * the document for a new version ({@code documentId}), the folder ({@code target}) for a new document.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void rejectDeclaredSize(Long declaredLength, String documentId, String target) {
        store.rejectDeclaredSize(declaredLength, documentId, target, "The upload");
    }

    public void checkCreate(String folderId, ItemName name) {
        Folder folder = Tree.folder(em, folderId);
        access.require(folder, Permission.WRITE);
        Tree.requireLive(folder);
        Tree.requireNameFree(em, folder, name);
    }

    public void checkWrite(String documentId) {
        checkWrite(documentId, WriteIntent.rest(caller.login()));
    }

    public void checkWrite(String documentId, WriteIntent intent) {
        Document document = Tree.document(em, documentId);
        requireWriter(document, intent);
        Tree.requireLive(document);
        locks.requireWritable(document, intent);
    }

    /** WRITE, or for an editor's save any permission the editor enforces (review, comment, forms). */
    private void requireWriter(Document document, WriteIntent intent) {
        if (intent.editorSave()) {
            access.requireEditorContribution(document);
        } else {
            access.require(document, Permission.WRITE);
        }
    }

    /**
     * Ends the caller's check-out; with {@code content}, that content becomes the next version in the same
     * transaction that releases the lock.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LockView checkIn(String documentId, InputStream content, String comment) {
        String checkedComment = comment(comment);
        BlobRef blob = null;
        if (content != null) {
            tx.required(() -> checkWrite(documentId));
            blob = store.accept(content, documentId, null, "The upload");
        }
        BlobRef stored = blob;
        return tx.required(() -> recordCheckIn(documentId, stored, checkedComment));
    }

    private LockView recordCheckIn(String documentId, BlobRef blob, String comment) {
        if (blob != null) {
            version(documentId, blob, caller.login(), VersionSource.UPLOAD, comment, WriteIntent.rest(caller.login()));
        }
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.WRITE);
        return locks.checkin(document);
    }

    private Document recordNewDocument(String folderId, ItemName name, BlobRef blob, String comment) {
        checkCreate(folderId, name);
        Folder folder = Tree.folder(em, folderId);
        var now = Times.now(clock);
        Document document = new Document(folder, name, caller.login(), blob, now);
        em.persist(document);
        em.persist(new DocumentVersion(document, 1, blob, caller.login(), VersionSource.UPLOAD, comment, now));
        flushOrConflict();
        Tree.touch(em, folder, now);
        audit.record(AuditAction.DOCUMENT_CREATED, document.getPublicId(), "folder:" + folderId,
                "name=" + name + " size=" + blob.size() + " sha256=" + blob.sha256());
        return document;
    }

    /**
     * Records {@code blob}, already durable in the store, as the next version, in the caller's transaction: the one
     * way every route's new content becomes a version (uploads, check-in and WOPI PutFile through {@link #addVersion}
     * and {@link #checkIn}; the editor's saves, recovered files and restores, which record more in the same
     * transaction, call this). The document row is locked for the transaction, so concurrent savers queue and each
     * gets its own number.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Document recordVersion(String documentId, BlobRef blob, String author, VersionSource source, String comment, WriteIntent intent) {
        return version(documentId, blob, author, source, comment, intent);
    }

    private Document version(String documentId, BlobRef blob, String author, VersionSource source, String comment, WriteIntent intent) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        requireWriter(document, intent);
        Tree.requireLive(document);
        locks.requireWritable(document, intent);
        if (!store.exists(blob)) {
            throw new IllegalStateException("blob " + blob.sha256() + " is not in the store");
        }
        var now = Times.now(clock);
        int number = document.recordNewVersion(blob, now);
        em.persist(new DocumentVersion(document, number, blob, author, source, comment(comment), now));
        flushOrConflict();
        audit.record(AuditAction.DOCUMENT_VERSION_ADDED, documentId, "version:" + number,
                "source=" + source + " size=" + blob.size() + " sha256=" + blob.sha256());
        return document;
    }

    /**
     * The document when the caller may download it (404-or-403 otherwise, refusals audited): for routes whose client
     * fetches the content itself later (the Document Server, save-as), which must check now.
     */
    public Document requireDownload(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.DOWNLOAD);
        return document;
    }

    public Document get(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        return document;
    }

    /** A readable document that is not in the trash: for WOPI, to which a trashed document does not exist (404). */
    public Document getLive(String documentId) {
        return Tree.liveOrGone(get(documentId));
    }

    /** A readable document with the caller's permissions on it and on its folder, in one evaluation (WOPI CheckFileInfo). */
    public record Permitted(Document document, DocumentPermissions permissions) {
    }

    /** As {@link #getLive}, with the caller's permissions on the document and its folder. */
    public Permitted getLiveWithPermissions(String documentId) {
        Document document = Tree.document(em, documentId);
        DocumentPermissions permissions = access.requireReadWithFolder(document);
        Tree.liveOrGone(document);
        document.getFolder().getName(); // loaded while the transaction lasts
        return new Permitted(document, permissions);
    }

    public Download download(String documentId) {
        return downloadOf(requireDownload(documentId));
    }

    /**
     * As {@link #download}, for WOPI: a document in the trash does not exist there (404, decided first: it tells an
     * unknown id and a trashed one apart for nobody).
     */
    public Download downloadLive(String documentId) {
        Document document = Tree.liveOrGone(Tree.document(em, documentId));
        access.require(document, Permission.DOWNLOAD);
        return downloadOf(document);
    }

    private Download downloadOf(Document document) {
        return new Download(document.getName(), document.getMimeType(), document.currentContent(),
                document.getCurrentVersion(), document.getModified(), store);
    }

    public Document rename(String documentId, String newName) {
        return rename(documentId, newName, WriteIntent.rest(caller.login()));
    }

    /** Rename on behalf of a protocol route whose lock (or none) is {@code intent}. */
    public Document rename(String documentId, String newName, WriteIntent intent) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.WRITE);
        Tree.requireLive(document);
        locks.requireWritable(document, intent);
        ItemName name = ItemName.of(newName);
        if (name.value().equals(document.getName())) {
            return document;
        }
        if (!name.key().equals(document.itemName().key())) {
            Tree.requireNameFree(em, document.getFolder(), name);
        }
        String old = document.getName();
        document.rename(name, Times.now(clock));
        flushOrConflict();
        audit.record(AuditAction.DOCUMENT_RENAMED, documentId, null, old + " -> " + newName);
        return document;
    }

    public Document move(String documentId, String targetFolderId) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        Folder target = Tree.folder(em, targetFolderId);
        access.require(document, Permission.DELETE);
        access.require(document.getFolder(), Permission.WRITE);
        access.require(target, Permission.WRITE);
        Tree.requireLive(document);
        Tree.requireLive(target);
        locks.requireWritable(document, WriteIntent.rest(caller.login()));
        if (target.getId().equals(document.getFolder().getId())) {
            return document;
        }
        Tree.requireNameFree(em, target, document.itemName());
        String from = document.getFolder().getPublicId();
        document.moveTo(target, Times.now(clock));
        flushOrConflict();
        audit.record(AuditAction.DOCUMENT_MOVED, documentId, "folder:" + targetFolderId, from + " -> " + targetFolderId);
        return document;
    }

    public Document trash(String documentId) {
        return trash(documentId, WriteIntent.rest(caller.login()));
    }

    /** Trash on behalf of a protocol route whose lock (or none) is {@code intent}. */
    public Document trash(String documentId, WriteIntent intent) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.DELETE);
        if (document.isTrashed()) {
            return document;
        }
        locks.requireWritable(document, intent);
        document.trash(Times.now(clock));
        audit.record(AuditAction.DOCUMENT_TRASHED, documentId, null, document.getName());
        return document;
    }

    public Document restore(String documentId) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.DELETE);
        if (!document.isTrashed()) {
            return document;
        }
        Tree.requireLive(document.getFolder());
        Tree.requireNameFree(em, document.getFolder(), document.itemName());
        document.restore(Times.now(clock));
        flushOrConflict();
        audit.record(AuditAction.DOCUMENT_RESTORED, documentId, null, document.getName());
        return document;
    }

    /** A page of the trash and how many trashed documents the caller may read in all. */
    public record TrashPage(List<Document> items, long total) {
    }

    /**
     * Trashed documents the caller may read, most recently trashed first, and how many there are. An administrator
     * may read them all: the database pages and counts. Anyone else's are read in the trash's order a chunk at a time,
     * each chunk's own ACL rules in one query and each folder's inherited rule levels once, as a folder listing does
     * (not a full evaluation, folder chain included, per document).
     */
    public TrashPage trashed(int page, int size) {
        long skip = (long) page * size;
        if (caller.isAdmin()) {
            List<Document> items = em.createNamedQuery("Document.trashed", Document.class)
                    .setFirstResult((int) Math.min(skip, Integer.MAX_VALUE)).setMaxResults(size).getResultList();
            return new TrashPage(items, em.createQuery("SELECT COUNT(d) FROM Document d WHERE d.trashed = TRUE", Long.class).getSingleResult());
        }
        List<Document> items = new ArrayList<>();
        long readable = 0;
        Map<Long, List<List<AclRule>>> inherited = new HashMap<>();
        for (int first = 0; ; first += TRASH_CHUNK) {
            List<Document> rows = em.createNamedQuery("Document.trashed", Document.class).setFirstResult(first).setMaxResults(TRASH_CHUNK).getResultList();
            Map<Long, List<AclRule>> own = access.rules(AclEntry.DOCUMENT, rows.stream().map(Document::getId).toList());
            for (Document d : rows) {
                List<List<AclRule>> levels = d.isAclInherited()
                        ? inherited.computeIfAbsent(d.getFolder().getId(), id -> access.levelsFor(d.getFolder())) : List.of();
                if (access.canReadChild(own.getOrDefault(d.getId(), List.of()), d.isAclInherited(), levels, d.getOwner())) {
                    if (readable >= skip && items.size() < size) {
                        items.add(d);
                    }
                    readable++;
                }
            }
            if (rows.size() < TRASH_CHUNK) {
                return new TrashPage(items, readable);
            }
        }
    }

    private static final int TRASH_CHUNK = 200;



    private void flushOrConflict() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ConflictException("name_taken", "An item with that name was created concurrently in this folder.");
        }
    }

    private static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > DocumentVersion.MAX_COMMENT) {
            throw new InvalidInputException("comment_too_long", "A version comment has at most " + DocumentVersion.MAX_COMMENT + " characters.");
        }
        return comment.strip();
    }
}
