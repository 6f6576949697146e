package org.quire.editor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** The current document key of one document and the version it was issued for (see V4__onlyoffice.sql). */
@Entity
@Table(name = "editor_key")
public class EditorKey {

    @Id
    @Column(name = "document_id")
    private Long documentId;

    @Column(name = "doc_key", nullable = false, length = DocumentKey.MAX_LENGTH)
    private String key;

    @Column(name = "base_version", nullable = false)
    private int baseVersion;

    @Column(nullable = false)
    private LocalDateTime issued;

    protected EditorKey() {
    }

    EditorKey(Long documentId, DocumentKey key, int baseVersion, LocalDateTime issued) {
        this.documentId = documentId;
        this.key = key.value();
        this.baseVersion = baseVersion;
        this.issued = issued;
    }

    /** The key still names the document's state when no other route has written since it was issued. */
    boolean isCurrentFor(int currentVersion) {
        return baseVersion == currentVersion;
    }

    /** A force-save stored {@code version} within the session: the key goes on naming the state. */
    void advanceTo(int version) {
        this.baseVersion = version;
    }

    /** Another route wrote since: the document gets a new key for its new state. */
    void reissue(DocumentKey key, int version, LocalDateTime now) {
        this.key = key.value();
        this.baseVersion = version;
        this.issued = now;
    }

    boolean is(String documentKey) {
        return key.equals(documentKey);
    }

    /** The version the key was issued for (or a force-save moved it to). */
    int baseVersion() {
        return baseVersion;
    }

    DocumentKey key() {
        return new DocumentKey(key);
    }
}
