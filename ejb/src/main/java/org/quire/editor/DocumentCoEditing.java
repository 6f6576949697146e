package org.quire.editor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** The co-editing mode chosen for one document, over the administrators' default (see V7__document_co_editing.sql). */
@Entity
@Table(name = "document_co_editing")
public class DocumentCoEditing {

    @Id
    @Column(name = "document_id")
    private Long documentId;

    @Column(name = "co_editing_mode", nullable = false, length = 6)
    private String mode;

    @Column(nullable = false)
    private LocalDateTime changed;

    @Column(name = "changed_by", nullable = false)
    private String changedBy;

    protected DocumentCoEditing() {
    }

    DocumentCoEditing(Long documentId, CoEditingMode mode, LocalDateTime changed, String changedBy) {
        this.documentId = documentId;
        change(mode, changed, changedBy);
    }

    void change(CoEditingMode mode, LocalDateTime changed, String changedBy) {
        this.mode = mode.value();
        this.changed = changed;
        this.changedBy = changedBy;
    }

    CoEditingMode mode() {
        return CoEditingMode.of(mode);
    }
}
