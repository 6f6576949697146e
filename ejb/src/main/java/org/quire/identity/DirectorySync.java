package org.quire.identity;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.platform.AccessDeniedException;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.Roles;
import org.quire.platform.Times;
import org.quire.settings.QuireConfig;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Mirrors a person the directory has just authenticated into Quire's tables, so that they can own items, appear
 * in the audit log and be named in ACLs: the user row is created on the first login ({@code origin = LDAP}), the
 * directory's name and e-mail are taken over, the role {@code dms-admin} follows membership in
 * {@code quire.ldap.admin-group}, and the memberships in directory groups are made equal to the groups the
 * directory reported (missing groups are created). Built-in users and built-in groups are never
 * changed: a login that belongs to a built-in user is refused, and a directory group whose name is taken by a
 * built-in group is ignored.
 * <p>
 * Runs in a transaction of its own: it is called during authentication, before any request transaction exists.
 * Concurrent first sign-ins of the same person or into the same new group collide on a unique key
 * ({@link Collision}); the caller ({@link LdapIdentityStore}) then simply calls again, and finds what the first
 * one created.
 */
@Stateless
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class.getName());
    private static final int MAX_LOGIN_LENGTH = 200;
    private static final int MAX_DISPLAY_NAME_LENGTH = 255;
    private static final int MAX_EMAIL_LENGTH = 320;

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AuditService audit;

    @Inject
    Event<UserCreated> userCreated;

    @Inject
    Clock clock;

    @Inject
    QuireConfig config;

    /**
     * @return the user row, created or brought up to date; its roles are the caller's roles
     * @throws ConflictException     when {@code login} belongs to a built-in user
     * @throws AccessDeniedException when the user is disabled in Quire
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public User sync(String login, String displayName, String email, Set<String> groupNames) {
        if (login == null || login.isBlank() || login.length() > MAX_LOGIN_LENGTH) {
            throw new InvalidInputException("invalid_login", "A directory login is 1–" + MAX_LOGIN_LENGTH + " characters.");
        }
        LocalDateTime now = Times.now(clock);
        String name = displayName == null || displayName.isBlank() ? login : truncate(displayName.strip(), MAX_DISPLAY_NAME_LENGTH);
        String mail = email == null || email.isBlank() || email.strip().length() > MAX_EMAIL_LENGTH ? null : email.strip();
        boolean admin = isAdmin(groupNames, config.ldap().map(QuireConfig.Ldap::adminGroup).orElse(null));

        Optional<User> existing = em.createNamedQuery("User.byLogin", User.class).setParameter("login", login)
                .getResultStream().findFirst();
        User user;
        Map<String, Long> current = new TreeMap<>();
        if (existing.isEmpty()) {
            user = new User(login, name, mail, null, User.Origin.LDAP, now);
            if (admin) {
                user.grantRole(Roles.ADMIN);
            }
            em.persist(user);
            flush();
            userCreated.fire(new UserCreated(login));
        } else {
            user = existing.get();
            if (user.getOrigin() != User.Origin.LDAP) {
                throw new ConflictException("directory_login_taken",
                        "The login '" + login + "' belongs to a built-in user; the directory cannot sign in as it.");
            }
            if (user.isDisabled()) {
                throw new AccessDeniedException("user_disabled", "The user '" + login + "' is disabled in Quire.");
            }
            update(user, name, mail, admin);
            em.createQuery("SELECT g.name, g.id FROM Group g JOIN g.members m WHERE m = :user AND g.origin = :origin", Object[].class)
                    .setParameter("user", user).setParameter("origin", User.Origin.LDAP).getResultList()
                    .forEach(row -> current.put((String) row[0], (Long) row[1]));
        }

        // Membership rows are written directly: a row is an independent fact, so sign-ins of many people joining
        // one big group neither load its member list nor contend for its version.
        MembershipChange change = MembershipChange.between(current.keySet(), groupNames);
        Set<String> joined = new TreeSet<>();
        for (String groupName : change.added()) {
            Group group = findGroup(groupName).orElseGet(() -> createGroup(groupName, now));
            if (group.getOrigin() != User.Origin.LDAP) {
                LOG.fine(() -> "Directory group '" + groupName + "' of '" + login + "' ignored: a built-in group has that name");
                continue;
            }
            try {
                em.createNativeQuery("INSERT INTO quire_group_member (group_id, user_id) VALUES (?1, ?2)")
                        .setParameter(1, group.getId()).setParameter(2, user.getId()).executeUpdate();
            } catch (PersistenceException sameRowInserted) {
                throw new Collision(sameRowInserted);
            }
            joined.add(groupName);
        }
        for (String groupName : change.removed()) {
            em.createNativeQuery("DELETE FROM quire_group_member WHERE group_id = ?1 AND user_id = ?2")
                    .setParameter(1, current.get(groupName)).setParameter(2, user.getId()).executeUpdate();
        }
        if (!joined.isEmpty() || !change.removed().isEmpty()) {
            flush();
            em.refresh(user);
        }

        if (existing.isEmpty()) {
            audit.record(AuditAction.USER_CREATED, null, "user:" + login, "origin=LDAP roles=" + user.getRoles() + " groups=" + joined);
        } else if (!joined.isEmpty() || !change.removed().isEmpty()) {
            audit.record(AuditAction.DIRECTORY_GROUPS_CHANGED, null, "user:" + login, "joined=" + joined + " left=" + change.removed());
        }
        return user;
    }

    /** Whether the directory groups make the user an administrator: membership in the admin group, any case. */
    static boolean isAdmin(Set<String> groupNames, String adminGroup) {
        return adminGroup != null && !adminGroup.isBlank() && groupNames != null
                && groupNames.stream().anyMatch(g -> g != null && g.strip().equalsIgnoreCase(adminGroup.strip()));
    }

    private void update(User user, String displayName, String email, boolean admin) {
        Set<String> changed = new TreeSet<>();
        if (!displayName.equals(user.getDisplayName())) {
            changed.add("displayName");
        }
        if (!Objects.equals(email, user.getEmail())) {
            changed.add("email");
        }
        if (admin != user.getRoles().contains(Roles.ADMIN)) {
            changed.add("roles");
        }
        if (!changed.isEmpty()) {
            user.updateFromDirectory(displayName, email, admin);
            audit.record(AuditAction.DIRECTORY_USER_UPDATED, null, "user:" + user.getLogin(),
                    "changed=" + changed + " roles=" + user.getRoles());
        }
    }

    private Optional<Group> findGroup(String name) {
        return em.createNamedQuery("Group.byName", Group.class).setParameter("name", name).getResultStream().findFirst();
    }

    private Group createGroup(String name, LocalDateTime now) {
        Group group = new Group(name, User.Origin.LDAP, now);
        em.persist(group);
        flush();
        audit.record(AuditAction.GROUP_CREATED, null, "group:" + name, "origin=LDAP");
        return group;
    }

    /** Writes now, so that a collision with a concurrent sign-in shows here, as a {@link Collision}. */
    private void flush() {
        try {
            em.flush();
        } catch (PersistenceException collision) {
            throw new Collision(collision);
        }
    }

    /**
     * A concurrent sign-in wrote the same user, group or membership first; this transaction is rolled back and
     * {@code sync} may simply be called again. An application exception, so the container does not log it as a failure.
     */
    public static final class Collision extends ConflictException {
        Collision(Throwable cause) {
            super("directory_sync_collision", "A concurrent sign-in changed the same rows; try again.");
            initCause(cause);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
