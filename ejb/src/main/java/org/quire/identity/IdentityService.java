package org.quire.identity;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.NotFoundException;
import org.quire.platform.Times;

import java.time.Clock;
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
    AccessControlService access;

    @Inject
    AuditService audit;

    @Inject
    PasswordHasher passwords;

    @Inject
    org.quire.document.HomeFolders homeFolders;

    @Inject
    Clock clock;

    public record NewUser(String login, String displayName, String email, char[] password, Set<String> groups, boolean admin) {
    }

    public User createUser(NewUser request) {
        access.requireAdmin();
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
        homeFolders.ensureHome(user.getLogin());
        audit.record(AuditAction.USER_CREATED, null, "user:" + user.getLogin(),
                "roles=" + user.getRoles() + " groups=" + user.getGroupNames());
        return user;
    }

    public Group createGroup(String name) {
        access.requireAdmin();
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
        access.requireAdmin();
        return em.createNamedQuery("User.all", User.class).getResultList();
    }

    public List<Group> groups() {
        access.requireAdmin();
        return em.createNamedQuery("Group.all", Group.class).getResultList();
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
        return findByLogin(access.callerLogin())
                .orElseThrow(() -> new NotFoundException("No user record for the caller."));
    }

    public Optional<User> findByLogin(String login) {
        return em.createNamedQuery("User.byLogin", User.class).setParameter("login", login)
                .getResultStream().findFirst();
    }

    /** Checks a password against the built-in store; empty when the login or password is wrong or the user is disabled. */
    public Optional<User> authenticate(String login, char[] password) {
        Optional<User> user = findByLogin(login).filter(u -> !u.isDisabled() && u.getOrigin() == User.Origin.BUILTIN);
        return user.filter(u -> passwords.verify(password, u.getPasswordHash()));
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
