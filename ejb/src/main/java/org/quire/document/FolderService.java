package org.quire.document;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.acl.AclEntry;
import org.quire.acl.AclEvaluator;
import org.quire.acl.AclRule;
import org.quire.acl.Permission;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.Caller;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.NotFoundException;
import org.quire.platform.Times;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.tree.ItemName;
import org.quire.tree.Tree;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The folder tree: create, list, rename, move, trash and restore folders. */
@Stateless
public class FolderService {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    Clock clock;

    public Folder root() {
        Folder root = em.createNamedQuery("Folder.root", Folder.class).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("The root folder does not exist yet."));
        access.require(root, Permission.READ);
        return root;
    }

    public Folder get(String folderId) {
        Folder folder = find(folderId);
        access.require(folder, Permission.READ);
        return folder;
    }

    public Folder create(String parentId, String name) {
        Folder parent = find(parentId);
        access.require(parent, Permission.WRITE);
        requireLive(parent);
        ItemName itemName = ItemName.of(name);
        requireNameFree(parent, itemName);
        Folder folder = Folder.child(parent, itemName, caller.login(), Times.now(clock));
        em.persist(folder);
        Tree.touch(em, parent, Times.now(clock));
        audit.record(AuditAction.FOLDER_CREATED, null, "folder:" + folder.getPublicId(), "name=" + name + " parent=" + parentId);
        return folder;
    }

    /**
     * One page of the live children the caller may read; unreadable children are left out entirely (not even
     * their names). When no child has rules of its own and the folder's rules do not depend on ownership, every
     * child has the folder's answer and the database pages; otherwise each child is evaluated.
     */
    public FolderListing children(String folderId, int page, int size) {
        Folder folder = find(folderId);
        List<List<AclRule>> levels = access.requireReturningLevels(folder, Permission.READ);
        boolean uniform = caller.isAdmin() || (!AclEvaluator.dependsOnOwner(levels) && !hasChildRules(folder));
        if (!uniform) {
            return filteredChildren(folder, levels, page, size);
        }
        if (!caller.isAdmin() && !access.canReadChild(List.of(), true, levels, "")) {
            return new FolderListing(folder, List.of(), List.of(), 0);
        }
        long folderCount = em.createNamedQuery("Folder.countChildren", Long.class).setParameter("parent", folder).getSingleResult();
        long documentCount = em.createNamedQuery("Document.countInFolder", Long.class).setParameter("folder", folder).getSingleResult();
        int offset = page * size;
        List<Folder> folders = offset < folderCount
                ? em.createNamedQuery("Folder.children", Folder.class).setParameter("parent", folder)
                    .setFirstResult(offset).setMaxResults(size).getResultList()
                : List.of();
        int remaining = size - folders.size();
        List<Document> documents = remaining > 0
                ? em.createNamedQuery("Document.inFolder", Document.class).setParameter("folder", folder)
                    .setFirstResult((int) Math.max(0, offset - folderCount)).setMaxResults(remaining).getResultList()
                : List.of();
        return new FolderListing(folder, folders, documents, folderCount + documentCount);
    }

    private boolean hasChildRules(Folder folder) {
        long own = em.createQuery("SELECT COUNT(e) FROM AclEntry e WHERE (e.itemType = 'F' AND e.itemId IN "
                        + "(SELECT f.id FROM Folder f WHERE f.parent = :p AND f.trashed = FALSE)) OR (e.itemType = 'D' AND e.itemId IN "
                        + "(SELECT d.id FROM Document d WHERE d.folder = :p AND d.trashed = FALSE))", Long.class)
                .setParameter("p", folder).getSingleResult();
        long broken = em.createQuery("SELECT COUNT(f) FROM Folder f WHERE f.parent = :p AND f.trashed = FALSE AND f.aclInherited = FALSE", Long.class)
                .setParameter("p", folder).getSingleResult()
                + em.createQuery("SELECT COUNT(d) FROM Document d WHERE d.folder = :p AND d.trashed = FALSE AND d.aclInherited = FALSE", Long.class)
                .setParameter("p", folder).getSingleResult();
        return own + broken > 0;
    }

    private FolderListing filteredChildren(Folder folder, List<List<AclRule>> levels, int page, int size) {
        List<Folder> folders = em.createNamedQuery("Folder.children", Folder.class).setParameter("parent", folder).getResultList();
        List<Document> documents = em.createNamedQuery("Document.inFolder", Document.class).setParameter("folder", folder).getResultList();
        Map<Long, List<AclRule>> folderRules = access.rules(AclEntry.FOLDER, folders.stream().map(Folder::getId).toList());
        Map<Long, List<AclRule>> documentRules = access.rules(AclEntry.DOCUMENT, documents.stream().map(Document::getId).toList());
        List<Folder> visibleFolders = folders.stream().filter(f -> access.canReadChild(
                folderRules.getOrDefault(f.getId(), List.of()), f.isAclInherited(), levels, f.getOwner())).toList();
        List<Document> visibleDocuments = documents.stream().filter(d -> access.canReadChild(
                documentRules.getOrDefault(d.getId(), List.of()), d.isAclInherited(), levels, d.getOwner())).toList();
        int from = page * size;
        List<Folder> pageFolders = visibleFolders.stream().skip(from).limit(size).toList();
        List<Document> pageDocuments = visibleDocuments.stream().skip(Math.max(0, from - visibleFolders.size()))
                .limit(size - pageFolders.size()).toList();
        return new FolderListing(folder, pageFolders, pageDocuments, visibleFolders.size() + visibleDocuments.size());
    }

    public Folder rename(String folderId, String newName) {
        Folder folder = find(folderId);
        access.require(folder, Permission.WRITE);
        if (folder.isRoot()) {
            throw new InvalidInputException("root_folder", "The root folder cannot be renamed.");
        }
        requireLive(folder);
        ItemName name = ItemName.of(newName);
        if (!name.key().equals(ItemName.of(folder.getName()).key())) {
            requireNameFree(folder.getParent(), name);
        }
        String old = folder.getName();
        folder.rename(name, Times.now(clock));
        audit.record(AuditAction.FOLDER_RENAMED, null, "folder:" + folderId, old + " -> " + newName);
        return folder;
    }

    public Folder move(String folderId, String targetId) {
        Folder folder = find(folderId);
        Folder target = find(targetId);
        access.require(folder, Permission.DELETE);
        access.require(folder.getParent(), Permission.WRITE);
        access.require(target, Permission.WRITE);
        if (folder.isRoot()) {
            throw new InvalidInputException("root_folder", "The root folder cannot be moved.");
        }
        requireLive(folder);
        requireLive(target);
        if (target.isWithin(folder)) {
            throw new InvalidInputException("move_into_itself", "A folder cannot be moved into itself or below itself.");
        }
        if (target.getId().equals(folder.getParent().getId())) {
            return folder;
        }
        requireNameFree(target, ItemName.of(folder.getName()));
        String from = folder.getParent().getPublicId();
        folder.moveTo(target, Times.now(clock));
        audit.record(AuditAction.FOLDER_MOVED, null, "folder:" + folderId, from + " -> " + targetId);
        return folder;
    }

    public Folder trash(String folderId) {
        Folder folder = find(folderId);
        access.require(folder, Permission.DELETE);
        if (folder.isRoot()) {
            throw new InvalidInputException("root_folder", "The root folder cannot be trashed.");
        }
        if (folder.isTrashed()) {
            return folder;
        }
        folder.trash(Times.now(clock));
        audit.record(AuditAction.FOLDER_TRASHED, null, "folder:" + folderId, folder.getName());
        return folder;
    }

    public Folder restore(String folderId) {
        Folder folder = find(folderId);
        access.require(folder, Permission.DELETE);
        if (!folder.isTrashed()) {
            return folder;
        }
        if (folder.getParent().isInTrash()) {
            throw new ConflictException("parent_in_trash", "Restore the parent folder first.");
        }
        requireNameFree(folder.getParent(), ItemName.of(folder.getName()));
        folder.restore(Times.now(clock));
        audit.record(AuditAction.FOLDER_RESTORED, null, "folder:" + folderId, folder.getName());
        return folder;
    }

    private Folder find(String folderId) {
        return Tree.folder(em, folderId);
    }

    private static void requireLive(Folder folder) {
        Tree.requireLive(folder);
    }

    private void requireNameFree(Folder parent, ItemName name) {
        Tree.requireNameFree(em, parent, name);
    }
}
