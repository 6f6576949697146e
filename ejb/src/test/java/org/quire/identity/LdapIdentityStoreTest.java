package org.quire.identity;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quire.platform.ConflictException;
import org.quire.platform.Roles;
import org.quire.settings.QuireConfig;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.INVALID;
import static jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.NOT_VALIDATED;
import static jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.VALID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's decisions, with a real (in-memory) directory and the database side replaced by a recorder that
 * answers like {@link DirectorySync} (a user row with dms-user, plus dms-admin for the admin group).
 */
class LdapIdentityStoreTest {

    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    static TestDirectory ldap;

    final List<String> synced = new ArrayList<>();
    final Set<String> builtinLogins = Set.of("admin");
    int collisions;
    Optional<QuireConfig.Ldap> settings;
    LdapIdentityStore store;

    @BeforeAll
    static void start() throws Exception {
        ldap = new TestDirectory();
    }

    @AfterAll
    static void stop() {
        ldap.close();
    }

    @BeforeEach
    void store() {
        settings = Optional.of(ldap.settings());
        store = new LdapIdentityStore();
        store.config = new QuireConfig() {
            @Override
            public Optional<Ldap> ldap() {
                return settings;
            }
        };
        store.directorySync = new DirectorySync() {
            @Override
            public User sync(String login, String displayName, String email, Set<String> groupNames) {
                if (collisions > 0) {
                    collisions--;
                    throw new Collision(new RuntimeException("unique key"));
                }
                if (builtinLogins.contains(login)) {
                    throw new ConflictException("directory_login_taken", "built-in");
                }
                synced.add(login + " " + displayName + " " + email + " " + groupNames);
                User user = new User(login, displayName, email, null, User.Origin.LDAP, LocalDateTime.of(2026, 1, 1, 12, 0));
                if (isAdmin(groupNames, "quire-admins")) {
                    user.grantRole(Roles.ADMIN);
                }
                return user;
            }
        };
        at(T0);
    }

    void at(Instant now) {
        store.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    CredentialValidationResult login(String login, String password) {
        return store.validate(new UsernamePasswordCredential(login, password));
    }

    @Test
    void offWithoutAUrl() {
        settings = Optional.empty();
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(NOT_VALIDATED);
        assertThat(synced).isEmpty();
    }

    @Test
    void aDirectoryUserGetsTheUserRoleAndIsMirrored() {
        CredentialValidationResult r = login("alice", "alice-secret");
        assertThat(r.getStatus()).isEqualTo(VALID);
        assertThat(r.getCallerPrincipal().getName()).isEqualTo("alice");
        assertThat(r.getCallerGroups()).containsExactly(Roles.USER);
        assertThat(synced).containsExactly("alice Alice Liddell alice@example.com [sales]");
    }

    @Test
    void theAdminGroupGivesTheAdminRole() {
        assertThat(login("carol", "carol-secret").getCallerGroups()).containsExactlyInAnyOrder(Roles.USER, Roles.ADMIN);
    }

    @Test
    void theCallerNameIsTheDirectorysSpelling() {
        assertThat(login("Alice", "alice-secret").getCallerPrincipal().getName()).isEqualTo("alice");
    }

    @Test
    void refusals() {
        assertThat(login("alice", "wrong").getStatus()).isEqualTo(INVALID);
        assertThat(login("nobody", "x").getStatus()).isEqualTo(INVALID);
        assertThat(login("*", "alice-secret").getStatus()).isEqualTo(INVALID);
        assertThat(login("alice)(uid=*", "alice-secret").getStatus()).isEqualTo(INVALID);
        assertThat(login("alice", "").getStatus()).isEqualTo(INVALID);
        assertThat(synced).isEmpty();
    }

    @Test
    void aDirectoryEntryCannotTakeOverABuiltInLogin() throws Exception {
        ldap.person("admin", "Directory Admin", null, "admin-secret");
        try {
            assertThat(login("admin", "admin-secret").getStatus()).isEqualTo(INVALID);
        } finally {
            ldap.server.delete("uid=admin,ou=people," + TestDirectory.BASE);
        }
    }

    @Test
    void aSuccessIsRememberedForAMinuteWithoutAskingTheDirectory() {
        login("alice", "alice-secret");
        at(T0.plusSeconds(59));
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(VALID);
        assertThat(synced).hasSize(1);
        assertThat(login("alice", "wrong").getStatus()).isEqualTo(INVALID);
        // the failed attempt dropped the remembered success: the next request asks the directory again
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(VALID);
        assertThat(synced).hasSize(2);
        at(T0.plusSeconds(200));
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(VALID);
        assertThat(synced).hasSize(3);
    }

    @Test
    void anUnreachableDirectoryValidatesNothing() {
        settings = Optional.of(ldap.settings("ldap://127.0.0.1:1", TestDirectory.SERVICE_DN, TestDirectory.SERVICE_PASSWORD, null));
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(NOT_VALIDATED);
    }

    @Test
    void aCollisionWithAConcurrentSignInIsTriedAgain() {
        collisions = 2;
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(VALID);
        assertThat(synced).hasSize(1);
    }

    @Test
    void aSignInThatKeepsCollidingIsRefusedNotAnError() {
        collisions = 3;
        assertThat(login("alice", "alice-secret").getStatus()).isEqualTo(INVALID);
    }

    @Test
    void loginsAreLoggedWithoutLineBreaks() {
        assertThat(LdapIdentityStore.printable("alice\nWARNING: forged")).isEqualTo("alice?WARNING: forged");
    }

    @Test
    void theBuiltInStoreIsAskedFirst() {
        assertThat(new QuireIdentityStore().priority()).isLessThan(store.priority());
    }
}
