package org.quire.web.it;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing for the ITs. The test servers raise the sign-in thresholds out of reach (arquillian.xml), because
 * every IT's wrong passwords come from 127.0.0.1; a test that guesses lowers them for itself ({@link #lowered}: each
 * try waits after {@value #DELAY_AFTER} failures, {@value #LOCK_AFTER} lock) and guesses from made-up client addresses
 * (X-Forwarded-For, believed from 127.0.0.1 there). {@link #close} puts the thresholds back.
 */
final class Guessing implements AutoCloseable {

    static final int DELAY_AFTER = 2;
    static final int LOCK_AFTER = 4;
    static final String KEYS = "quire.sign-in.delay-after\":%s,\"quire.sign-in.lock-after\":%s,\"quire.sign-in.lock-for\":%s";

    final URI quire;
    final Api admin;

    private Guessing(URI quire, Api admin) {
        this.quire = quire;
        this.admin = admin;
    }

    /** Lowers the thresholds; first forgets 127.0.0.1's failures from the other ITs, which would now hold it back. */
    static Guessing lowered(URI quire, Api admin) {
        Api.Response cleared = admin.delete("api/v1/admin/sign-in-failures/address/127.0.0.1");
        assertThat(cleared.status()).as(cleared.toString()).isIn(200, 404);
        Api.Response r = admin.putJson("api/v1/admin/settings", "{\"" + KEYS.formatted(DELAY_AFTER, LOCK_AFTER, "\"PT10M\"") + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Guessing(quire, admin);
    }

    /** Guessing against another node, whose thresholds are the database's, lowered through the first ({@link #lowered}). */
    static Guessing on(URI quire, Api admin) {
        return new Guessing(quire, admin);
    }

    /** Audit rows of {@code type} on {@code target} (the last 200 of that type). */
    static int audits(Api admin, String type, String target) {
        return (int) admin.get("api/v1/audit?type=" + type + "&size=200").json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> target.equals(e.getString("target", ""))).count();
    }

    @Override
    public void close() {
        Api.Response r = admin.putJson("api/v1/admin/settings", "{\"" + KEYS.formatted("null", "null", "null") + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** A client address nobody else uses: 2001:db8::/32 is for documentation. */
    static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8::%x:%x".formatted(random.nextInt(0x1000, 0x10000), random.nextInt(0x1000, 0x10000));
    }

    /** {@code GET /api/v1/me} over HTTP Basic from {@code address}. */
    Api.Response basic(String login, String password, String address) {
        return new Api(quire, null, null).send(HttpRequest.newBuilder(quire.resolve("api/v1/me")).header("X-Forwarded-For", address)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8))).GET());
    }

    /**
     * Wrong passwords over Basic from {@code address}, waiting out each delay, until the login or the address is locked
     * (a 429 whose wait is longer than any delay); returns that answer.
     */
    Api.Response lock(String login, String address) {
        for (int i = 0; i < 3 * LOCK_AFTER; i++) {
            Api.Response r = basic(login, "wrong-password-" + i, address);
            if (r.status() == 429) {
                long wait = Long.parseLong(r.header("Retry-After"));
                if (wait > 30) {
                    return r;
                }
                sleep(wait * 1000 + 100);
                continue;
            }
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
        }
        throw new AssertionError(login + " from " + address + " was not locked after " + 3 * LOCK_AFTER + " tries");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
