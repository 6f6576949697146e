package org.quire.acl;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.Caller;
import org.quire.platform.InvalidInputException;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.tree.Tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading and changing ACLs (MANAGE), and the caller's effective permissions. */
@Stateless
public class AclService {

    public static final int MAX_ENTRIES = 200;

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    /** An item's ACL: whether it inherits, its own rules, and the rules it inherits (nearest first, with their folder). */
    public record Acl(boolean inherit, List<AclRule> entries, List<InheritedRule> inherited) {
    }

    public record InheritedRule(String fromFolderId, AclRule rule) {
    }

    public Acl ofDocument(String documentId) {
        Document d = document(documentId);
        access.require(d, Permission.MANAGE);
        return acl(d);
    }

    public Acl ofFolder(String folderId) {
        Folder f = folder(folderId);
        access.require(f, Permission.MANAGE);
        return acl(f);
    }

    private Acl acl(Document d) {
        return new Acl(d.isAclInherited(), own(AclEntry.DOCUMENT, d.getId()), d.isAclInherited() ? inherited(d.getFolder()) : List.of());
    }

    private Acl acl(Folder f) {
        return new Acl(f.isAclInherited(), own(AclEntry.FOLDER, f.getId()),
                f.isAclInherited() && !f.isRoot() ? inherited(f.getParent()) : List.of());
    }

    /**
     * Replaces a document's own ACL. With {@code copyInherited}, breaking inheritance keeps the entries that
     * were inherited until now as the document's own (appended after the given ones).
     */
    public Acl setOnDocument(String documentId, boolean inherit, List<AclRule> entries, boolean copyInherited) {
        Document d = em.find(Document.class, document(documentId).getId(), LockModeType.PESSIMISTIC_WRITE);
        access.require(d, Permission.MANAGE);
        List<AclRule> rules = withCopies(entries, !inherit && copyInherited && d.isAclInherited() ? inherited(d.getFolder()) : List.of());
        Acl before = new Acl(d.isAclInherited(), own(AclEntry.DOCUMENT, d.getId()), List.of());
        replace(AclEntry.DOCUMENT, d.getId(), rules);
        d.setAclInherited(inherit);
        audit.record(AuditAction.ACL_CHANGED, d.getPublicId(), "document:" + d.getPublicId(), describe(before) + " -> " + describe(new Acl(inherit, rules, List.of())));
        return acl(d);
    }

    public Acl setOnFolder(String folderId, boolean inherit, List<AclRule> entries, boolean copyInherited) {
        Folder f = em.find(Folder.class, folder(folderId).getId(), LockModeType.PESSIMISTIC_WRITE);
        access.require(f, Permission.MANAGE);
        List<AclRule> rules = withCopies(entries, !inherit && copyInherited && f.isAclInherited() && !f.isRoot() ? inherited(f.getParent()) : List.of());
        Acl before = new Acl(f.isAclInherited(), own(AclEntry.FOLDER, f.getId()), List.of());
        replace(AclEntry.FOLDER, f.getId(), rules);
        f.setAclInherited(inherit);
        audit.record(AuditAction.ACL_CHANGED, null, "folder:" + f.getPublicId(), describe(before) + " -> " + describe(new Acl(inherit, rules, List.of())));
        return acl(f);
    }

    /** Sets the rules of an item the system itself creates (home folders); no access check. */
    public void setSystemRules(Folder folder, List<AclRule> rules) {
        replace(AclEntry.FOLDER, folder.getId(), rules);
    }

    /** The caller's effective permissions on a document (READ needed to ask). */
    public Set<Permission> permissionsOnDocument(String documentId) {
        Document d = document(documentId);
        Set<Permission> granted = access.effective(d);
        if (!granted.contains(Permission.READ)) {
            access.require(d, Permission.READ); // refuses, with the audit row
        }
        return granted;
    }

    /** A person the ACL lets read a document: login, display name, e-mail address (may be null). */
    public record Reader(String login, String displayName, String email) {
    }

    /** At most this many readers are listed (an ACL that lets {@code everyone} read lists the first by name). */
    public static final int MAX_READERS = 1000;

