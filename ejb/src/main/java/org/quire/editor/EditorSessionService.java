package org.quire.editor;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.acl.Permission;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.content.BlobRef;
import org.quire.content.BlobTooLargeException;
import org.quire.content.ContentStore;
import org.quire.document.DocumentService;
import org.quire.identity.Caller;
import org.quire.lock.LockKind;
import org.quire.lock.LockService;
import org.quire.lock.LockView;
import org.quire.lock.WriteIntent;
import org.quire.platform.Times;
import org.quire.platform.Transactions;
import org.quire.settings.QuireConfig;
import org.quire.tree.Document;
import org.quire.tree.Tree;
import org.quire.version.DocumentVersion;
import org.quire.version.VersionSource;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The core side of ONLYOFFICE editing sessions (docs/ARCHITECTURE.md, "ONLYOFFICE API route"): the document
 * key of each document's current state, the {@code EDITOR_SESSION} lock, and saves reported by the Document
 * Server. Protocol details (callback statuses, tokens, downloads) stay in the web module.
 * <p>
 * Every save is recorded in the transaction that adds its version, together with a receipt whose unique
 * constraint recognises a second delivery of the same save, the key rotation and the lock release: either all
 * of it is durable or none of it.
 */
@Stateless
public class EditorSessionService {


    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Transactions tx;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    DocumentService documents;

    @Inject
    LockService locks;

    @Inject
    ContentStore store;

    @Inject
    AuditService audit;

    @Inject
    QuireConfig config;

    @Inject
    Clock clock;

    /** What became of a save: the version it produced (null when nothing was modified) and whether it was a repeat. */
    public record SaveOutcome(Integer version, boolean duplicate) {
    }

