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
import org.quire.platform.PublicIds;

import java.time.LocalDateTime;

/** A folder in the tree. The root has no parent and no name of its own. */
@Entity
@Table(name = "folder")
@NamedQuery(name = "Folder.byPublicId", query = "SELECT f FROM Folder f WHERE f.publicId = :id")
@NamedQuery(name = "Folder.root", query = "SELECT f FROM Folder f WHERE f.parent IS NULL")
@NamedQuery(name = "Folder.children", query = "SELECT f FROM Folder f WHERE f.parent = :parent AND f.trashed = FALSE ORDER BY f.nameKey")
@NamedQuery(name = "Folder.countChildren", query = "SELECT COUNT(f) FROM Folder f WHERE f.parent = :parent AND f.trashed = FALSE")
@NamedQuery(name = "Folder.nameTaken", query = "SELECT COUNT(f) FROM Folder f WHERE f.parent = :parent AND f.nameKey = :key")
public class Folder {

    public static final String ROOT_NAME = "";

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private String publicId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Folder parent;

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

    @Column(nullable = false)
    private boolean trashed;

    @Column(name = "trashed_at")
    private LocalDateTime trashedAt;

    @Column(name = "inherit_acl", nullable = false)
    private boolean aclInherited = true;

    @Version
    @Column(name = "opt_version")
    private long optVersion;

    protected Folder() {
    }

    private Folder(Folder parent, String name, String nameKey, String owner, LocalDateTime now) {
        this.publicId = PublicIds.next();
        this.parent = parent;
        this.name = name;
        this.nameKey = nameKey;
        this.owner = owner;
        this.created = now;
        this.modified = now;
    }

    public static Folder root(String owner, LocalDateTime now) {
        return new Folder(null, ROOT_NAME, null, owner, now);
    }

    public static Folder child(Folder parent, ItemName name, String owner, LocalDateTime now) {
        return new Folder(parent, name.value(), name.key(), owner, now);
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** True when this folder is {@code other} or lies below it. */
    public boolean isWithin(Folder other) {
        for (Folder f = this; f != null; f = f.parent) {
            if (f.id.equals(other.id)) {
                return true;
            }
        }
        return false;
    }

    /** Trashed itself or below a trashed folder. */
    public boolean isInTrash() {
        for (Folder f = this; f != null; f = f.parent) {
            if (f.trashed) {
                return true;
            }
        }
        return false;
    }

    void rename(ItemName newName, LocalDateTime now) {
        this.name = newName.value();
        this.nameKey = trashed ? null : newName.key();
        this.modified = now;
    }

    void moveTo(Folder newParent, LocalDateTime now) {
        this.parent = newParent;
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

    void touch(LocalDateTime now) {
        this.modified = now;
    }

    public Long getId() {
        return id;
    }

    public String getPublicId() {
        return publicId;
    }

    public Folder getParent() {
        return parent;
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
