package org.quire.editor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/**
 * A document key Quire issued and the version it was issued for: the content the editing session under that key
 * was opened on (V9__history_keys.sql). Written when the key is issued, never updated; the history's keys come
 * from here ({@link EditorHistoryService}).
 */
@Entity
@Table(name = "editor_session_start")
@NamedQuery(name = "EditorSessionStart.ofDocument",
        query = "SELECT s FROM EditorSessionStart s WHERE s.documentId = :document ORDER BY s.started, s.key")
public class EditorSessionStart {

    @Id
    @Column(name = "doc_key", length = DocumentKey.MAX_LENGTH)
    private String key;

    @Column(name = "document_id", nullable = false, updatable = false)
    private Long documentId;

    @Column(name = "version_number", nullable = false, updatable = false)
    private int versionNumber;

    @Column(nullable = false, updatable = false)
    private LocalDateTime started;

    protected EditorSessionStart() {
    }

    EditorSessionStart(DocumentKey key, Long documentId, int versionNumber, LocalDateTime started) {
        this.key = key.value();
        this.documentId = documentId;
        this.versionNumber = versionNumber;
        this.started = started;
    }

    int versionNumber() {
        return versionNumber;
    }

    DocumentKey key() {
        return new DocumentKey(key);
    }
}
