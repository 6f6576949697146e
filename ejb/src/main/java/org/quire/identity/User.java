package org.quire.identity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.quire.platform.PublicIds;
import org.quire.platform.Roles;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A person known to Quire: created here (built-in store) or seen first through the directory. */
@Entity
@Table(name = "quire_user")
@NamedQuery(name = "User.byLogin", query = "SELECT u FROM User u WHERE u.login = :login")
// the user with roles and groups in one statement (three otherwise): every authenticated request reads it
@NamedQuery(name = "User.byLoginWithRolesAndGroups", query = "SELECT u FROM User u WHERE u.login = :login", hints = {
        @QueryHint(name = "eclipselink.left-join-fetch", value = "u.roles"),
        @QueryHint(name = "eclipselink.left-join-fetch", value = "u.groups")})
@NamedQuery(name = "User.all", query = "SELECT u FROM User u ORDER BY u.login")
@NamedQuery(name = "User.count", query = "SELECT COUNT(u) FROM User u")
public class User {

    public enum Origin { BUILTIN, LDAP }

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private String publicId;

    @Column(nullable = false, updatable = false)
    private String login;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String email;

    /** PBKDF2 hash in Jakarta Security's encoded form; never leaves the core. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Origin origin;

    @Column(nullable = false, updatable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private boolean disabled;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "quire_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role_name")
    private Set<String> roles = new TreeSet<>();

    @ManyToMany(mappedBy = "members", fetch = FetchType.EAGER)
    private Set<Group> groups = new java.util.HashSet<>();

    @jakarta.persistence.ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "home_folder_id")
    private org.quire.tree.Folder homeFolder;

    /** What a WOPI client stored for this user (PutUserInfo), returned as UserInfo in CheckFileInfo. */
    @Column(name = "wopi_user_info", length = 1024)
    private String wopiUserInfo;

    @Version
    @Column(name = "opt_version")
    private long optVersion;

    protected User() {
    }

    public User(String login, String displayName, String email, String passwordHash, Origin origin, LocalDateTime now) {
        this.publicId = PublicIds.next();
        this.login = login;
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.origin = origin;
        this.created = now;
        this.roles.add(Roles.USER);
    }

    public void grantRole(String role) {
        roles.add(role);
    }

    void joined(Group group) {
        groups.add(group);
    }

    /**
     * Takes over what the directory holds for a user who came from it: name, e-mail address, and whether they
     * are an administrator (member of the configured admin group). Built-in users are edited in Quire only.
     */
    void updateFromDirectory(String displayName, String email, boolean admin) {
        if (origin != Origin.LDAP) {
            throw new IllegalStateException("'" + login + "' is a built-in user; the directory does not change it");
        }
        this.displayName = displayName;
        this.email = email;
        if (admin) {
            roles.add(Roles.ADMIN);
        } else {
            roles.remove(Roles.ADMIN);
        }
    }

    /** An administrator's edit of a built-in user's name and e-mail (the directory's users follow the directory). */
    void editProfile(String displayName, String email) {
        if (origin != Origin.BUILTIN) {
            throw new IllegalStateException("'" + login + "' comes from the directory, which owns its name and e-mail");
        }
        this.displayName = displayName;
        this.email = email;
    }

    void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    void revokeRole(String role) {
        roles.remove(role);
    }

    void left(Group group) {
        groups.remove(group);
    }

    /** The groups this user is a member of. */
    public Set<Group> getGroups() {
        return Collections.unmodifiableSet(groups);
    }

    public Long getId() {
        return id;
    }

    public String getPublicId() {
        return publicId;
    }

    public String getLogin() {
        return login;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Origin getOrigin() {
        return origin;
    }

    public LocalDateTime getCreated() {
        return created;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public String getWopiUserInfo() {
        return wopiUserInfo;
    }

    void setWopiUserInfo(String wopiUserInfo) {
        this.wopiUserInfo = wopiUserInfo;
    }

    public org.quire.tree.Folder getHomeFolder() {
        return homeFolder;
    }

    public void setHomeFolder(org.quire.tree.Folder homeFolder) {
        this.homeFolder = homeFolder;
    }

    public Set<String> getRoles() {
        return Collections.unmodifiableSet(roles);
    }

    public Set<String> getGroupNames() {
        Set<String> names = new TreeSet<>();
        groups.forEach(g -> names.add(g.getName()));
        return names;
    }
}