    /** The key of the document's current state, issued on first use and whenever another route has written since. Needs READ. */
    public DocumentKey currentKey(String documentId) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.READ);
        int version = document.getCurrentVersion();
        EditorKey row = em.find(EditorKey.class, document.getId());
        if (row != null && row.isCurrentFor(version)) {
            return row.key();
        }
        DocumentKey fresh = DocumentKey.issue(document.getPublicId(), version);
        if (row == null) {
            em.persist(new EditorKey(document.getId(), fresh, version, Times.now(clock)));
        } else {
            row.reissue(fresh, version, Times.now(clock));
        }
        em.persist(new EditorSessionStart(fresh, document.getId(), version, Times.now(clock))); // the history's key of this version
        return fresh;
    }

    /** The live lock of the document, if any (READ). */
    public Optional<LockView> lock(String documentId) {
        return locks.lockOf(documentId);
    }

    /**
     * Status 1: users joined or left the session for {@code key}. Takes (or refreshes) the {@code EDITOR_SESSION}
     * lock keyed by the document key, so other routes cannot write while the session lives.
     */
    public LockView sessionActive(String documentId, DocumentKey key, List<String> editors, List<String> joined, List<String> left, Duration ttl) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        requireSessionPermission(document);
        Tree.requireLive(document);
        LockView lock = locks.acquire(document, LockKind.EDITOR_SESSION, key.value(), holder(editors), ttl);
        joined.forEach(user -> audit.record(AuditAction.EDITOR_JOINED, documentId, "user:" + user, "key=" + key));
        left.forEach(user -> audit.record(AuditAction.EDITOR_LEFT, documentId, "user:" + user, "key=" + key));
        return lock;
    }

    /** Status 4: the session ended without changes; its lock goes, the key stays (the content did not change). */
    public void sessionClosed(String documentId, DocumentKey key) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        requireSessionPermission(document);
        releaseIfHeld(document, key);
        audit.record(AuditAction.EDITOR_SESSION_CLOSED, documentId, null, "key=" + key + " without changes");
    }

    /** Whether this save was processed before (a repeated delivery). */
    public boolean processed(String documentId, SaveRequest request) {
        Document document = Tree.document(em, documentId);
        return receipt(document, request).isPresent();
    }

    /** Refuses a save before its content is fetched: no WRITE, trashed, or another route's lock (409). */
    public void checkSave(String documentId, DocumentKey key) {
        documents.checkWrite(documentId, WriteIntent.editorSession(key.value(), caller.login()));
    }

    /** The changes archive of a save as stored: the blob, or why there is none ({@code gap}, audited; null when none was sent). */
    public record StoredChanges(BlobRef blob, String gap) {
        static final StoredChanges NONE = new StoredChanges(null, null);
    }

    /** As {@link #save(String, SaveRequest, InputStream, ChangesArchive)} for a save without a changes archive. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SaveOutcome save(String documentId, SaveRequest request, InputStream content) {
        return save(documentId, request, content, null);
    }

    /**
     * Stores a save reported by the Document Server. {@code content} is null when nothing was modified (the
     * session still ends). The content and the changes archive ({@code changes}, may be null) stream into the
     * store outside any transaction, then one transaction adds the version, its history row, the receipt, and
     * moves the key and lock on. A changes archive that cannot be fetched or stored costs the history its
     * highlighting, never the save (the gap is audited). A repeated delivery stores nothing.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SaveOutcome save(String documentId, SaveRequest request, InputStream content, ChangesArchive changes) {
        if (tx.required(() -> processed(documentId, request))) {
            return new SaveOutcome(null, true);
        }
        WriteIntent intent = WriteIntent.editorSession(request.key().value(), caller.login());
        documents.checkWrite(documentId, intent);
        BlobRef blob = content == null ? null : store.accept(content, documentId, "onlyoffice", "The saved file");
        StoredChanges stored = blob == null || changes == null ? StoredChanges.NONE : storeChanges(changes);
        try {
            return tx.required(() -> recordSave(documentId, request, blob, stored, intent));
        } catch (EJBException e) {
            if (tx.required(() -> processed(documentId, request))) {
                return new SaveOutcome(null, true); // a concurrent delivery of the same save won the receipt
            }
            throw e;
        }
    }

    private SaveOutcome recordSave(String documentId, SaveRequest request, BlobRef blob, StoredChanges changes, WriteIntent intent) {
        Integer number = null;
        if (blob != null) {
            number = documents.recordVersion(documentId, blob, request.author(), VersionSource.ONLYOFFICE, request.comment(), intent).getCurrentVersion();
        }
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        if (blob == null) {
            requireSessionPermission(document);
        }
        em.persist(new EditorSave(document.getId(), request, number, Times.now(clock)));
        em.flush();
        EditorKey row = em.find(EditorKey.class, document.getId());
        boolean sameKey = row != null && row.is(request.key().value());
        if (number != null) {
            recordHistory(document, number, request, sessionBase(document, request.key(), sameKey ? row : null, number), changes);
        }
        if (request.finalSave()) {
            if (sameKey) {
                em.remove(row); // the saved state is final: the next editor gets a new key
            }
            releaseIfHeld(document, request.key());
        } else if (sameKey && number != null) {
            row.advanceTo(number); // force-save: the session goes on under the same key
        }
        audit.record(AuditAction.EDITOR_SAVED, documentId, number == null ? null : "version:" + number,
                "status=" + request.status() + (request.finalSave() ? " final" : " force-save") + " key=" + request.key()
                        + " author=" + request.author() + (number == null ? " not modified" : "") + historyNote(number, request, changes));
        return new SaveOutcome(number, false);
    }

    /**
     * The version a session's changes apply to: the Document Server's changes archive covers the whole session
     * (force-saves included), so it is the version the session's key was issued for.
     */
    private int sessionBase(Document document, DocumentKey key, EditorKey keyRow, int number) {
        Optional<EditorHistory> earlier = em.createNamedQuery("EditorHistory.ofSession", EditorHistory.class)
                .setParameter("document", document.getId()).setParameter("key", key.value()).setMaxResults(1).getResultStream().findFirst();
        if (earlier.isPresent()) {
            return earlier.get().getBaseVersion();
        }
        return keyRow != null ? Math.min(keyRow.baseVersion(), number - 1) : number - 1;
    }

    private void recordHistory(Document document, int number, SaveRequest request, int base, StoredChanges changes) {
        DocumentVersion version = em.createNamedQuery("DocumentVersion.byNumber", DocumentVersion.class)
                .setParameter("document", document).setParameter("number", number).getSingleResult();
        em.persist(new EditorHistory(version.getId(), document.getId(), number, request.key(), Math.max(base, 0), changes.blob(), request.history()));
        em.flush();
    }

    private static String historyNote(Integer number, SaveRequest request, StoredChanges changes) {
        if (number == null) {
            return "";
        }
        String note = changes.blob() != null ? " changes archive stored (" + changes.blob().size() + " bytes)"
                : changes.gap() != null ? " history incomplete: changes archive not stored (" + changes.gap() + ")" : " without changes archive";
        return note + (request.history() == null ? " without history" : "");
    }

    /** Status 3 / 7 and refused saves: recorded, nothing changed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(String documentId, String detail) {
        audit.record(AuditAction.EDITOR_SAVE_FAILED, documentId, null, detail);
    }

    private Optional<EditorSave> receipt(Document document, SaveRequest request) {
        return em.createNamedQuery("EditorSave.find", EditorSave.class).setParameter("document", document.getId())
                .setParameter("key", request.key().value()).setParameter("status", request.status())
                .setParameter("fingerprint", request.fingerprint()).getResultStream().findFirst();
    }

    private void releaseIfHeld(Document document, DocumentKey key) {
        Optional<LockView> lock = locks.inspect(document);
        if (lock.isPresent() && lock.get().kind() == LockKind.EDITOR_SESSION && key.value().equals(lock.get().lockId())) {
            locks.release(document, LockKind.EDITOR_SESSION, key.value());
        }
    }

    private void requireSessionPermission(Document document) {
        access.requireEditorContribution(document); // WRITE, REVIEW, COMMENT or FILL_FORMS; refusals audited, 404-or-403
    }


    /** Streams the changes archive into the store; any failure is reported as a gap, never thrown. */
    private StoredChanges storeChanges(ChangesArchive changes) {
        long max = config.uploadMaxBytes();
        try (InputStream in = changes.open()) {
            return new StoredChanges(store.put(in, max), null);
        } catch (BlobTooLargeException e) {
            return new StoredChanges(null, "larger than " + max + " bytes");
        } catch (Exception e) { // includes an interrupted fetch: the save itself must still be committed
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new StoredChanges(null, reason.length() <= 300 ? reason : reason.substring(0, 300));
        }
    }

    private static String holder(List<String> editors) {
        String joined = "onlyoffice:" + String.join(",", editors);
        return joined.length() <= 255 ? joined : joined.substring(0, 252) + "...";
    }
}
