package org.quire.identity;

import org.junit.jupiter.api.Test;
import org.quire.platform.Roles;

import java.time.LocalDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of directory mirroring; the database side runs in LdapIT. */
class DirectorySyncTest {

    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 12, 0);

    @Test
    void theAdminGroupMatchesIgnoringCaseAndNoAdminGroupMeansNoAdmins() {
        assertThat(DirectorySync.isAdmin(Set.of("sales", "Quire-Admins"), "quire-admins")).isTrue();
        assertThat(DirectorySync.isAdmin(Set.of("sales"), "quire-admins")).isFalse();
        assertThat(DirectorySync.isAdmin(Set.of("quire-admins"), null)).isFalse();
        assertThat(DirectorySync.isAdmin(Set.of("quire-admins"), " ")).isFalse();
        assertThat(DirectorySync.isAdmin(null, "quire-admins")).isFalse();
    }

    @Test
    void aDirectoryUserFollowsTheDirectoryIncludingTheAdminRole() {
        User carol = new User("carol", "Carol", null, null, User.Origin.LDAP, T0);
        carol.updateFromDirectory("Carol Admin", "carol@example.com", true);
        assertThat(carol.getDisplayName()).isEqualTo("Carol Admin");
        assertThat(carol.getEmail()).isEqualTo("carol@example.com");
        assertThat(carol.getRoles()).containsExactlyInAnyOrder(Roles.USER, Roles.ADMIN);
        carol.updateFromDirectory("Carol Admin", "carol@example.com", false);
        assertThat(carol.getRoles()).containsExactly(Roles.USER);
    }

    @Test
    void aBuiltInUserIsNeverChangedByTheDirectory() {
        User admin = new User("admin", "Administrator", null, "hash", User.Origin.BUILTIN, T0);
        admin.grantRole(Roles.ADMIN);
        assertThatThrownBy(() -> admin.updateFromDirectory("Mallory", null, false)).isInstanceOf(IllegalStateException.class);
        assertThat(admin.getRoles()).contains(Roles.ADMIN);
        assertThat(admin.getDisplayName()).isEqualTo("Administrator");
    }
}
