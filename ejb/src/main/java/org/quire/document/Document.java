package org.quire.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.quire.content.BlobRef;
import org.quire.platform.PublicIds;

import java.time.LocalDateTime;

/**
 * A document: its place in the tree and the metadata of its current version. The versions themselves are
 * {@link org.quire.version.DocumentVersion} rows; {@link #recordNewVersion} is the only way the current
 * content changes.
 */
@Entity
@Table(name = "document")
@NamedQuery(name = "Document.byPublicId", query = "SELECT d FROM Document d WHERE d.publicId = :id")
@NamedQuery(name = "Document.inFolder", query = "SELECT d FROM Document d WHERE d.folder = :folder AND d.trashed = FALSE ORDER BY d.nameKey")
@NamedQuery(name = "Document.countInFolder", query = "SELECT COUNT(d) FROM Document d WHERE d.folder = :folder AND d.trashed = FALSE")
@NamedQuery(name = "Document.nameTaken", query = "SELECT COUNT(d) FROM Document d WHERE d.folder = :folder AND d.nameKey = :key")
@NamedQuery(name = "Document.trashed", query = "SELECT d FROM Document d WHERE d.trashed = TRUE ORDER BY d.trashedAt DESC")
public class Document {

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private String publicId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "folder_id", nullable = false)
    private Folder folder;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_key")
    private String nameKey;

    @Column(name = "owner_login", nullable = false)
    private String owner;

    @Column(nullable = false, updatable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime modified;

    @Column(name = "current_version", nullable = false)
    private int currentVersion;

    @Column(name = "byte_size", nullable = false)
    private long size;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "mime_type", nullable = false)
    private String mimeType;

    @Column(nullable = false)
    private boolean trashed;

    @Column(name = "trashed_at")
    private LocalDateTime trashedAt;

    @Column(name = "inherit_acl", nullable = false)
    private boolean aclInherited = true;

    @Version
    @Column(name = "opt_version")
    private long optVersion;

    protected Document() {
    }

    Document(Folder folder, ItemName name, String owner, BlobRef content, LocalDateTime now) {
        this.publicId = PublicIds.next();
        this.folder = folder;
        this.name = name.value();
        this.nameKey = name.key();
        this.mimeType = MimeTypes.forName(name);
        this.owner = owner;
        this.created = now;
        this.modified = now;
        this.currentVersion = 1;
        this.size = content.size();
        this.sha256 = content.sha256();
    }

    /** Makes {@code content} the current content and returns the number of the version that records it. */
    public int recordNewVersion(BlobRef content, LocalDateTime now) {
        this.currentVersion++;
        this.size = content.size();
        this.sha256 = content.sha256();
        this.modified = now;
        return currentVersion;
    }

    void rename(ItemName newName, LocalDateTime now) {
        this.name = newName.value();
        this.nameKey = trashed ? null : newName.key();
        this.mimeType = MimeTypes.forName(newName);
        this.modified = now;
    }

    void moveTo(Folder target, LocalDateTime now) {
        this.folder = target;
        this.modified = now;
    }

    void trash(LocalDateTime now) {
        this.trashed = true;
        this.trashedAt = now;
        this.nameKey = null;
    }

    void restore(LocalDateTime now) {
        this.trashed = false;
        this.trashedAt = null;
        this.nameKey = ItemName.of(name).key();
        this.modified = now;
    }

    public BlobRef currentContent() {
        return new BlobRef(sha256, size);
    }

    public ItemName itemName() {
        return ItemName.of(name);
    }

    public Long getId() {
        return id;
    }

    public String getPublicId() {
        return publicId;
    }

    public Folder getFolder() {
        return folder;
    }

    public String getName() {
        return name;
    }

    public String getOwner() {
        return owner;
    }

    public LocalDateTime getCreated() {
        return created;
    }

    public LocalDateTime getModified() {
        return modified;
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

    /** Whether the ACLs of the ancestors apply to this item too (false: inheritance is broken here). */
    public boolean isAclInherited() {
        return aclInherited;
    }

    public void setAclInherited(boolean inherited) {
        this.aclInherited = inherited;
    }

    public boolean isTrashed() {
        return trashed;
    }

    public LocalDateTime getTrashedAt() {
        return trashedAt;
    }
}
