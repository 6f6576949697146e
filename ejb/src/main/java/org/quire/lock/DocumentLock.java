package org.quire.lock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.quire.tree.Document;

import java.time.LocalDateTime;

/** The lock of one document (the row is unique per document). An expired lock counts as absent. */
@Entity
@Table(name = "document_lock")
@NamedQuery(name = "DocumentLock.ofDocument", query = "SELECT l FROM DocumentLock l WHERE l.document = :document")
@NamedQuery(name = "DocumentLock.liveKinds", query = "SELECT l.document.id, l.kind FROM DocumentLock l "
        + "WHERE l.document.id IN :ids AND (l.expires IS NULL OR l.expires > :now)")
@NamedQuery(name = "DocumentLock.expired", query = "SELECT l FROM DocumentLock l WHERE l.expires IS NOT NULL AND l.expires <= :now")
public class DocumentLock {

    public static final int MAX_LOCK_ID = 1024;

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id", nullable = false, updatable = false, unique = true)
    private Document document;

    @Enumerated(EnumType.STRING)
    @Column(name = "lock_kind", nullable = false)
    private LockKind kind;

    @Column(name = "lock_id", nullable = false, length = MAX_LOCK_ID)
    private String lockId;

    @Column(nullable = false)
    private String holder;

    @Column(nullable = false)
    private LocalDateTime acquired;

    private LocalDateTime expires;

    @Version
    @Column(name = "opt_version")
    private long optVersion;

    protected DocumentLock() {
    }

    DocumentLock(Document document, LockKind kind, String lockId, String holder, LocalDateTime now, LocalDateTime expires) {
        this.document = document;
        take(kind, lockId, holder, now, expires);
    }

    /** Reuses the row for a new lock (the previous one has expired or was replaced). */
    void take(LockKind kind, String lockId, String holder, LocalDateTime now, LocalDateTime expires) {
        this.kind = kind;
        this.lockId = lockId;
        this.holder = holder;
        this.acquired = now;
        this.expires = expires;
    }

    void extendTo(LocalDateTime expires) {
        this.expires = expires;
    }

    void changeId(String newLockId) {
        this.lockId = newLockId;
    }

    public boolean isExpired(LocalDateTime now) {
        return expires != null && !expires.isAfter(now);
    }

    public boolean isHeldAs(LockKind kind, String lockId) {
        return this.kind == kind && this.lockId.equals(lockId);
    }

    public Document getDocument() {
        return document;
    }

    public LockKind getKind() {
        return kind;
    }

    public String getLockId() {
        return lockId;
    }

    public String getHolder() {
        return holder;
    }

    public LocalDateTime getAcquired() {
        return acquired;
    }

    public LocalDateTime getExpires() {
        return expires;
    }

    public LockView view() {
        return new LockView(kind, holder, lockId, acquired, expires);
    }
}
