package org.quire.web.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over real HTTP (docs/ARCHITECTURE.md, "Password guessing"), with the thresholds lowered for the
 * class ({@link Guessing}: waits after 2 failures, a lock at 4): HTTP Basic and the login form are answered 429 with
 * Retry-After once a login or an address guessed too often, before any password is checked; a locked login still
 * signs in from an address that has not failed, and its open session keeps working; an unknown login gets the same
 * answers and takes as long; administrators see and clear locks (audited), users may not.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {

    static final String PASSWORD = "user-password-1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    URI quire;
    Api admin;
    String run;
    Guessing guessing;

    @BeforeEach
    void setUp() {
        quire = RestApiIT.loopback(base);
        admin = new Api(quire, "admin", RestApiIT.ADMIN_PASSWORD);
        run = UUID.randomUUID().toString().substring(0, 8);
        guessing = Guessing.lowered(quire, admin);
    }

    @AfterEach
    void tearDown() {
        guessing.close();
    }

    @Test
    void basicGuessingWaitsThenLocksTheLoginForGuessingAddressesOnly() {
        String login = "sia-" + run;
        admin.newUser(login, PASSWORD);
        String attacker = Guessing.address();
        int lockedBefore = audits("SIGN_IN_LOCKED", "login:" + login);

        assertThat(guessing.basic(login, "wrong-1", attacker).status()).isEqualTo(401);
        assertThat(guessing.basic(login, "wrong-2", attacker).status()).isEqualTo(401);
        Api.Response waiting = guessing.basic(login, PASSWORD, attacker); // even the right password waits: nothing is checked
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(429);
        assertThat(waiting.header("Retry-After")).isEqualTo("1");
        assertThat(waiting.json().getString("error")).isEqualTo("too_many_sign_ins");

        guessing.lock(login, attacker);
        Api.Response locked = guessing.basic(login, PASSWORD, attacker);
        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(500L, 600L);
        assertThat(audits("SIGN_IN_LOCKED", "login:" + login)).isEqualTo(lockedBefore + 1);
        assertThat(audits("SIGN_IN_LOCKED", "address:" + attacker)).isEqualTo(1);

        // the owner, from an address that made no wrong guess, is not locked out
        Api.Response owner = guessing.basic(login, PASSWORD, Guessing.address());
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
        assertThat(owner.json().getString("login")).isEqualTo(login);
        // another address that failed once, for any login, is held back by the login's lock
        String other = Guessing.address();
        assertThat(guessing.basic("someone-else-" + run, "wrong", other).status()).isEqualTo(401);
        assertThat(guessing.basic(login, PASSWORD, other).status()).isEqualTo(429);
        // the attacker's address is locked for every login
        assertThat(guessing.basic("admin", RestApiIT.ADMIN_PASSWORD, attacker).status()).isEqualTo(429);
    }

    @Test
    void anUnknownLoginGetsTheSameAnswersAndTakesAsLong() {
        String known = "kno-" + run;
        admin.newUser(known, PASSWORD);
        String unknown = "nobody-" + run;
        String a = Guessing.address();
        String b = Guessing.address();
        List<String> knownAnswers = new ArrayList<>();
        List<String> unknownAnswers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            knownAnswers.add(answer(guessing.basic(known, "wrong-" + i, a)));
            unknownAnswers.add(answer(guessing.basic(unknown, "wrong-" + i, b)));
        }
        assertThat(unknownAnswers).isEqualTo(knownAnswers).contains("429 too_many_sign_ins Retry-After: 1");

        // timing: a wrong password for an unknown login costs the same hashing as for a known one (fresh addresses, no waits)
        long knownNanos = median(() -> guessing.basic(known, "wrong", Guessing.address()));
        long unknownNanos = median(() -> guessing.basic(unknown, "wrong", Guessing.address()));
        assertThat((double) unknownNanos / knownNanos).as("unknown %d ns vs known %d ns", unknownNanos, knownNanos).isGreaterThan(0.5);
    }

    @Test
    void theLoginFormSaysWhenToTryAgainBeforeCheckingThePassword() throws Exception {
        String login = "frm-" + run;
        admin.newUser(login, PASSWORD);
        String address = Guessing.address();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(formJson(browser, login, "wrong-1", address).statusCode()).isEqualTo(401);
        assertThat(formJson(browser, login, "wrong-2", address).statusCode()).isEqualTo(401);
        HttpResponse<String> json = formJson(browser, login, PASSWORD, address);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(429);
        assertThat(json.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json.body()).contains("too_many_sign_ins");
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(quire.resolve("api/v1/me")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as("no session was started").isEqualTo(401);

        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(quire.resolve("login")).header("Origin", origin()).header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + login + "&j_password=" + PASSWORD + "&next=%2F")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(form.headers().firstValue("Location").orElse("")).contains("/login?throttled=1&next=");

        Guessing.sleep(1100);
        HttpResponse<String> signedIn = formJson(browser, login, PASSWORD, address);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    }

    @Test
    void aSignedInSessionOutlivesALockOfItsLogin() throws Exception {
        String login = "ses-" + run;
        admin.newUser(login, PASSWORD);
        HttpClient owner = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(formJson(owner, login, PASSWORD, Guessing.address()).statusCode()).isEqualTo(200);
        String attacker = Guessing.address();
        guessing.lock(login, attacker);
        assertThat(guessing.basic(login, PASSWORD, attacker).status()).isEqualTo(429);
        HttpResponse<String> me = owner.send(HttpRequest.newBuilder(quire.resolve("api/v1/me")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    }

    @Test
    void administratorsSeeAndClearLocksAndUsersMayNot() {
        String login = "clr-" + run;
        Api user = admin.newUser(login, PASSWORD);
        String attacker = Guessing.address();
        guessing.lock(login, attacker);

        JsonObject held = entry("login", login);
        assertThat(held.getInt("failures")).isEqualTo(Guessing.LOCK_AFTER);
        assertThat(held.getString("lockedUntil")).isNotEmpty();
        assertThat(held.getInt("retryAfter")).isBetween(500, 600);
        assertThat(entry("address", attacker).getInt("failures")).isEqualTo(Guessing.LOCK_AFTER);

        Api.Response denied = user.delete("api/v1/admin/sign-in-failures/login/" + login);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(user.get("api/v1/admin/sign-in-failures").status()).isEqualTo(403);
        assertThat(entry("login", login)).isNotNull();

        assertThat(admin.delete("api/v1/admin/sign-in-failures/login/" + login).status()).isEqualTo(200);
        assertThat(guessing.basic(login, PASSWORD, attacker).status()).as("the address is still locked").isEqualTo(429);
        assertThat(admin.delete("api/v1/admin/sign-in-failures/address/" + Api.enc(attacker)).status()).isEqualTo(200);
        assertThat(guessing.basic(login, PASSWORD, attacker).status()).isEqualTo(200);
        assertThat(audits("SIGN_IN_CLEARED", "login:" + login)).isEqualTo(1);
        assertThat(audits("SIGN_IN_CLEARED", "address:" + attacker)).isEqualTo(1);
        assertThat(entry("login", login)).isNull();
        Api.Response again = admin.delete("api/v1/admin/sign-in-failures/login/" + login);
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(admin.delete("api/v1/admin/sign-in-failures/device/x").status()).isEqualTo(404);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private HttpResponse<String> formJson(HttpClient browser, String login, String password, String address) throws Exception {
        return browser.send(HttpRequest.newBuilder(quire.resolve("login")).timeout(Duration.ofSeconds(60)).header("Origin", origin())
                .header("X-Forwarded-For", address).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + login + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String origin() {
        return quire.getScheme() + "://" + quire.getRawAuthority();
    }

    private static String answer(Api.Response r) {
        String error = r.body().isEmpty() ? "" : " " + r.json().getString("error", "");
        return r.status() + error + (r.header("Retry-After") == null ? "" : " Retry-After: " + r.header("Retry-After"));
    }

    private static long median(Runnable request) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            request.run();
            times.add(System.nanoTime() - start);
        }
        return times.stream().sorted().toList().get(times.size() / 2);
    }

    private JsonObject entry(String kind, String subject) {
        Api.Response r = admin.get("api/v1/admin/sign-in-failures");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("kind").equals(kind) && e.getString("subject").equals(subject)).findFirst().orElse(null);
    }

    private int audits(String type, String target) {
        return Guessing.audits(admin, type, target);
    }
}
