package org.quire.identity;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.NotFoundException;
import org.quire.platform.Roles;
import org.quire.platform.Times;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Users and groups of the built-in store. Changes need {@code dms-admin} and are audited. */
@Stateless
public class IdentityService {

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,127}");

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    GroupsReadInThisRequest groupsRead;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    PasswordHasher passwords;

    @Inject
    Event<UserCreated> userCreated;

    @Inject
    Clock clock;

    @Inject
    QuireIdentityStore builtInStore;

    @Inject
    LdapIdentityStore directoryStore;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    public record NewUser(String login, String displayName, String email, char[] password, Set<String> groups, boolean admin) {
    }

    public User createUser(NewUser request) {
        caller.requireAdmin();
        return create(request);
    }

    /** Creates a user without an authorisation check. Only {@link Bootstrap} calls this, at start-up. */
    public User createAtStartup(NewUser request) {
        return create(request);
    }

    private User create(NewUser request) {
        if (request.login() == null || !LOGIN.matcher(request.login()).matches()) {
            throw new InvalidInputException("invalid_login", "A login is 1–64 characters: letters, digits and . _ @ - (starting with a letter or digit).");
        }
        if (request.password() == null || request.password().length < PasswordHasher.MIN_LENGTH) {
            throw new InvalidInputException("weak_password", "A password has at least " + PasswordHasher.MIN_LENGTH + " characters.");
        }
        if (request.email() != null && !request.email().isBlank() && !request.email().matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidInputException("invalid_email", "The e-mail address is not valid.");
        }
        if (findByLogin(request.login()).isPresent()) {
            throw new ConflictException("login_taken", "A user with the login '" + request.login() + "' exists already.");
        }
        List<Group> groups = request.groups() == null ? List.of() : request.groups().stream().map(this::group).toList();
        String displayName = request.displayName() == null || request.displayName().isBlank() ? request.login() : request.displayName().strip();
        User user = new User(request.login(), displayName, blankToNull(request.email()), passwords.hash(request.password()),
                User.Origin.BUILTIN, Times.now(clock));
        if (request.admin()) {
            user.grantRole(Roles.ADMIN);
        }
        em.persist(user);
        groups.forEach(g -> g.add(user));
        em.flush();
        userCreated.fire(new UserCreated(user.getLogin()));
        audit.record(AuditAction.USER_CREATED, null, "user:" + user.getLogin(),
                "roles=" + user.getRoles() + " groups=" + user.getGroupNames());
        return user;
    }

    public Group createGroup(String name) {
        caller.requireAdmin();
        if (name == null || !GROUP.matcher(name).matches()) {
            throw new InvalidInputException("invalid_group", "A group name is 1–128 characters: letters, digits, blanks and . _ @ -.");
        }
        if (findGroup(name).isPresent()) {
            throw new ConflictException("group_taken", "A group named '" + name + "' exists already.");
        }
        Group group = new Group(name, User.Origin.BUILTIN, Times.now(clock));
        em.persist(group);
        audit.record(AuditAction.GROUP_CREATED, null, "group:" + name, null);
        return group;
    }

    public List<User> users() {
        caller.requireAdmin();
        return em.createNamedQuery("User.all", User.class).getResultList();
    }

    public List<Group> groups() {
        caller.requireAdmin();
        return em.createNamedQuery("Group.all", Group.class).getResultList();
    }

    // --- administration (the console: docs/ARCHITECTURE.md, "Admin operations") ----------------------------

    /** What an administrator changes on a user; null fields stay as they are. */
    public record UserChange(String displayName, String email, Boolean disabled, Boolean admin, Set<String> groups) {
    }

    /** Users by login, one page, and how many there are. */
    public List<User> users(int page, int size) {
        caller.requireAdmin();
        return em.createNamedQuery("User.all", User.class).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    /** One user by login, for administrators; 404 when there is none. */
    public User user(String login) {
        caller.requireAdmin();
        return findByLogin(login).orElseThrow(() -> new NotFoundException("user_not_found", "No user with the login '" + login + "'."));
    }

    public long userCount() {
        caller.requireAdmin();
        return em.createNamedQuery("User.count", Long.class).getSingleResult();
    }

    /**
     * Changes a user. Built-in users: everything. Directory (LDAP) users: {@code disabled} and their built-in groups;
     * the directory owns their name, e-mail, admin role (its admin group, applied at each sign-in) and directory
     * groups, so changing those is a 409 {@code directory_owned}. Administrators cannot disable or demote themselves
     * (409 {@code self_lockout}). What a node remembers of the user's password check is dropped after the commit,
     * so a disabled user is refused at once on this node (on other nodes within a minute).
     */
    public User updateUser(String login, UserChange change) {
        caller.requireAdmin();
        User user = findByLogin(login).orElseThrow(() -> new NotFoundException("user_not_found", "No user with the login '" + login + "'."));
        boolean self = user.getLogin().equals(caller.login());
        if (self && Boolean.TRUE.equals(change.disabled())) {
            throw new ConflictException("self_lockout", "You cannot disable your own account; ask another administrator.");
        }
        if (self && Boolean.FALSE.equals(change.admin())) {
            throw new ConflictException("self_lockout", "You cannot remove your own dms-admin role; ask another administrator.");
        }
        boolean directory = user.getOrigin() == User.Origin.LDAP;
        String displayName = change.displayName() == null ? user.getDisplayName() : change.displayName().strip();
        String email = change.email() == null ? user.getEmail() : blankToNull(change.email());
        boolean profileChanges = !displayName.equals(user.getDisplayName()) || !java.util.Objects.equals(email, user.getEmail());
        if (directory && profileChanges) {
            throw new ConflictException("directory_owned", "'" + login + "' comes from the directory: change the name and e-mail there.");
        }
        if (directory && change.admin() != null && change.admin() != user.getRoles().contains(Roles.ADMIN)) {
            throw new ConflictException("directory_owned", "'" + login + "' comes from the directory: the dms-admin role follows "
                    + "membership in the directory's admin group (quire.ldap.admin-group) at each sign-in.");
        }
        if (displayName.isEmpty()) {
            throw new InvalidInputException("invalid_display_name", "A display name cannot be blank.");
        }
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidInputException("invalid_email", "The e-mail address is not valid.");
        }
        List<Group> wanted = change.groups() == null ? null : change.groups().stream().map(this::group).toList();
        List<String> changes = new ArrayList<>();
        if (profileChanges) {
            user.editProfile(displayName, email);
            changes.add("displayName/email");
        }
        if (change.disabled() != null && change.disabled() != user.isDisabled()) {
            user.setDisabled(change.disabled());
            changes.add("disabled=" + change.disabled());
        }
        if (change.admin() != null && change.admin() != user.getRoles().contains(Roles.ADMIN)) {
            if (change.admin()) {
                user.grantRole(Roles.ADMIN);
            } else {
                user.revokeRole(Roles.ADMIN);
            }
            changes.add("admin=" + change.admin());
        }
        if (wanted != null) {
            Set<String> before = user.getGroupNames();
            for (Group g : wanted) {
                if (g.getOrigin() != User.Origin.BUILTIN && !before.contains(g.getName())) {
                    throw new ConflictException("directory_owned", "'" + g.getName() + "' is a directory group: its members follow the directory.");
                }
            }
            for (Group g : List.copyOf(user.getGroups())) {
                if (!wanted.contains(g)) {
                    if (g.getOrigin() != User.Origin.BUILTIN) {
                        throw new ConflictException("directory_owned", "'" + g.getName() + "' is a directory group: its members follow the directory.");
                    }
                    g.remove(user);
                }
            }
            wanted.stream().filter(g -> !user.getGroups().contains(g)).forEach(g -> g.add(user));
            if (!before.equals(user.getGroupNames())) {
                changes.add("groups=" + user.getGroupNames());
            }
        }
        if (!changes.isEmpty()) {
            em.flush();
            audit.record(AuditAction.USER_UPDATED, null, "user:" + login, String.join(" ", changes));
            forgetAfterCommit(login);
        }
        return user;
    }

    /** A group and its members' logins. */
    public record GroupMembers(Group group, java.util.SortedSet<String> members) {
    }

    /**
     * Makes a built-in group's members exactly {@code logins}. An unknown login is a 400 and nothing changes;
     * a directory group's members follow the directory (409 {@code directory_owned}).
     */
    public GroupMembers setMembers(String groupName, Collection<String> logins) {
        caller.requireAdmin();
        Group group = findGroup(groupName).orElseThrow(() -> new NotFoundException("group_not_found", "There is no group named '" + groupName + "'."));
        if (group.getOrigin() != User.Origin.BUILTIN) {
            throw new ConflictException("directory_owned", "'" + groupName + "' is a directory group: its members follow the directory.");
        }
        if (logins == null) {
            throw new InvalidInputException("invalid_members", "The members are a JSON array of logins.");
        }
        List<User> wanted = new ArrayList<>();
        for (String login : new java.util.TreeSet<>(logins)) {
            wanted.add(findByLogin(login).orElseThrow(() -> new InvalidInputException("unknown_user", "There is no user with the login '" + login + "'.")));
        }
        java.util.SortedSet<String> before = group.memberLogins();
        for (User member : List.copyOf(group.members())) {
            if (!wanted.contains(member)) {
                group.remove(member);
            }
        }
        wanted.stream().filter(u -> !group.members().contains(u)).forEach(group::add);
        java.util.SortedSet<String> after = group.memberLogins();
        if (!before.equals(after)) {
            java.util.SortedSet<String> added = new java.util.TreeSet<>(after);
            added.removeAll(before);
            java.util.SortedSet<String> removed = new java.util.TreeSet<>(before);
            removed.removeAll(after);
            em.flush();
            audit.record(AuditAction.GROUP_MEMBERS_CHANGED, null, "group:" + groupName, "added=" + added + " removed=" + removed);
            added.forEach(this::forgetAfterCommit);
            removed.forEach(this::forgetAfterCommit);
        }
        return new GroupMembers(group, after);
    }

    /** Remembered password checks carry the roles and are dropped once the change is committed. */
    private void forgetAfterCommit(String login) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                builtInStore.forget(login);
                directoryStore.forget(login);
            }
        });
    }

    /** Stores the WOPI client's UserInfo string for the calling user (at most 1024 characters). */
    public void setWopiUserInfo(String text) {
        if (text == null || text.length() > 1024) {
            throw new InvalidInputException("invalid_user_info", "UserInfo is at most 1024 characters.");
        }
        me().setWopiUserInfo(text);
    }

    /** The calling user's own record. */
    public User me() {
        return findByLogin(caller.login())
                .orElseThrow(() -> new NotFoundException("No user record for the caller."));
    }

    public Optional<User> findByLogin(String login) {
        Optional<User> user = em.createNamedQuery("User.byLoginWithRolesAndGroups", User.class).setParameter("login", login)
                .getResultList().stream().findFirst();
        user.ifPresent(u -> GroupsReadInThisRequest.rememberIfActive(groupsRead, u));
        return user;
    }

    /**
     * The built-in user whose password this is. The password is hashed whether or not such a user exists, so an
     * unknown, disabled or directory login takes as long to refuse as a wrong password ({@link PasswordHasher#matches}).
     */
    public Optional<User> authenticate(String login, char[] password) {
        Optional<User> user = findByLogin(login).filter(u -> !u.isDisabled() && u.getOrigin() == User.Origin.BUILTIN);
        return passwords.matches(password, user.map(User::getPasswordHash)) ? user : Optional.empty();
    }

    private Optional<Group> findGroup(String name) {
        return em.createNamedQuery("Group.byName", Group.class).setParameter("name", name).getResultStream().findFirst();
    }

    private Group group(String name) {
        return findGroup(name).orElseThrow(() -> new InvalidInputException("unknown_group", "There is no group named '" + name + "'."));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
