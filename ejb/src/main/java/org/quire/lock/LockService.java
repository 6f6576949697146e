package org.quire.lock;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.quire.acl.AccessControlService;
import org.quire.acl.Permission;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.Caller;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.Times;
import org.quire.settings.QuireConfig;
import org.quire.tree.Document;
import org.quire.tree.Tree;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One lock model for every route (docs/ARCHITECTURE.md, "Locks"). Every operation runs with the document row
 * locked ({@code PESSIMISTIC_WRITE}), so concurrent lockers of one document queue; the unique constraint on
 * {@code document_lock.document_id} guarantees one lock per document even if that were bypassed. Each decision
 * is logged and audited, so lock races can be traced.
 */
@Stateless
public class LockService {

    public static final Duration WOPI_TTL = Duration.ofMinutes(30);
    private static final Logger LOG = Logger.getLogger(LockService.class.getName());

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    QuireConfig config;

    @Inject
    Clock clock;

    // --- the primitives (callers hold the document row lock and have checked permissions) ---------------

    /** Takes the lock, or refreshes it when the same lock is presented again. Throws {@link LockedException} otherwise. */
    public LockView acquire(Document document, LockKind kind, String lockId, String holder, Duration ttl) {
        validateLockId(lockId);
        LocalDateTime now = Times.now(clock);
        LocalDateTime expires = ttl == null ? null : now.plus(ttl);
        Optional<DocumentLock> existing = row(document);
        DocumentLock held;
        if (existing.isPresent()) {
            DocumentLock lock = existing.get();
            if (!lock.isExpired(now)) {
                if (lock.isHeldAs(kind, lockId)) {
                    lock.extendTo(expires);
                    log(document, "refresh", kind, holder, "same lock presented: refreshed");
                    audit.record(AuditAction.LOCK_REFRESHED, document.getPublicId(), kind.name(), "holder=" + holder);
                    return lock.view();
                }
                throw conflict(document, lock, "acquire " + kind + " by " + holder);
            }
            audit.record(AuditAction.LOCK_EXPIRED, document.getPublicId(), lock.getKind().name(), "holder=" + lock.getHolder());
            lock.take(kind, lockId, holder, now, expires);
            held = lock;
        } else {
            held = new DocumentLock(document, kind, lockId, holder, now, expires);
            em.persist(held);
        }
        try {
            em.flush();
        } catch (PersistenceException e) {
            // only reachable if a writer bypassed the row lock: the unique constraint decided
            throw new ConflictException("locked", "The document was locked concurrently.");
        }
        log(document, "acquire", kind, holder, "granted");
        audit.record(AuditAction.LOCK_ACQUIRED, document.getPublicId(), kind.name(), "holder=" + holder + (expires == null ? "" : " expires=" + expires));
        return held.view(); // the row as flushed: no second read
    }

    /** Extends a held lock. Throws {@link LockedException} when another lock is held, {@link NoLockException} when none. */
    public LockView refresh(Document document, LockKind kind, String lockId, Duration ttl) {
        DocumentLock lock = live(document).orElseThrow(() -> new NoLockException());
        if (!lock.isHeldAs(kind, lockId)) {
            throw conflict(document, lock, "refresh " + kind);
        }
        lock.extendTo(ttl == null ? null : Times.now(clock).plus(ttl));
        audit.record(AuditAction.LOCK_REFRESHED, document.getPublicId(), kind.name(), "holder=" + lock.getHolder());
        return lock.view();
    }

    /** Releases a held lock. Throws {@link LockedException} when another lock is held, {@link NoLockException} when none. */
    public LockView release(Document document, LockKind kind, String lockId) {
        DocumentLock lock = live(document).orElseThrow(() -> new NoLockException());
        if (!lock.isHeldAs(kind, lockId)) {
            throw conflict(document, lock, "release " + kind);
        }
        em.remove(lock);
        log(document, "release", kind, lock.getHolder(), "released");
        audit.record(AuditAction.LOCK_RELEASED, document.getPublicId(), kind.name(), "holder=" + lock.getHolder());
        return lock.view();
    }

    /** Atomically swaps one held lock id for another (WOPI UnlockAndRelock). */
    public LockView replace(Document document, LockKind kind, String oldLockId, String newLockId, Duration ttl) {
        validateLockId(newLockId);
        DocumentLock lock = live(document).orElseThrow(() -> new NoLockException());
        if (!lock.isHeldAs(kind, oldLockId)) {
            throw conflict(document, lock, "replace " + kind);
        }
        lock.changeId(newLockId);
        lock.extendTo(ttl == null ? null : Times.now(clock).plus(ttl));
        audit.record(AuditAction.LOCK_REPLACED, document.getPublicId(), kind.name(), "holder=" + lock.getHolder());
        return lock.view();
    }

    /** The live lock of a document; an expired lock is absent. */
    public Optional<LockView> inspect(Document document) {
        return live(document).map(DocumentLock::view);
    }

