package org.quire.editor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.quire.content.BlobRef;

import java.util.Optional;

/**
 * What the Document Server reported with the save that produced one version (V6__editor_history.sql): the
 * session's key, the version the session started from, the changes archive ({@code changesurl}, stored in the
 * content store) and the {@code history} object. Never updated.
 */
@Entity
@Table(name = "editor_history")
@NamedQuery(name = "EditorHistory.ofDocument", query = "SELECT h FROM EditorHistory h WHERE h.documentId = :document")
@NamedQuery(name = "EditorHistory.ofSession", query = "SELECT h FROM EditorHistory h WHERE h.documentId = :document AND h.key = :key"
        + " ORDER BY h.versionNumber")
@NamedQuery(name = "EditorHistory.byNumber", query = "SELECT h FROM EditorHistory h WHERE h.documentId = :document AND h.versionNumber = :number")
public class EditorHistory {

    /** The longest {@code history} JSON kept (the column's size; the callback body is capped at 1 MiB anyway). */
    public static final int MAX_JSON = 1_048_576;

    @Id
    @Column(name = "version_id")
    private Long versionId;

    @Column(name = "document_id", nullable = false, updatable = false)
    private Long documentId;

    @Column(name = "version_number", nullable = false, updatable = false)
    private int versionNumber;

    @Column(name = "doc_key", nullable = false, updatable = false, length = DocumentKey.MAX_LENGTH)
    private String key;

    @Column(name = "base_version", nullable = false, updatable = false)
    private int baseVersion;

    @Column(name = "changes_sha256", updatable = false, length = 64)
    private String changesSha256;

    @Column(name = "changes_size", updatable = false)
    private Long changesSize;

    @Column(name = "server_version", updatable = false, length = 64)
    private String serverVersion;

    @Column(name = "history_json", updatable = false, length = MAX_JSON)
    private String historyJson;

    protected EditorHistory() {
    }

    EditorHistory(Long versionId, Long documentId, int versionNumber, DocumentKey key, int baseVersion, BlobRef changes, SaveHistory history) {
        this.versionId = versionId;
        this.documentId = documentId;
        this.versionNumber = versionNumber;
        this.key = key.value();
        this.baseVersion = baseVersion;
        this.changesSha256 = changes == null ? null : changes.sha256();
        this.changesSize = changes == null ? null : changes.size();
        this.serverVersion = history == null ? null : history.serverVersion();
        this.historyJson = history == null ? null : history.json();
    }

    public int getVersionNumber() {
        return versionNumber;
    }

    public int getBaseVersion() {
        return baseVersion;
    }

    public String getKey() {
        return key;
    }

    public Optional<BlobRef> changes() {
        return changesSha256 == null ? Optional.empty() : Optional.of(new BlobRef(changesSha256, changesSize));
    }

    public String getServerVersion() {
        return serverVersion;
    }

    /** The {@code history} object as the Document Server sent it, or null. */
    public String getHistoryJson() {
        return historyJson;
    }
}
