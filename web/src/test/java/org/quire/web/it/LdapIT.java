package org.quire.web.it;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.OperationType;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through the corporate directory, end to end: an in-memory LDAP server (UnboundID) on a loopback port,
 * Quire started the way operators start it ({@code java -jar payara-micro.jar --deploy quire.war}) with
 * {@code -Dquire.ldap.*} pointing at it, and real HTTP Basic requests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapIT {

    static final String BASE = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + BASE;
    static final String GROUPS = "ou=groups," + BASE;
    static final String SERVICE_DN = "cn=quire-service,ou=services," + BASE;
    static final String SERVICE_PASSWORD = "service-secret";
    static final String ADMIN_PASSWORD = "ldap-it-admin-secret";
    /** Colons and non-ASCII: Basic credentials split at the first colon only, and are UTF-8. */
    static final String ERIN_PASSWORD = "pa:ss wörd-€:";

    static InMemoryDirectoryServer ldap;
    /** Simple binds the directory received (the service account's and the users'). */
    static final java.util.concurrent.atomic.AtomicInteger BINDS = new java.util.concurrent.atomic.AtomicInteger();
    static QuireProcess server;
    static Api admin;

    @BeforeAll
    static void start() throws Exception {
        ldap = directory();
        server = QuireProcess.fresh("ldap", ADMIN_PASSWORD).startReady(
                "-Dquire.ldap.url=ldap://127.0.0.1:" + ldap.getListenPort(),
                "-Dquire.ldap.bind-dn=" + SERVICE_DN, "-Dquire.ldap.bind-password=" + SERVICE_PASSWORD,
                "-Dquire.ldap.user-base=" + PEOPLE, "-Dquire.ldap.group-base=" + GROUPS,
                "-Dquire.ldap.admin-group=quire-admins");
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.powerCut();
        }
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    @Test
    @Order(1)
    void directoryUsersSignInAndGetTheirGroupsAndRoles() {
        assertThat(logins(admin.get("api/v1/users"))).contains("admin").doesNotContain("alice");

        Api alice = admin.as("alice", "alice-secret");
        Api.Response me = alice.get("api/v1/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("login")).isEqualTo("alice");
        assertThat(me.json().getString("displayName")).isEqualTo("Alice Liddell");
        assertThat(me.json().getString("email")).isEqualTo("alice@example.com");
        assertThat(strings(me.json(), "groups")).contains("sales");
        assertThat(strings(me.json(), "roles")).containsExactly("dms-user");
        assertThat(alice.get("api/v1/me").status()).as("again, remembered").isEqualTo(200);
        assertThat(alice.get("api/v1/users").status()).as("alice is no administrator").isEqualTo(403);

        // the first login created her user row: the administrator sees her, and the audit log says so
        assertThat(logins(admin.get("api/v1/users"))).contains("alice");
        assertThat(audit("USER_CREATED", "user:alice")).containsExactly("origin=LDAP roles=[dms-user] groups=[sales]");
        assertThat(audit("GROUP_CREATED", "group:sales")).containsExactly("origin=LDAP");

        Api.Response bob = admin.as("bob", "bob-secret").get("api/v1/me");
        assertThat(bob.status()).as(bob.toString()).isEqualTo(200);
        assertThat(strings(bob.json(), "groups")).isEmpty();
        assertThat(strings(bob.json(), "roles")).containsExactly("dms-user");

        // carol is an administrator through the directory group quire-admins
        Api carol = admin.as("carol", "carol-secret");
        Api.Response users = carol.get("api/v1/users");
        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        assertThat(logins(users)).contains("alice", "bob", "carol");
        assertThat(strings(carol.get("api/v1/me").json(), "roles")).containsExactlyInAnyOrder("dms-user", "dms-admin");
    }

    @Test
    @Order(2)
    void wrongUnknownEmptyAndInjectedCredentialsAreRefused() throws Exception {
        assertThat(admin.as("alice", "alice-secret").get("api/v1/me").status()).isEqualTo(200);
        assertThat(admin.as("alice", "wrong-password").get("api/v1/me").status()).as("wrong password").isEqualTo(401);
        assertThat(admin.as("alice", "bob-secret").get("api/v1/me").status()).as("someone else's password").isEqualTo(401);
        assertThat(admin.as("mallory", "alice-secret").get("api/v1/me").status()).as("unknown user").isEqualTo(401);
        assertThat(admin.as("alice", "").get("api/v1/me").status()).as("empty password").isEqualTo(401);
        Api.Response erin = admin.as("erin", ERIN_PASSWORD).get("api/v1/me");
        assertThat(erin.status()).as("password with ':' and non-ASCII: " + erin).isEqualTo(200);
        assertThat(erin.json().getString("displayName")).isEqualTo("Erin Ünal");
        assertThat(admin.as("erin", "pa").get("api/v1/me").status()).as("cut at the second colon").isEqualTo(401);
        for (String evil : List.of("*", "a*", "alice)(uid=*", "*)(objectClass=*", "alice)(|(uid=*")) {
            assertThat(admin.as(evil, "alice-secret").get("api/v1/me").status()).as("login " + evil).isEqualTo(401);
        }
        // a directory entry cannot take over the login of a built-in user
        ldap.add("dn: uid=admin," + PEOPLE, "objectClass: inetOrgPerson", "uid: admin", "cn: Directory Admin",
                "sn: Admin", "userPassword: directory-admin-secret");
        assertThat(admin.as("admin", "directory-admin-secret").get("api/v1/me").status()).isEqualTo(401);
        assertThat(admin.get("api/v1/me").status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aGuessingRunIsStoppedBeforeTheDirectorySeesIt() {
        try (Guessing guessing = Guessing.lowered(server.base, admin)) {
            String attacker = Guessing.address();
            guessing.lock("dave", attacker);
            int binds = BINDS.get();
            assertThat(guessing.basic("dave", "dave-secret", attacker).status()).isEqualTo(429);
            for (int i = 0; i < 5; i++) {
                assertThat(guessing.basic("dave", "guess-" + i, attacker).status()).isEqualTo(429);
            }
            assertThat(BINDS.get()).as("no bind reached the directory: its own lockout policy never counts these").isEqualTo(binds);
            Api.Response owner = guessing.basic("dave", "dave-secret", Guessing.address());
            assertThat(owner.status()).as("dave from an address that made no wrong guess: " + owner).isEqualTo(200);
            assertThat(BINDS.get()).isGreaterThan(binds);
        } finally {
            assertThat(admin.delete("api/v1/admin/sign-in-failures/login/dave").status()).as("dave's lock cleared for the next tests").isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void directoryGroupMembershipDecidesAccessThroughTheAcl() {
        Api alice = admin.as("alice", "alice-secret");
        Api bob = admin.as("bob", "bob-secret");
        Api dave = admin.as("dave", "dave-secret");
        // first logins: the users and the directory group "sales" exist in Quire from here on
        for (Api user : List.of(alice, bob, dave)) {
            assertThat(user.get("api/v1/me").status()).isEqualTo(200);
        }
        String root = admin.get("api/v1/folders/root").json().getString("id");
        Api.Response created = admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"ldap-acl-" + UUID.randomUUID() + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String folder = created.json().getString("id");
        byte[] plan = "the sales plan".getBytes(StandardCharsets.UTF_8);
        Api.Response uploaded = admin.upload(folder, "plan.txt", plan);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String document = uploaded.json().getString("id");

        Api.Response acl = admin.send(admin.request("api/v1/folders/" + folder + "/acl").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"inherit\": false, \"entries\": ["
                        + "{\"principal\": \"group:sales\", \"role\": \"editor\", \"effect\": \"allow\"}]}")));
        assertThat(acl.status()).as("PUT acl: " + acl).isIn(200, 204);

        // alice is in sales (directory) → editor
        assertThat(alice.get("api/v1/folders/" + folder).status()).isEqualTo(200);
        assertThat(childIds(alice, root)).contains(folder);
        Api.Download download = alice.download("api/v1/documents/" + document + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.sha256()).isEqualTo(Api.sha256(plan));
        Api.Response aliceUpload = alice.upload(folder, "from-alice.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(aliceUpload.status()).as(aliceUpload.toString()).isEqualTo(201);

        // bob is in no group → no entry matches → the folder does not exist for him
        assertThat(bob.get("api/v1/folders/" + folder).status()).isEqualTo(404);
        assertThat(bob.get("api/v1/documents/" + document).status()).isEqualTo(404);
        assertThat(bob.download("api/v1/documents/" + document + "/content").status()).isEqualTo(404);
        assertThat(bob.upload(folder, "from-bob.txt", new byte[]{1}).status()).isEqualTo(404);
        assertThat(childIds(bob, root)).doesNotContain(folder);

        // the directory takes dave out of sales; at his next check Quire follows (another spelling of the login
        // is not in the store's one-minute memory, so it goes to the directory at once) and access ends
        assertThat(dave.get("api/v1/folders/" + folder).status()).isEqualTo(200);
        try {
            ldap.modify("cn=sales," + GROUPS, new Modification(ModificationType.DELETE, "member", "uid=dave," + PEOPLE));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Api.Response daveAgain = admin.as("DAVE", "dave-secret").get("api/v1/me");
        assertThat(daveAgain.status()).as(daveAgain.toString()).isEqualTo(200);
        assertThat(daveAgain.json().getString("login")).isEqualTo("dave");
        assertThat(strings(daveAgain.json(), "groups")).doesNotContain("sales");
        assertThat(audit("DIRECTORY_GROUPS_CHANGED", "user:dave")).containsExactly("joined=[] left=[sales]");
        assertThat(dave.get("api/v1/folders/" + folder).status()).isEqualTo(404);
        assertThat(dave.download("api/v1/documents/" + document + "/content").status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void concurrentFirstSignInsEachGetTheirUserAndGroupOnce() throws Exception {
        List<String> people = List.of("p1", "p2", "p3", "p4", "p5", "p6");
        ldap.add("dn: cn=newcomers," + GROUPS, "objectClass: groupOfNames", "cn: newcomers",
                "member: uid=p1," + PEOPLE, "member: uid=p2," + PEOPLE, "member: uid=p3," + PEOPLE,
                "member: uid=p4," + PEOPLE, "member: uid=p5," + PEOPLE, "member: uid=p6," + PEOPLE);
        for (String p : people) {
            person(ldap, p, "Person " + p, p + "@example.com");
        }
        // every person signs in three times at once: inserts of the same user and group race, and are retried
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(18);
        try {
            List<java.util.concurrent.Future<Api.Response>> calls = new java.util.ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String p : people) {
                    calls.add(pool.submit(() -> admin.as(p, p + "-secret").get("api/v1/me")));
                }
            }
            for (java.util.concurrent.Future<Api.Response> call : calls) {
                Api.Response r = call.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(strings(r.json(), "groups")).contains("newcomers");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(logins(admin.get("api/v1/users")).stream().filter(people::contains)).hasSize(6);
        assertThat(audit("GROUP_CREATED", "group:newcomers")).hasSize(1);
        for (String p : people) {
            assertThat(audit("USER_CREATED", "user:" + p)).hasSize(1);
        }
    }

    // --- fixtures ------------------------------------------------------------------------------------

    /**
     * dc=example,dc=com: alice (sales), bob (no group), carol (quire-admins), dave (sales), erin (no group, a
     * password with colons and umlauts), the service account. Searches need an authenticated bind.
     */
    static InMemoryDirectoryServer directory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH, OperationType.COMPARE));
        config.addInMemoryOperationInterceptor(new com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest request) {
                BINDS.incrementAndGet();
            }
        });
        InMemoryDirectoryServer ds = new InMemoryDirectoryServer(config);
        ds.add("dn: " + BASE, "objectClass: domain", "dc: example");
        ds.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        ds.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        ds.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        ds.add("dn: " + SERVICE_DN, "objectClass: organizationalRole", "objectClass: simpleSecurityObject",
                "cn: quire-service", "userPassword: " + SERVICE_PASSWORD);
        person(ds, "alice", "Alice Liddell", "alice@example.com");
        person(ds, "bob", "Bob Builder", "bob@example.com");
        person(ds, "carol", "Carol Admin", "carol@example.com");
        person(ds, "dave", "Dave Seller", "dave@example.com");
        ds.add("dn: uid=erin," + PEOPLE, "objectClass: inetOrgPerson", "uid: erin", "cn: Erin Ünal", "sn: Ünal",
                "userPassword: " + ERIN_PASSWORD);
        ds.add("dn: cn=sales," + GROUPS, "objectClass: groupOfNames", "cn: sales",
                "member: uid=alice," + PEOPLE, "member: uid=dave," + PEOPLE);
        ds.add("dn: cn=quire-admins," + GROUPS, "objectClass: groupOfNames", "cn: quire-admins", "member: uid=carol," + PEOPLE);
        ds.startListening();
        return ds;
    }

    static void person(InMemoryDirectoryServer ds, String uid, String name, String mail) throws Exception {
        ds.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + name,
                "sn: " + name.substring(name.indexOf(' ') + 1), "mail: " + mail, "userPassword: " + uid + "-secret");
    }

    static List<String> strings(JsonObject json, String key) {
        return json.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static List<String> logins(Api.Response users) {
        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        return users.json().getJsonArray("items").getValuesAs(JsonValue::asJsonObject).stream().map(u -> u.getString("login")).toList();
    }

    /** The details of the audit rows of one type and target. */
    static List<String> audit(String type, String target) {
        Api.Response rows = admin.get("api/v1/audit?type=" + type + "&size=500");
        assertThat(rows.status()).as(rows.toString()).isEqualTo(200);
        return rows.json().getJsonArray("items").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(r -> target.equals(r.getString("target", null))).map(r -> r.getString("detail", null)).toList();
    }

    static List<String> childIds(Api user, String folder) {
        Api.Response children = user.get("api/v1/folders/" + folder + "/children?size=500");
        assertThat(children.status()).as(children.toString()).isEqualTo(200);
        return children.json().getJsonArray("items").getValuesAs(JsonValue::asJsonObject).stream().map(c -> c.getString("id")).toList();
    }

}
