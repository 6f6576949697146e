package org.quire.tree;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import org.quire.platform.PublicIds;

import java.time.LocalDateTime;

/**
 * What folders and documents have in common: a public id, a name unique in its folder (ignoring case, while
 * live), an owner, times, the trash flag and whether ancestors' ACLs apply.
 */
@MappedSuperclass
public abstract class TreeItem {

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private String publicId;

    @Column(nullable = false)
    private String name;

    /** Lower-cased name while live; NULL in the trash, so that a trashed name is free again. */
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

    protected TreeItem() {
    }

    protected TreeItem(String name, String nameKey, String owner, LocalDateTime now) {
        this.publicId = PublicIds.next();
        this.name = name;
        this.nameKey = nameKey;
        this.owner = owner;
        this.created = now;
        this.modified = now;
    }

    public void rename(ItemName newName, LocalDateTime now) {
        this.name = newName.value();
        this.nameKey = trashed ? null : newName.key();
        this.modified = now;
    }

    public void trash(LocalDateTime now) {
        this.trashed = true;
        this.trashedAt = now;
        this.nameKey = null;
    }

    public void restore(LocalDateTime now) {
        this.trashed = false;
        this.trashedAt = null;
        this.nameKey = ItemName.of(name).key();
        this.modified = now;
    }

    void touch(LocalDateTime now) {
        this.modified = now;
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
