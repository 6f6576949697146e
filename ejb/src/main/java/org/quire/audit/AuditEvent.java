package org.quire.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** One recorded action: who, when, from where, what, on which document or other target. Append-only. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private LocalDateTime occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String address;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "document_id", updatable = false)
    private String documentId;

    @Column(updatable = false)
    private String target;

    @Column(updatable = false, length = 2000)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(LocalDateTime occurredAt, String actor, String address, String action, String documentId, String target, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.address = address;
        this.action = action;
        this.documentId = documentId == null || documentId.length() <= 32 ? documentId : null; // not an id of ours
        this.target = clip(target, 255);
        this.detail = clip(detail, 2000);
    }

    /** Refused requests carry what the caller sent: never more than the column holds. */
    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public LocalDateTime getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAddress() {
        return address;
    }

    public String getAction() {
        return action;
    }

    public String getDocumentId() {
        return documentId;
    }

    public String getTarget() {
        return target;
    }

    public String getDetail() {
        return detail;
    }
}