    /**
     * The kind of each live lock among {@code documents} (document row id → kind; unlocked documents are absent),
     * in one query whatever their number, so a listing shows its lock summaries without a query per row. The
     * caller has already read the documents, so no permission is checked again.
     */
    public Map<Long, LockKind> liveKinds(Collection<Document> documents) {
        if (documents.isEmpty()) {
            return Map.of();
        }
        Map<Long, LockKind> kinds = new HashMap<>();
        em.createNamedQuery("DocumentLock.liveKinds", Object[].class)
                .setParameter("ids", documents.stream().map(Document::getId).toList())
                .setParameter("now", Times.now(clock))
                .getResultList().forEach(row -> kinds.put((Long) row[0], (LockKind) row[1]));
        return kinds;
    }

    /** Refuses a write unless the document is unlocked or {@code intent} holds its lock. */
    public void requireWritable(Document document, WriteIntent intent) {
        Optional<DocumentLock> lock = live(document);
        if (lock.isPresent() && !intent.holds(lock.get())) {
            throw conflict(document, lock.get(), "write by " + intent.user() + " via " + intent.kind());
        }
        if (lock.isEmpty() && intent.lockRequiredUnlessEmpty() && document.getSize() > 0) {
            String attempt = "write by " + intent.user() + " via " + intent.kind() + " without a lock";
            log(document, attempt, intent.kind(), intent.user(), "refused: unlocked and not empty");
            audit.recordRejection(AuditAction.LOCK_CONFLICT, document.getPublicId(), intent.kind().name(),
                    attempt + "; the document is not locked and not empty");
            throw new NoLockException();
        }
    }

    /** Removes any lock (MANAGE); the previous holder goes into the audit log. */
    public Optional<LockView> forceRelease(Document document) {
        Optional<DocumentLock> lock = live(document);
        lock.ifPresent(l -> {
            em.remove(l);
            log(document, "force-release", l.getKind(), l.getHolder(), "removed by " + caller.login());
            audit.record(AuditAction.LOCK_FORCE_RELEASED, document.getPublicId(), l.getKind().name(),
                    "previous holder=" + l.getHolder() + " acquired=" + l.getAcquired());
        });
        return lock.map(DocumentLock::view);
    }

    /** Deletes expired locks (the sweeper); returns how many. */
    public int sweep() {
        var expired = em.createNamedQuery("DocumentLock.expired", DocumentLock.class).setParameter("now", Times.now(clock)).getResultList();
        for (DocumentLock lock : expired) {
            em.remove(lock);
            audit.record(AuditAction.LOCK_EXPIRED, lock.getDocument().getPublicId(), lock.getKind().name(), "holder=" + lock.getHolder());
        }
        return expired.size();
    }

    // --- the REST operations: check-out, check-in, inspect, force-unlock ------------------------------

    public Optional<LockView> lockOf(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        return inspect(document);
    }

    /** A person's check-out; checking out again what one holds already is a no-op. */
    public LockView checkout(String documentId) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.WRITE);
        Tree.requireLive(document);
        String login = caller.login();
        Optional<DocumentLock> current = live(document);
        if (current.isPresent() && current.get().getKind() == LockKind.CHECKOUT && current.get().getHolder().equals(login)) {
            return current.get().view();
        }
        return acquire(document, LockKind.CHECKOUT, "checkout:" + login, login, config.checkoutTtl().orElse(null));
    }

    /** Ends the caller's check-out (the content, if any, was saved before in the same transaction). */
    public LockView checkin(Document document) {
        String login = caller.login();
        DocumentLock lock = live(document).orElseThrow(() -> new NoLockException());
        if (lock.getKind() != LockKind.CHECKOUT || !lock.getHolder().equals(login)) {
            throw conflict(document, lock, "check-in by " + login);
        }
        return release(document, LockKind.CHECKOUT, lock.getLockId());
    }

    public Optional<LockView> forceUnlock(String documentId) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.MANAGE);
        return forceRelease(document);
    }

    // --- internals ---------------------------------------------------------------------------------------

    private Optional<DocumentLock> row(Document document) {
        return em.createNamedQuery("DocumentLock.ofDocument", DocumentLock.class).setParameter("document", document)
                .getResultStream().findFirst();
    }

    private Optional<DocumentLock> live(Document document) {
        LocalDateTime now = Times.now(clock);
        return row(document).filter(l -> !l.isExpired(now));
    }

    private LockedException conflict(Document document, DocumentLock lock, String attempt) {
        log(document, attempt, lock.getKind(), lock.getHolder(), "refused: held");
        audit.recordRejection(AuditAction.LOCK_CONFLICT, document.getPublicId(), lock.getKind().name(),
                attempt + "; held by " + lock.getHolder());
        return new LockedException(lock.view());
    }

    private static void validateLockId(String lockId) {
        if (lockId == null || lockId.isEmpty() || lockId.length() > DocumentLock.MAX_LOCK_ID) {
            throw new InvalidInputException("invalid_lock", "A lock id is 1–" + DocumentLock.MAX_LOCK_ID + " characters.");
        }
    }

    private static void log(Document document, String attempt, LockKind kind, String holder, String answer) {
        LOG.fine(() -> "lock " + document.getPublicId() + ": " + attempt + " [" + kind + ", " + holder + "] -> " + answer);
    }
}