    /**
     * The enabled people whom the document's ACL lets READ it, by display name (READ needed to ask). Only the
     * people named by an allow rule that grants READ are evaluated, so a document shared with a few is answered
     * without looking at every user. Administrators are listed only when the ACL itself grants them READ: their
     * override is not a share.
     */
    public List<Reader> readersOf(String documentId) {
        Document d = document(documentId);
        access.require(d, Permission.READ);
        List<List<AclRule>> levels = new ArrayList<>();
        levels.add(own(AclEntry.DOCUMENT, d.getId()));
        if (d.isAclInherited()) {
            levels.addAll(access.levelsFor(d.getFolder()));
        }
        ReaderCandidates candidates = ReaderCandidates.of(levels, d.getOwner());
        if (candidates.none()) {
            return List.of();
        }
        List<org.quire.identity.User> users;
        if (candidates.everyone()) {
            users = em.createQuery("SELECT u FROM User u WHERE u.disabled = false ORDER BY u.login", org.quire.identity.User.class).getResultList();
        } else {
            List<String> named = new ArrayList<>();
            if (!candidates.logins().isEmpty()) {
                named.add("u.login IN :logins");
            }
            if (!candidates.groups().isEmpty()) {
                named.add("g.name IN :groups");
            }
            var query = em.createQuery("SELECT DISTINCT u FROM User u LEFT JOIN u.groups g WHERE u.disabled = false AND ("
                    + String.join(" OR ", named) + ")", org.quire.identity.User.class);
            if (!candidates.logins().isEmpty()) {
                query.setParameter("logins", List.copyOf(candidates.logins()));
            }
            if (!candidates.groups().isEmpty()) {
                query.setParameter("groups", List.copyOf(candidates.groups()));
            }
            users = query.getResultList();
        }
        return users.stream()
                .filter(u -> ReaderCandidates.reads(levels, u.getLogin(), u.getGroupNames(), d.getOwner()))
                .map(u -> new Reader(u.getLogin(), u.getDisplayName(), u.getEmail()))
                .sorted(java.util.Comparator.comparing((Reader r) -> r.displayName().toLowerCase(java.util.Locale.ROOT)).thenComparing(Reader::login))
                .limit(MAX_READERS)
                .toList();
    }

    public Set<Permission> permissionsOnFolder(String folderId) {
        Folder f = folder(folderId);
        access.require(f, Permission.READ);
        return access.effective(f);
    }

    private List<AclRule> withCopies(List<AclRule> entries, List<InheritedRule> copies) {
        List<AclRule> rules = new ArrayList<>(entries);
        copies.forEach(c -> rules.add(c.rule()));
        if (rules.size() > MAX_ENTRIES) {
            throw new InvalidInputException("invalid_acl", "An ACL has at most " + MAX_ENTRIES + " entries.");
        }
        return rules;
    }

    private void replace(char type, long id, List<AclRule> rules) {
        em.createNamedQuery("AclEntry.deleteOfItem").setParameter("type", String.valueOf(type)).setParameter("id", id).executeUpdate();
        for (int i = 0; i < rules.size(); i++) {
            em.persist(new AclEntry(type, id, i, rules.get(i)));
        }
    }

    private List<AclRule> own(char type, long id) {
        return access.rules(type, List.of(id)).getOrDefault(id, List.of());
    }

    private List<InheritedRule> inherited(Folder from) {
        List<InheritedRule> result = new ArrayList<>();
        List<Folder> chain = new ArrayList<>();
        for (Folder f = from; f != null; f = f.getParent()) {
            chain.add(f);
            if (!f.isAclInherited()) {
                break;
            }
        }
        var rules = access.rules(AclEntry.FOLDER, chain.stream().map(Folder::getId).toList());
        for (Folder f : chain) {
            rules.getOrDefault(f.getId(), List.of()).forEach(r -> result.add(new InheritedRule(f.getPublicId(), r)));
        }
        return result;
    }

    private static String describe(Acl acl) {
        return "inherit=" + acl.inherit() + " [" + acl.entries().stream()
                .map(r -> r.effect() + " " + r.principal() + " " + (r.role() != null ? r.role().jsonName() : r.permissions()))
                .collect(Collectors.joining("; ")) + "]";
    }

    private Document document(String id) {
        return Tree.document(em, id);
    }

    private Folder folder(String id) {
        return Tree.folder(em, id);
    }
}
