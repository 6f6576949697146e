package org.quire.identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quire.settings.QuireConfig;

import javax.naming.NamingException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LdapDirectoryTest {

    static TestDirectory ldap;
    static LdapDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        ldap = new TestDirectory();
        directory = new LdapDirectory(ldap.settings());
    }

    @AfterAll
    static void stop() {
        ldap.close();
    }

    @Test
    void theRightPasswordGivesThePersonWithNameMailAndGroups() throws Exception {
        LdapDirectory.Person alice = directory.authenticate("alice", "alice-secret".toCharArray()).orElseThrow();
        assertThat(alice.dn()).isEqualTo("uid=alice,ou=people,dc=example,dc=com");
        assertThat(alice.login()).isEqualTo("alice");
        assertThat(alice.displayName()).isEqualTo("Alice Liddell");
        assertThat(alice.email()).isEqualTo("alice@example.com");
        assertThat(alice.groups()).containsExactly("sales");

        LdapDirectory.Person bob = directory.authenticate("bob", "bob-secret".toCharArray()).orElseThrow();
        assertThat(bob.email()).isNull();
        assertThat(bob.groups()).isEmpty();
    }

    @Test
    void groupsComeFromTheGroupBase() throws Exception {
        LdapDirectory.Person carol = directory.authenticate("carol", "carol-secret".toCharArray()).orElseThrow();
        assertThat(carol.groups()).containsExactly("quire-admins");
    }

    @Test
    void theLoginIsTheDirectorysSpellingWhateverCaseWasTyped() throws Exception {
        // uid matches ignoring case; Quire must not see "Alice" and "alice" as two users
        assertThat(directory.authenticate("ALICE", "alice-secret".toCharArray()).orElseThrow().login()).isEqualTo("alice");
    }

    @Test
    void anEntryWithSeveralLoginValuesIsOneUserWhicheverIsTyped() throws Exception {
        ldap.server.add("dn: uid=fmiller,ou=people," + TestDirectory.BASE, "objectClass: inetOrgPerson", "uid: fmiller",
                "uid: frank.miller", "cn: Frank Miller", "sn: Miller", "userPassword: frank-secret");
        try {
            String login = directory.authenticate("fmiller", "frank-secret".toCharArray()).orElseThrow().login();
            assertThat(login).isIn("fmiller", "frank.miller");
            assertThat(directory.authenticate("Frank.Miller", "frank-secret".toCharArray()).orElseThrow().login()).isEqualTo(login);
        } finally {
            ldap.server.delete("uid=fmiller,ou=people," + TestDirectory.BASE);
        }
    }

    @Test
    void aDnThatNeedsEscapingStillFindsItsGroups() throws Exception {
        LdapDirectory.Person john = directory.authenticate("jsmith", "john-secret".toCharArray()).orElseThrow();
        assertThat(john.displayName()).isEqualTo("Smith, John");
        assertThat(john.groups()).containsExactly("sales");
    }

    @Test
    void wrongPasswordUnknownLoginAndEmptyPasswordAreRefused() throws Exception {
        assertThat(directory.authenticate("alice", "wrong".toCharArray())).isEmpty();
        assertThat(directory.authenticate("alice", "carol-secret".toCharArray())).isEmpty();
        assertThat(directory.authenticate("nobody", "alice-secret".toCharArray())).isEmpty();
        assertThat(directory.authenticate("alice", new char[0])).isEmpty();
        assertThat(directory.authenticate("", "x".toCharArray())).isEmpty();
        assertThat(directory.authenticate(null, "x".toCharArray())).isEmpty();
    }

    @Test
    void filterMetacharactersInTheLoginMatchNothing() throws Exception {
        for (String evil : new String[]{"*", "a*", "alice)(uid=*", "*)(objectClass=*", "alice)(|(uid=*", "\\2a", "alice\u0000"}) {
            assertThat(directory.authenticate(evil, "alice-secret".toCharArray())).as(evil).isEmpty();
        }
    }

    @Test
    void aLoginThatMatchesSeveralEntriesIsRefused() throws Exception {
        ldap.server.add("dn: uid=twin,ou=people," + TestDirectory.BASE, "objectClass: inetOrgPerson", "uid: twin",
                "cn: Twin One", "sn: One", "userPassword: twin-secret");
        ldap.server.add("dn: cn=Twin Two,ou=people," + TestDirectory.BASE, "objectClass: inetOrgPerson", "uid: twin",
                "cn: Twin Two", "sn: Two", "userPassword: twin-secret");
        try {
            assertThat(directory.authenticate("twin", "twin-secret".toCharArray())).isEmpty();
        } finally {
            ldap.server.delete("uid=twin,ou=people," + TestDirectory.BASE);
            ldap.server.delete("cn=Twin Two,ou=people," + TestDirectory.BASE);
        }
    }

    @Test
    void aWrongOrHalfConfiguredServiceAccountIsAnErrorNotAWrongPassword() {
        QuireConfig.Ldap wrong = ldap.settings(ldap.url(), TestDirectory.SERVICE_DN, "not-it", null);
        assertThatThrownBy(() -> new LdapDirectory(wrong).authenticate("alice", "alice-secret".toCharArray()))
                .isInstanceOf(NamingException.class);
        QuireConfig.Ldap noPassword = ldap.settings(ldap.url(), TestDirectory.SERVICE_DN, null, null);
        assertThatThrownBy(() -> new LdapDirectory(noPassword).authenticate("alice", "alice-secret".toCharArray()))
                .isInstanceOf(NamingException.class).hasMessageContaining("bind-password");
    }

    @Test
    void anUnreachableDirectoryIsAnError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        QuireConfig.Ldap down = ldap.settings("ldap://127.0.0.1:" + closedPort, TestDirectory.SERVICE_DN, TestDirectory.SERVICE_PASSWORD, null);
        assertThatThrownBy(() -> new LdapDirectory(down).authenticate("alice", "alice-secret".toCharArray()))
                .isInstanceOf(NamingException.class);
    }
}
