package org.quire.web.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, limits across two nodes (the PostgreSQL leg only: both nodes need the one database). A second Quire is
 * started on the test server's database and blob directory; password guesses alternating between the two nodes are
 * counted once, so the lock comes after {@link Guessing#LOCK_AFTER} failures in all — not per node — and then holds on
 * both; the right password from an address that made no wrong guess is accepted by both; an administrator's clearing on
 * one node is in force on the other.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwoNodesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    @Test
    void passwordGuessesSpreadOverTwoNodesAreCountedOnce() throws Exception {
        // -Dit.test=TwoNodesIT overrides the embedded leg's exclusion (web/pom.xml): skipped there, not failed
        Assumptions.assumeTrue("micro-postgres".equals(System.getProperty("arquillian.launch")), "the PostgreSQL leg only");
        URI first = RestApiIT.loopback(base);
        Api admin = new Api(first, "admin", RestApiIT.ADMIN_PASSWORD);
        Path shared = Path.of(System.getProperty("quire.it.dir", "target/it"), "pg-data").toAbsolutePath();
        QuireProcess second = QuireProcess.joining("second-node", shared, RestApiIT.ADMIN_PASSWORD);
        try (Guessing one = Guessing.lowered(first, admin)) {
            second.startReady("-Dquire.db.datasource-class=org.postgresql.ds.PGSimpleDataSource",
                    "-Dquire.db.url=" + System.getProperty("quire.it.pg.url"), "-Dquire.db.user=" + System.getProperty("quire.it.pg.user"),
                    "-Dquire.db.password=" + System.getProperty("quire.it.pg.password"), "-Dquire.backup.every=off");
            Guessing two = Guessing.on(second.base, second.admin());
            String login = "two-" + UUID.randomUUID().toString().substring(0, 8);
            String password = "right-password-1";
            assertThat(admin.postJson("api/v1/users", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}").status()).isEqualTo(201);
            assertThat(two.basic(login, password, Guessing.address()).status()).as("the user made on node 1, known on node 2").isEqualTo(200);

            String attacker = Guessing.address();
            List<Integer> wrong = new ArrayList<>();
            Api.Response locked = null;
            for (int i = 0; i < 4 * Guessing.LOCK_AFTER && locked == null; i++) {
                Guessing node = i % 2 == 0 ? one : two;
                Api.Response r = node.basic(login, "wrong-" + i, attacker);
                if (r.status() == 429) {
                    long wait = Long.parseLong(r.header("Retry-After"));
                    if (wait > 30) {
                        locked = r;
                    } else {
                        Guessing.sleep(wait * 1000 + 100);
                    }
                } else {
                    wrong.add(r.status());
                }
            }
            assertThat(locked).as("a lock within " + 4 * Guessing.LOCK_AFTER + " tries").isNotNull();
            assertThat(wrong).as("failures on both nodes counted together: locked at " + Guessing.LOCK_AFTER + " in all, not per node")
                    .containsOnly(401).hasSize(Guessing.LOCK_AFTER);
            assertThat(one.basic(login, password, attacker).status()).as("the right password from the guessing address, node 1").isEqualTo(429);
            assertThat(two.basic(login, password, attacker).status()).as("the right password from the guessing address, node 2").isEqualTo(429);
            assertThat(two.basic(login, password, Guessing.address()).status()).as("from an address that made no wrong guess").isEqualTo(200);
            assertThat(one.basic(login, password, Guessing.address()).status()).isEqualTo(200);

            Api secondAdmin = second.admin();
            assertThat(secondAdmin.delete("api/v1/admin/sign-in-failures/login/" + login).status()).isEqualTo(200);
            assertThat(secondAdmin.delete("api/v1/admin/sign-in-failures/address/" + attacker).status()).isEqualTo(200);
            assertThat(one.basic(login, password, attacker).status()).as("cleared on node 2, in force on node 1").isEqualTo(200);
            assertThat(Guessing.audits(admin, "SIGN_IN_LOCKED", "login:" + login)).as("one lock, audited once").isEqualTo(1);
        } finally {
            second.stop();
        }
    }

}
