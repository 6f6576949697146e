package org.quire.tree;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.quire.content.BlobRef;

import java.time.LocalDateTime;

/**
 * A document: its place in the tree and the metadata of its current version. The versions themselves are
 * {@link org.quire.version.DocumentVersion} rows; {@link #recordNewVersion} is the only way the current
 * content changes.
 */
@Entity
@Table(name = "document")
@NamedQuery(name = "Document.byPublicId", query = "SELECT d FROM Document d WHERE d.publicId = :id")
@NamedQuery(name = "Document.byPublicIdWithFolder", query = "SELECT d FROM Document d JOIN FETCH d.folder WHERE d.publicId = :id")
@NamedQuery(name = "Document.inFolder", query = "SELECT d FROM Document d WHERE d.folder = :folder AND d.trashed = FALSE ORDER BY d.nameKey")
@NamedQuery(name = "Document.countInFolder", query = "SELECT COUNT(d) FROM Document d WHERE d.folder = :folder AND d.trashed = FALSE")
@NamedQuery(name = "Document.nameTaken", query = "SELECT COUNT(d) FROM Document d WHERE d.folder = :folder AND d.nameKey = :key")
@NamedQuery(name = "Document.trashed", query = "SELECT d FROM Document d WHERE d.trashed = TRUE ORDER BY d.trashedAt DESC, d.publicId")
public class Document extends TreeItem {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "folder_id", nullable = false)
    private Folder folder;

    @Column(name = "current_version", nullable = false)
    private int currentVersion;

    @Column(name = "byte_size", nullable = false)
    private long size;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "mime_type", nullable = false)
    private String mimeType;

    protected Document() {
    }

    public Document(Folder folder, ItemName name, String owner, BlobRef content, LocalDateTime now) {
        super(name.value(), name.key(), owner, now);
        this.folder = folder;
        this.mimeType = MimeTypes.forName(name);
        this.currentVersion = 1;
        this.size = content.size();
        this.sha256 = content.sha256();
    }

    /** Makes {@code content} the current content and returns the number of the version that records it. */
    public int recordNewVersion(BlobRef content, LocalDateTime now) {
        this.currentVersion++;
        this.size = content.size();
        this.sha256 = content.sha256();
        touch(now);
        return currentVersion;
    }

    @Override
    public void rename(ItemName newName, LocalDateTime now) {
        super.rename(newName, now);
        this.mimeType = MimeTypes.forName(newName);
    }

    public void moveTo(Folder target, LocalDateTime now) {
        this.folder = target;
        touch(now);
    }

    public BlobRef currentContent() {
        return new BlobRef(sha256, size);
    }

    public Folder getFolder() {
        return folder;
    }

    /** The one rule of "live": neither trashed itself nor in a trashed folder (anything else is in the trash). */
    public boolean isLive() {
        return !isTrashed() && !folder.isInTrash();
    }

    public int getCurrentVersion() {
        return currentVersion;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    public String getMimeType() {
        return mimeType;
    }
}
