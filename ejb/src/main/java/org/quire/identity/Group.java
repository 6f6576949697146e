package org.quire.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.quire.platform.PublicIds;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

/** A named set of users, usable as an ACL principal ({@code group:<name>}). */
@Entity
@Table(name = "quire_group")
@NamedQuery(name = "Group.byName", query = "SELECT g FROM Group g WHERE g.name = :name")
@NamedQuery(name = "Group.all", query = "SELECT g FROM Group g ORDER BY g.name")
public class Group {

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private String publicId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private User.Origin origin;

    @Column(nullable = false, updatable = false)
    private LocalDateTime created;

    @ManyToMany
    @JoinTable(name = "quire_group_member",
            joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "user_id"))
    private Set<User> members = new HashSet<>();

    @Version
    @Column(name = "opt_version")
    private long optVersion;

    protected Group() {
    }

    public Group(String name, User.Origin origin, LocalDateTime now) {
        this.publicId = PublicIds.next();
        this.name = name;
        this.origin = origin;
        this.created = now;
    }

    public void add(User user) {
        members.add(user);
        user.joined(this);
    }

    public void remove(User user) {
        members.remove(user);
        user.left(this);
    }

    /** The members' logins, sorted. */
    public java.util.SortedSet<String> memberLogins() {
        java.util.SortedSet<String> logins = new java.util.TreeSet<>();
        members.forEach(u -> logins.add(u.getLogin()));
        return logins;
    }

    Set<User> members() {
        return java.util.Collections.unmodifiableSet(members);
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

    /** {@code LDAP} for a group mirrored from the directory (its members are the directory's business). */
    public User.Origin getOrigin() {
        return origin;
    }

    public LocalDateTime getCreated() {
        return created;
    }

    public int memberCount() {
        return members.size();
    }
}
