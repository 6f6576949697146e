package org.quire.lock;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.acl.Permission;
import org.quire.identity.Caller;
import org.quire.platform.NotFoundException;
import org.quire.tree.Document;
import org.quire.tree.Tree;

import java.util.Optional;

/**
 * The lock operations of a WOPI client, on Quire's one lock model (docs/ARCHITECTURE.md, "Locks"): each runs
 * in one transaction with the document row locked, checks the caller's permission, and uses {@link LockService}
 * with {@link LockKind#WOPI} and {@link LockService#WOPI_TTL}. A lock of another kind (a check-out, an editor
 * session) is a conflict like any other. The protocol's answers (409 + X-WOPI-Lock) are the web layer's.
 */
@Stateless
public class WopiLockService {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    LockService locks;

    /** WOPI Lock: takes the lock, or refreshes it when the same id is presented. */
    public Document lock(String documentId, String lockId) {
        Document document = writable(documentId);
        locks.acquire(document, LockKind.WOPI, lockId, caller.login(), LockService.WOPI_TTL);
        return document;
    }

    /** WOPI RefreshLock. */
    public Document refresh(String documentId, String lockId) {
        Document document = writable(documentId);
        locks.refresh(document, LockKind.WOPI, lockId, LockService.WOPI_TTL);
        return document;
    }

    /** WOPI Unlock. */
    public Document unlock(String documentId, String lockId) {
        Document document = writable(documentId);
        locks.release(document, LockKind.WOPI, lockId);
        return document;
    }

    /** WOPI UnlockAndRelock: an atomic compare-and-swap of the lock id. */
    public Document relock(String documentId, String oldLockId, String newLockId) {
        Document document = writable(documentId);
        locks.replace(document, LockKind.WOPI, oldLockId, newLockId, LockService.WOPI_TTL);
        return document;
    }

    /** WOPI GetLock: the live lock, of whatever kind. */
    public Optional<LockView> current(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        return locks.inspect(Tree.liveOrGone(document));
    }

    /** WOPI locks are editing sessions: any permission an editor saves for (review, comment, forms) may hold one. */
    private Document writable(String documentId) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.requireEditorContribution(document);
        return Tree.liveOrGone(document);
    }
}
