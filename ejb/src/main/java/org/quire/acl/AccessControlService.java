package org.quire.acl;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.Caller;
import org.quire.identity.GroupsReadInThisRequest;
import org.quire.platform.AccessDeniedException;
import org.quire.platform.NotFoundException;
import org.quire.platform.Roles;
import org.quire.tree.Document;
import org.quire.tree.Folder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where the core decides whether the caller may act on an item; every service asks here before
 * it reads or changes anything. Rules (docs/ARCHITECTURE.md, "Access rights"):
 * <ul>
 *   <li>effective permissions come from {@link AclEvaluator} over the item's own entries and its ancestors';</li>
 *   <li>{@code dms-admin} holds every permission; when that overrides the ACL for a change, it is audited;</li>
 *   <li>the root folder can always be read (listed): it shows only the children the caller may read;</li>
 *   <li>no READ on an item → 404, as if it did not exist; READ but not the needed permission → 403.
 *       Every refusal is audited with its reason.</li>
 * </ul>
 */
@Stateless
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class AccessControlService {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    GroupsReadInThisRequest groupsRead;

    @Inject
    Caller caller;

    @Inject
    SubjectCache cache;

    @Inject
    AuditService audit;

    // --- checks ----------------------------------------------------------------------------------------

    public void require(Document document, Permission permission) {
        Subject subject = subject();
        Set<Permission> granted = AclEvaluator.effective(levels(document), subject, document.getOwner());
        decide(subject, granted, permission, document.getPublicId(), "document:" + document.getPublicId(),
                () -> new NotFoundException("document_not_found", "No document with id '" + document.getPublicId() + "'."));
    }

    /**
     * For content an editor saves (and its session locks): any of {@link Permission#EDITOR_CONTRIBUTIONS}, since
     * the editor enforced review-, comment- or forms-only mode. Refused, audited and answered like WRITE.
     */
    public void requireEditorContribution(Document document) {
        Subject subject = subject();
        Set<Permission> granted = AclEvaluator.effective(levels(document), subject, document.getOwner());
        Permission needed = granted.stream().filter(Permission.EDITOR_CONTRIBUTIONS::contains).findFirst().orElse(Permission.WRITE);
        decide(subject, granted, needed, document.getPublicId(), "document:" + document.getPublicId(),
                () -> new NotFoundException("document_not_found", "No document with id '" + document.getPublicId() + "'."));
    }

    public void require(Folder folder, Permission permission) {
        requireReturningLevels(folder, permission);
    }

    /**
     * As {@link #require(Folder, Permission)}, and returns the rule levels it decided with: those its children inherit,
     * which a listing needs next (read once, not twice).
     */
    public List<List<AclRule>> requireReturningLevels(Folder folder, Permission permission) {
        Subject subject = subject();
        List<List<AclRule>> levels = levelsFor(folder);
        decide(subject, folderPermissions(folder, levels, subject), permission, null, "folder:" + folder.getPublicId(),
                () -> new NotFoundException("folder_not_found", "No folder with id '" + folder.getPublicId() + "'."));
        return levels;
    }

    /**
     * READ on the document (refused like {@link #require}), then the caller's permissions on it and on its folder,
     * from one reading of the rules: the folder's levels are read once and serve both.
     */
    public DocumentPermissions requireReadWithFolder(Document document) {
        Subject subject = subject();
        Folder folder = document.getFolder();
        List<Folder> chain = inheritanceChain(folder);
        DocumentRules rules = rulesOf(document, chain);
        List<List<AclRule>> folderLevels = levelsOf(chain, rules.folders());
        List<List<AclRule>> documentLevels = new ArrayList<>();
        documentLevels.add(rules.own());
        if (document.isAclInherited()) {
            documentLevels.addAll(folderLevels);
        }
        Set<Permission> onDocument = AclEvaluator.effective(documentLevels, subject, document.getOwner());
        decide(subject, onDocument, Permission.READ, document.getPublicId(), "document:" + document.getPublicId(),
                () -> new NotFoundException("document_not_found", "No document with id '" + document.getPublicId() + "'."));
        if (subject.admin()) {
            return new DocumentPermissions(EnumSet.allOf(Permission.class), EnumSet.allOf(Permission.class));
        }
        Set<Permission> onFolder = EnumSet.noneOf(Permission.class);
        onFolder.addAll(AclEvaluator.effective(folderLevels, subject, folder.getOwner()));
        if (folder.isRoot()) {
            onFolder.add(Permission.READ);
        }
        return new DocumentPermissions(onDocument, onFolder);
    }

    /** The caller's effective permissions on a document (all of them for an administrator). */
    public Set<Permission> effective(Document document) {
        Subject subject = subject();
        return subject.admin() ? EnumSet.allOf(Permission.class) : AclEvaluator.effective(levels(document), subject, document.getOwner());
    }

    public Set<Permission> effective(Folder folder) {
        Subject subject = subject();
        return subject.admin() ? EnumSet.allOf(Permission.class) : folderPermissions(folder, subject);
    }

    public boolean canRead(Document document) {
        return effective(document).contains(Permission.READ);
    }

    // --- listings ----------------------------------------------------------------------------------------

    /** The rule levels that apply to the children of {@code folder} that inherit (the folder's own and its ancestors'). */
    public List<List<AclRule>> levelsFor(Folder folder) {
        List<Folder> chain = inheritanceChain(folder);
        return levelsOf(chain, rules(AclEntry.FOLDER, chain.stream().map(Folder::getId).toList()));
    }

    /** The folder, then each ancestor it inherits from, up to the first that does not inherit (or the root). */
    private static List<Folder> inheritanceChain(Folder folder) {
        List<Folder> chain = new ArrayList<>();
        for (Folder f = folder; f != null; f = f.getParent()) {
            chain.add(f);
            if (!f.isAclInherited()) {
                break;
            }
        }
        return chain;
    }

    private static List<List<AclRule>> levelsOf(List<Folder> chain, Map<Long, List<AclRule>> rules) {
        List<List<AclRule>> levels = new ArrayList<>();
        chain.forEach(f -> levels.add(rules.getOrDefault(f.getId(), List.of())));
        return levels;
    }

    /** A document's own rules and its folder chain's rules, by folder id. */
    private record DocumentRules(List<AclRule> own, Map<Long, List<AclRule>> folders) {
    }

    /** The document's own rules and those of the folders of {@code chain}, in one query. */
    private DocumentRules rulesOf(Document document, List<Folder> chain) {
        if (chain.isEmpty()) {
            return new DocumentRules(rules(AclEntry.DOCUMENT, List.of(document.getId())).getOrDefault(document.getId(), List.of()), Map.of());
        }
        List<AclRule> own = new ArrayList<>();
        Map<Long, List<AclRule>> folders = new HashMap<>();
        em.createNamedQuery("AclEntry.ofDocumentAndFolders", AclEntry.class).setParameter("document", document.getId())
                .setParameter("folders", chain.stream().map(Folder::getId).toList()).getResultList()
                .forEach(e -> (e.isDocumentEntry() ? own : folders.computeIfAbsent(e.itemId(), k -> new ArrayList<>())).add(e.toRule()));
        return new DocumentRules(own, folders);
    }

    /** The explicit rules of many items of one type at once, by database id. */
    public Map<Long, List<AclRule>> rules(char type, Collection<Long> ids) {
        Map<Long, List<AclRule>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        List<Long> all = new ArrayList<>(new HashSet<>(ids));
        for (int i = 0; i < all.size(); i += 1000) {
            em.createNamedQuery("AclEntry.ofItems", AclEntry.class).setParameter("type", String.valueOf(type))
                    .setParameter("ids", all.subList(i, Math.min(all.size(), i + 1000))).getResultList()
                    .forEach(e -> result.computeIfAbsent(e.itemId(), k -> new ArrayList<>()).add(e.toRule()));
        }
        return result;
    }

    /** Whether the caller may read an item with these own rules below a folder whose levels are given. */
    public boolean canReadChild(List<AclRule> own, boolean inherits, List<List<AclRule>> parentLevels, String owner) {
        Subject subject = subject();
        if (subject.admin()) {
            return true;
        }
        List<List<AclRule>> levels = new ArrayList<>();
        levels.add(own);
        if (inherits) {
            levels.addAll(parentLevels);
        }
        return AclEvaluator.decide(levels, subject, owner, Permission.READ);
    }

    public Subject subject() {
        Subject cached = cached();
        if (cached != null) {
            return cached;
        }
        String login = caller.login();
        // the groups the authentication read with the user in this request, else a look-up of their own
        Set<String> groups = Caller.ANONYMOUS.equals(login) ? Set.of()
                : GroupsReadInThisRequest.ofIfActive(groupsRead, login).orElseGet(() -> new HashSet<>(em.createQuery(
                        "SELECT g.name FROM Group g JOIN g.members m WHERE m.login = :login", String.class)
                        .setParameter("login", login).getResultList()));
        Subject subject = new Subject(login, groups, caller.isAdmin());
        try {
            cache.put(subject);
        } catch (ContextNotActiveException e) {
            // outside a request (timers, start-up): nothing to remember
        }
        return subject;
    }

    // --- internals ---------------------------------------------------------------------------------------

    /** The document's own rule level, then (when it inherits) its folder chain's: one query for all of them. */
    List<List<AclRule>> levels(Document document) {
        List<Folder> chain = document.isAclInherited() ? inheritanceChain(document.getFolder()) : List.of();
        DocumentRules rules = rulesOf(document, chain);
        List<List<AclRule>> levels = new ArrayList<>();
        levels.add(rules.own());
        levels.addAll(levelsOf(chain, rules.folders()));
        return levels;
    }

    private Set<Permission> folderPermissions(Folder folder, Subject subject) {
        return folderPermissions(folder, levelsFor(folder), subject);
    }

    private static Set<Permission> folderPermissions(Folder folder, List<List<AclRule>> levels, Subject subject) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        granted.addAll(AclEvaluator.effective(levels, subject, folder.getOwner()));
        if (folder.isRoot()) {
            granted.add(Permission.READ);
        }
        return granted;
    }

    private void decide(Subject subject, Set<Permission> granted, Permission permission, String documentId, String target,
                        java.util.function.Supplier<NotFoundException> hidden) {
        if (Caller.ANONYMOUS.equals(subject.login())) {
            throw new AccessDeniedException("Authentication is required.");
        }
        if (granted.contains(permission)) {
            return;
        }
        if (subject.admin()) {
            if (permission != Permission.READ && permission != Permission.DOWNLOAD) {
                audit.record(AuditAction.ADMIN_OVERRIDE, documentId, target, "permission=" + permission + " not granted by the ACL");
            }
            return;
        }
        boolean visible = granted.contains(Permission.READ);
        audit.recordRejection(AuditAction.ACCESS_DENIED, documentId, target,
                "permission=" + permission + (visible ? " not granted" : " not granted; item not readable (answered 404)"));
        if (!visible) {
            throw hidden.get();
        }
        throw new AccessDeniedException("You do not have the " + permission + " permission on this item.");
    }

    private Subject cached() {
        try {
            Subject s = cache.get();
            return s != null && s.login().equals(caller.login()) ? s : null;
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

}
