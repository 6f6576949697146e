package org.quire.editor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** The receipt of one processed save callback; never updated. */
@Entity
@Table(name = "editor_save")
@NamedQuery(name = "EditorSave.find", query = "SELECT s FROM EditorSave s WHERE s.documentId = :document AND s.key = :key"
        + " AND s.status = :status AND s.fingerprint = :fingerprint")
public class EditorSave {

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "document_id", nullable = false, updatable = false)
    private Long documentId;

    @Column(name = "doc_key", nullable = false, updatable = false, length = DocumentKey.MAX_LENGTH)
    private String key;

    @Column(nullable = false, updatable = false)
    private int status;

    @Column(nullable = false, updatable = false, length = 64)
    private String fingerprint;

    @Column(name = "version_number", updatable = false)
    private Integer versionNumber;

    @Column(nullable = false, updatable = false)
    private LocalDateTime received;

    protected EditorSave() {
    }

    EditorSave(Long documentId, SaveRequest request, Integer versionNumber, LocalDateTime received) {
        this.documentId = documentId;
        this.key = request.key().value();
        this.status = request.status();
        this.fingerprint = request.fingerprint();
        this.versionNumber = versionNumber;
        this.received = received;
    }

    Integer versionNumber() {
        return versionNumber;
    }
}
