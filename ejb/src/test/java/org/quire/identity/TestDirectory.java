package org.quire.identity;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.OperationType;
import org.quire.settings.QuireConfig;

import java.net.InetAddress;
import java.util.EnumSet;

/**
 * An in-memory LDAP server on a free loopback port with a small organisation: alice (group sales), bob (no
 * group), carol (group quire-admins), "Smith, John" (a DN that needs escaping; group sales), and the service
 * account Quire binds with. Searches need an authenticated bind, as in real directories.
 */
final class TestDirectory implements AutoCloseable {

    static final String BASE = "dc=example,dc=com";
    static final String SERVICE_DN = "cn=quire-service,ou=services," + BASE;
    static final String SERVICE_PASSWORD = "service-secret";

    final InMemoryDirectoryServer server;

    TestDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH, OperationType.COMPARE));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        server.add("dn: " + SERVICE_DN, "objectClass: organizationalRole", "objectClass: simpleSecurityObject",
                "cn: quire-service", "userPassword: " + SERVICE_PASSWORD);
        person("alice", "Alice Liddell", "alice@example.com", "alice-secret");
        person("bob", "Bob Builder", null, "bob-secret");
        person("carol", "Carol Admin", "carol@example.com", "carol-secret");
        server.add("dn: cn=Smith\\, John,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: jsmith",
                "cn: Smith, John", "sn: Smith", "userPassword: john-secret");
        server.add("dn: cn=sales,ou=groups," + BASE, "objectClass: groupOfNames", "cn: sales",
                "member: uid=alice,ou=people," + BASE, "member: cn=Smith\\, John,ou=people," + BASE);
        server.add("dn: cn=quire-admins,ou=groups," + BASE, "objectClass: groupOfNames", "cn: quire-admins",
                "member: uid=carol,ou=people," + BASE);
        server.startListening();
    }

    void person(String uid, String name, String mail, String password) throws Exception {
        if (mail == null) {
            server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                    "cn: " + name, "sn: " + name.substring(name.indexOf(' ') + 1), "userPassword: " + password);
        } else {
            server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                    "cn: " + name, "sn: " + name.substring(name.indexOf(' ') + 1), "mail: " + mail, "userPassword: " + password);
        }
    }

    String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    QuireConfig.Ldap settings() {
        return settings(url(), SERVICE_DN, SERVICE_PASSWORD, "quire-admins");
    }

    QuireConfig.Ldap settings(String url, String bindDn, String bindPassword, String adminGroup) {
        return new QuireConfig.Ldap(url, bindDn, bindPassword, "ou=people," + BASE, QuireConfig.Ldap.DEFAULT_USER_FILTER, "uid",
                "ou=groups," + BASE, QuireConfig.Ldap.DEFAULT_GROUP_FILTER, "cn", "cn", "mail", adminGroup, 2000, 2000);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
