package org.quire.tree;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A folder in the tree. The root has no parent and no name of its own. */
@Entity
@Table(name = "folder")
@NamedQuery(name = "Folder.byPublicId", query = "SELECT f FROM Folder f WHERE f.publicId = :id")
@NamedQuery(name = "Folder.root", query = "SELECT f FROM Folder f WHERE f.parent IS NULL")
@NamedQuery(name = "Folder.children", query = "SELECT f FROM Folder f WHERE f.parent = :parent AND f.trashed = FALSE ORDER BY f.nameKey")
@NamedQuery(name = "Folder.countChildren", query = "SELECT COUNT(f) FROM Folder f WHERE f.parent = :parent AND f.trashed = FALSE")
@NamedQuery(name = "Folder.nameTaken", query = "SELECT COUNT(f) FROM Folder f WHERE f.parent = :parent AND f.nameKey = :key")
public class Folder extends TreeItem {

    public static final String ROOT_NAME = "";

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Folder parent;

    protected Folder() {
    }

    private Folder(Folder parent, String name, String nameKey, String owner, LocalDateTime now) {
        super(name, nameKey, owner, now);
        this.parent = parent;
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
            if (f.getId().equals(other.getId())) {
                return true;
            }
        }
        return false;
    }

    /** Trashed itself or below a trashed folder. */
    public boolean isInTrash() {
        for (Folder f = this; f != null; f = f.parent) {
            if (f.isTrashed()) {
                return true;
            }
        }
        return false;
    }

    public void moveTo(Folder newParent, LocalDateTime now) {
        this.parent = newParent;
        touch(now);
    }

    public Folder getParent() {
        return parent;
    }
}
