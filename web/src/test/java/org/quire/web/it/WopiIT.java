package org.quire.web.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;

/**
 * The WOPI host over real HTTP, as a WOPI client (ONLYOFFICE) uses it: the call sequence of WOPI.md §3.3,
 * lock semantics of §2.3, cross-route locking with the REST check-out, and hostile inputs — each refused with
 * the protocol's status and nothing changed (checked through the REST API). No proof keys yet.
 * The containers trust 127.0.0.0/8 and ::1 and believe X-Forwarded-For from 127.0.0.1 (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WopiIT {

    static final String PASSWORD = "user-password-1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    Api admin;
    Api client;
    String run;
    String folder;
    Api alice;
    Api bob;
    Api vic;

    /** The WOPI client's proof keys: every request of {@code client} is signed as ONLYOFFICE signs it. */
    static WopiClientDouble wopiClient;

    @org.junit.jupiter.api.BeforeAll
    static void startWopiClient() throws java.io.IOException {
        wopiClient = new WopiClientDouble();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopWopiClient() {
        wopiClient.close();
    }

    @BeforeEach
    void setUp() {
        admin = new Api(RestApiIT.loopback(base), "admin", RestApiIT.ADMIN_PASSWORD);
        client = admin.as(null, null).signingWith(wopiClient);
        run = UUID.randomUUID().toString().substring(0, 8);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"wopi-" + run + "\"}"));
        alice = user("alice-" + run);
        bob = user("bob-" + run);
        vic = user("vic-" + run);
        putAcl("folders/" + folder, "{\"inherit\":false,\"entries\":["
                + "{\"principal\":\"user:alice-" + run + "\",\"role\":\"editor\",\"effect\":\"allow\"},"
                + "{\"principal\":\"user:bob-" + run + "\",\"role\":\"editor\",\"effect\":\"allow\"},"
                + "{\"principal\":\"user:vic-" + run + "\",\"role\":\"viewer\",\"effect\":\"allow\"}]}");
    }

    // --- discovery, action URLs, host page ----------------------------------------------------------------

    @Test
    void actionUrlsComeFromTheDiscoveryAndTheHostPagePostsTheToken() {
        String doc = created(admin.upload(folder, "host.docx", "x".getBytes()));
        jakarta.json.JsonObject link = alice.get("api/v1/documents/" + doc + "/wopi?action=edit").json();
        String actionUrl = link.getString("actionUrl");
        assertThat(actionUrl).startsWith("http://127.0.0.1:" + WopiClientDouble.PORT + "/hosting/wopi/word/edit?ui=en-US&wopisrc=")
                .contains(java.net.URLEncoder.encode(link.getString("wopiSrc"), java.nio.charset.StandardCharsets.UTF_8));
        String test = created(admin.upload(folder, "notes.md", "x".getBytes()));
        assertThat(alice.get("api/v1/documents/" + test + "/wopi?action=view").json().isNull("actionUrl")).as("no action for .md").isTrue();

        Api.Response page = alice.get("wopi-host/" + doc + "?action=edit");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("method=\"post\"").contains("target=\"office_frame\"")
                .contains("action=\"" + actionUrl.replace("&", "&amp;") + "\"")
                .contains("name=\"access_token\" value=\"").contains("name=\"access_token_ttl\"");
        assertThat(admin.as(null, null).get("wopi-host/" + doc + "?action=edit").status()).isEqualTo(401);
        assertThat(bob.get("wopi-host/" + test + "?action=view").status()).isEqualTo(404);
    }

    // --- proofs (WOPI.md §2.6) ---------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidFreshProofAreRefusedWith500AndChangeNothing() throws Exception {
        String doc = created(admin.upload(folder, "proofs.docx", "original".getBytes()));
        String t = token(alice, doc, "edit");
        Api unsigned = admin.as(null, null);
        String url = RestApiIT.loopback(base).resolve(path(doc, "", t)).toString();

        assertThat(unsigned.get(path(doc, "", t)).status()).as("no proof").isEqualTo(500);
        Api.Response forged = unsigned.send(wopiClient.signWithUnknownKey(unsigned.request(path(doc, "", t)), url, t)
                .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "forged").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(forged.status()).as("proof by an unknown key").isEqualTo(500);
        Api.Response stale = unsigned.send(wopiClient.sign(unsigned.request(path(doc, "", t)), url, t, java.time.Instant.now().minusSeconds(21 * 60))
                .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "stale").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(stale.status()).as("proof older than 20 minutes").isEqualTo(500);
        Api.Response otherUrl = unsigned.send(wopiClient.sign(unsigned.request(path(doc, "", t)), url + "&x=1", t)
                .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "moved").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(otherUrl.status()).as("proof of another URL").isEqualTo(500);

        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(admin.get("api/v1/audit?type=WOPI_PROOF_REJECTED&size=500").json().getInt("total")).isGreaterThanOrEqualTo(4);
        assertThat(client.get(path(doc, "", t)).status()).as("a genuine proof").isEqualTo(200);
    }

    // --- ONLYOFFICE's call sequence (WOPI.md §3.3) -------------------------------------------------------

    @Test
    void onlyofficeEditSession() {
        String doc = created(alice.upload(folder, "report.docx", "first".getBytes()));
        JsonObject link = alice.get("api/v1/documents/" + doc + "/wopi?action=edit").json();
        assertThat(link.getString("wopiSrc")).endsWith("/wopi/files/" + doc);
        assertThat(link.getJsonNumber("accessTokenTtl").longValue()).isGreaterThan(System.currentTimeMillis() + 9 * 3600_000L);
        assertThat(link.getString("actionUrl")).contains("/hosting/wopi/word/edit?");
        String token = link.getString("accessToken");
        String bobToken = token(bob, doc, "edit");

        Api.Response info = wopi(token, "GET", doc, "", null);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.header("Content-Type")).startsWith("application/json");
        JsonObject cfi = info.json();
        assertThat(cfi.getString("BaseFileName")).isEqualTo("report.docx");
        assertThat(cfi.getString("FileExtension")).isEqualTo(".docx");
        assertThat(cfi.getString("OwnerId")).isEqualTo("alice-" + run);
        assertThat(cfi.getString("UserId")).isEqualTo("alice-" + run);
        assertThat(cfi.getJsonNumber("Size").longValue()).isEqualTo(5);
        assertThat(cfi.getBoolean("UserCanWrite")).isTrue();
        assertThat(cfi.getBoolean("ReadOnly")).isFalse();
        assertThat(cfi.getBoolean("SupportsLocks")).isTrue();
        assertThat(cfi.getBoolean("SupportsExtendedLockLength")).isTrue();
        assertThat(cfi.getString("SHA256")).isEqualTo(Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(Api.sha256("first".getBytes()))));
        assertThat(cfi.getString("LastModifiedTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        String version1 = cfi.getString("Version");

        assertThat(wopi(token, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", doc).status()).isEqualTo(200);

        Api.Response file = wopi(token, "GET", doc, "/contents", null, "X-WOPI-MaxExpectedSize", "104857600");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("first");
        assertThat(file.header("X-WOPI-ItemVersion")).isEqualTo(version1);

        Api.Response put = wopi(token, "POST", doc, "/contents", "second".getBytes(),
                "X-WOPI-Override", "PUT", "X-WOPI-Lock", doc, "X-WOPI-Editors", "bob-" + run);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.header("X-WOPI-Lock")).isNull();
        String version2 = put.header("X-WOPI-ItemVersion");
        assertThat(version2).isNotBlank().isNotEqualTo(version1);

        assertThat(wopi(token, "POST", doc, "", null, "X-WOPI-Override", "REFRESH_LOCK", "X-WOPI-Lock", doc).status()).isEqualTo(200);
        // a second user joins the session: the same lock id is a refresh
        assertThat(wopi(bobToken, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", doc).status()).isEqualTo(200);
        Api.Response getLock = wopi(bobToken, "POST", doc, "", null, "X-WOPI-Override", "GET_LOCK");
        assertThat(getLock.status()).isEqualTo(200);
        assertThat(getLock.header("X-WOPI-Lock")).isEqualTo(doc);
        // two "Save copy as" while the session lives (PutRelativeFile, suggested mode, as ONLYOFFICE sends it)
        String copy1 = saveCopyAs(token, doc, "first copy");
        String copy2 = saveCopyAs(bobToken, doc, "second copy");
        assertThat(copy1).isNotEqualTo(copy2).startsWith("report").endsWith(".docx");
        assertThat(copy2).startsWith("report").endsWith(".docx");

        Api.Response unlock = wopi(bobToken, "POST", doc, "", null, "X-WOPI-Override", "UNLOCK", "X-WOPI-Lock", doc);
        assertThat(unlock.status()).isEqualTo(200);
        assertThat(unlock.header("X-WOPI-ItemVersion")).isEqualTo(version2);

        assertThat(wopi(token, "GET", doc, "", null).json().getString("Version")).isEqualTo(version2);
        JsonObject listing = alice.get("api/v1/folders/" + folder + "/children").json();
        assertThat(listing.toString()).contains("\"" + copy1 + "\"", "\"" + copy2 + "\"");
        JsonObject versions = alice.get("api/v1/documents/" + doc + "/versions").json();
        assertThat(versions.getInt("total")).isEqualTo(2);
        JsonObject latest = versions.getJsonArray("items").stream().map(v -> v.asJsonObject())
                .filter(v -> v.getInt("number") == 2).findFirst().orElseThrow();
        assertThat(latest.getString("source")).isEqualTo("WOPI");
        assertThat(latest.getString("author")).isEqualTo("bob-" + run);
        assertThat(alice.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("second".getBytes()));
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
    }

    @Test
    void viewTokensAndViewersCannotWrite() {
        String doc = created(alice.upload(folder, "view.xlsx", "cells".getBytes()));
        String view = token(alice, doc, "view");
        JsonObject cfi = wopi(view, "GET", doc, "", null).json();
        assertThat(cfi.getBoolean("UserCanWrite")).isFalse();
        assertThat(cfi.getBoolean("ReadOnly")).isTrue();
        assertThat(cfi.getBoolean("UserCanReview")).isFalse();
        assertThat(cfi.getBoolean("UserCanOnlyComment")).isFalse();
        assertThat(wopi(view, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "L").status()).isEqualTo(401);
        assertThat(wopi(view, "GET", doc, "/contents", null).status()).isEqualTo(200);

        // a viewer asking for edit gets a token without WRITE
        String vicToken = token(vic, doc, "edit");
        assertThat(wopi(vicToken, "GET", doc, "", null).json().getBoolean("UserCanWrite")).isFalse();
        assertThat(wopi(vicToken, "POST", doc, "/contents", "x".getBytes(), "X-WOPI-Override", "PUT").status()).isEqualTo(401);
        assertThat(versions(doc)).isEqualTo(1);
        assertThat(vic.get("api/v1/documents/" + doc + "/wopi?action=bogus").status()).isEqualTo(400);
    }

    // --- lock semantics (WOPI.md §2.3) --------------------------------------------------------------------

    @Test
    void lockConflictsAnswer409WithTheCurrentLock() {
        String doc = created(alice.upload(folder, "locks.docx", "content".getBytes()));
        String t = token(alice, doc, "edit");

        assertThat(lockOp(t, doc, "LOCK", "A").status()).isEqualTo(200);
        assertConflict(lockOp(t, doc, "LOCK", "B"), "A");
        assertConflict(lockOp(t, doc, "UNLOCK", "B"), "A");
        assertConflict(lockOp(t, doc, "REFRESH_LOCK", "B"), "A");
        assertConflict(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-OldLock", "B", "X-WOPI-Lock", "C"), "A");
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-OldLock", "A", "X-WOPI-Lock", "C").status()).isEqualTo(200);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "GET_LOCK").header("X-WOPI-Lock")).isEqualTo("C");
        assertConflict(lockOp(t, doc, "UNLOCK", "A"), "C");
        assertConflict(wopi(t, "POST", doc, "/contents", "x".getBytes(), "X-WOPI-Override", "PUT", "X-WOPI-Lock", "A"), "C");
        assertConflict(wopi(t, "POST", doc, "/contents", "x".getBytes(), "X-WOPI-Override", "PUT"), "C");
        assertConflict(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", "other", "X-WOPI-Lock", "A"), "C");
        assertConflict(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "DELETE"), "C");
        assertThat(lockOp(t, doc, "UNLOCK", "C").status()).isEqualTo(200);

        // unlocked: Unlock, RefreshLock, UnlockAndRelock and a PutFile of a non-empty file are 409 with an empty X-WOPI-Lock
        assertConflict(lockOp(t, doc, "UNLOCK", "C"), "");
        assertConflict(lockOp(t, doc, "REFRESH_LOCK", "C"), "");
        assertConflict(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-OldLock", "C", "X-WOPI-Lock", "D"), "");
        assertConflict(wopi(t, "POST", doc, "/contents", "x".getBytes(), "X-WOPI-Override", "PUT"), "");
        Api.Response getLock = wopi(t, "POST", doc, "", null, "X-WOPI-Override", "GET_LOCK");
        assertThat(getLock.status()).isEqualTo(200);
        assertThat(getLock.header("X-WOPI-Lock")).isEmpty();

        // lock ids: 1024 characters are fine, 1025 and none are refused
        String longest = "x".repeat(1024);
        assertThat(lockOp(t, doc, "LOCK", longest).status()).isEqualTo(200);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "GET_LOCK").header("X-WOPI-Lock")).isEqualTo(longest);
        assertThat(lockOp(t, doc, "UNLOCK", longest).status()).isEqualTo(200);
        assertThat(lockOp(t, doc, "LOCK", "y".repeat(1025)).status()).isEqualTo(400);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "LOCK").status()).isEqualTo(400);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "UNLOCK_AND_RELOCK", "X-WOPI-Lock", "E").status()).isEqualTo(501);
        assertThat(wopi(t, "POST", doc, "", "Theme=dark".getBytes(), "X-WOPI-Override", "PUT_USER_INFO").status()).isEqualTo(200);
        assertThat(client.get(path(doc, "", t)).json().getString("UserInfo")).isEqualTo("Theme=dark");
        assertThat(wopi(t, "POST", doc, "", "x".repeat(1025).getBytes(), "X-WOPI-Override", "PUT_USER_INFO").status()).isEqualTo(400);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "GET_SHARE_URL").status()).isEqualTo(501);
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(versions(doc)).isEqualTo(1);
    }

    /**
     * More concurrent lockers than the server has database connections (32): exactly one wins, every other one is a
     * 409 naming the winner's lock — none fails for want of a connection: each refusal's audit row comes from a pool
     * of its own, so requests queued behind the document's row lock cannot starve the one holding it.
     */
    @Test
    void fortyEightConcurrentLocksHaveOneWinnerAndNoStarvation() throws Exception {
        String doc = created(alice.upload(folder, "contended.docx", "content".getBytes()));
        String t = token(alice, doc, "edit");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(48);
        try {
            java.util.List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String lockId = "contender-" + i;
                answers.add(pool.submit(() -> lockOp(t, doc, "LOCK", lockId)));
            }
            java.util.List<Api.Response> done = new java.util.ArrayList<>();
            for (var answer : answers) {
                done.add(answer.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            java.util.List<Api.Response> winners = done.stream().filter(r -> r.status() == 200).toList();
            assertThat(winners).as("exactly one winner").hasSize(1);
            String winner = alice.get("api/v1/documents/" + doc + "/lock").json().getString("lockId");
            assertThat(done.stream().filter(r -> r.status() == 409)
                    .filter(r -> r.raw().headers().firstValue("X-WOPI-Lock").orElse("").equals(winner)).count()).isEqualTo(47);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=LOCK_CONFLICT&size=100").json().getInt("total")).isEqualTo(47);
    }

    @Test
    void createNewFlowAcceptsPutFileOnAnEmptyUnlockedFile() {
        String doc = created(alice.upload(folder, "new.docx", new byte[0]));
        String t = token(alice, doc, "editnew");
        Api.Response put = wopi(t, "POST", doc, "/contents", "template".getBytes(), "X-WOPI-Override", "PUT");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(versions(doc)).isEqualTo(2);
        // now it is not empty: an unlocked PutFile is a conflict
        assertConflict(wopi(t, "POST", doc, "/contents", "again".getBytes(), "X-WOPI-Override", "PUT"), "");
        // and an empty PutFile under a lock is a version of 0 bytes
        assertThat(lockOp(t, doc, "LOCK", "L").status()).isEqualTo(200);
        assertThat(wopi(t, "POST", doc, "/contents", new byte[0], "X-WOPI-Override", "PUT", "X-WOPI-Lock", "L").status()).isEqualTo(200);
        assertThat(lockOp(t, doc, "UNLOCK", "L").status()).isEqualTo(200);
        assertThat(alice.get("api/v1/documents/" + doc).json().getInt("size")).isZero();
        assertThat(versions(doc)).isEqualTo(3);
    }

    // --- one lock model for every route -------------------------------------------------------------------

    @Test
    void checkOutAndWopiLockBlockEachOther() {
        String doc = created(alice.upload(folder, "shared.docx", "content".getBytes()));
        String aliceToken = token(alice, doc, "edit");
        String bobToken = token(bob, doc, "edit");

        assertThat(alice.post("api/v1/documents/" + doc + "/checkout").status()).isEqualTo(200);
        assertConflict(lockOp(bobToken, doc, "LOCK", doc), "");
        assertConflict(lockOp(aliceToken, doc, "LOCK", doc), "");
        assertConflict(wopi(aliceToken, "POST", doc, "/contents", "w".getBytes(), "X-WOPI-Override", "PUT", "X-WOPI-Lock", doc), "");
        assertConflict(wopi(aliceToken, "POST", doc, "", null, "X-WOPI-Override", "GET_LOCK"), "");
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getString("kind")).isEqualTo("CHECKOUT");
        assertThat(alice.send(alice.request("api/v1/documents/" + doc + "/checkin").POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);

        assertThat(lockOp(bobToken, doc, "LOCK", doc).status()).isEqualTo(200);
        Api.Response restWrite = alice.putContent(doc, "rest".getBytes());
        assertThat(restWrite.status()).isEqualTo(409);
        assertThat(restWrite.json().getString("error")).isEqualTo("locked");
        assertThat(restWrite.json().getJsonObject("lock").getString("kind")).isEqualTo("WOPI");
        assertThat(alice.post("api/v1/documents/" + doc + "/checkout").status()).isEqualTo(409);
        assertThat(alice.patchJson("api/v1/documents/" + doc, "{\"name\":\"renamed.docx\"}").status()).isEqualTo(409);
        assertThat(versions(doc)).isEqualTo(1);

        assertThat(lockOp(bobToken, doc, "UNLOCK", doc).status()).isEqualTo(200);
        assertThat(alice.putContent(doc, "rest".getBytes()).status()).isEqualTo(200);
        assertThat(versions(doc)).isEqualTo(2);
    }

    // --- Save As (PutRelativeFile) -------------------------------------------------------------------------

    @Test
    void putRelativeFileCreatesBesideNeverCollidingInSuggestedMode() {
        String doc = created(alice.upload(folder, "plan.docx", "plan".getBytes()));
        String t = token(alice, doc, "edit");
        JsonObject cfi = wopi(t, "GET", doc, "", null).json();
        assertThat(cfi.getBoolean("SupportsUpdate")).isTrue();
        assertThat(cfi.getBoolean("UserCanNotWriteRelative")).isFalse();

        JsonObject first = saveAs(t, doc, "X-WOPI-SuggestedTarget", ".pdf", "pdf1");
        assertThat(first.getString("Name")).isEqualTo("plan.pdf");
        String[] target = target(first.getString("Url"));
        assertThat(wopi(target[1], "GET", target[0], "", null).json().getString("BaseFileName")).isEqualTo("plan.pdf");
        assertThat(wopi(target[1], "GET", target[0], "/contents", null).body()).isEqualTo("pdf1");
        assertThat(saveAs(t, doc, "X-WOPI-SuggestedTarget", ".pdf", "pdf2").getString("Name")).isEqualTo("plan (2).pdf");
        assertThat(saveAs(t, doc, "X-WOPI-SuggestedTarget", "new+AF8-file.docx", "n").getString("Name")).isEqualTo("new_file.docx");
        assertThat(saveAs(t, doc, "X-WOPI-SuggestedTarget", "a/b.docx", "n").getString("Name")).isEqualTo("a_b.docx");
        // suggested mode makes a lying name legal (issue 20): the right-to-left override is taken out
        assertThat(saveAs(t, doc, "X-WOPI-SuggestedTarget", "in+IC4-voice.docx", "n").getString("Name")).isEqualTo("invoice.docx");

        // specific mode: as given; an existing target only with overwrite, and not when it is locked
        assertThat(relative(t, doc, "plan.pdf", null).status()).isEqualTo(409);
        assertThat(relative(t, doc, "plan.pdf", "False").status()).isEqualTo(409);
        assertThat(relative(t, doc, "bad+AC8-name.docx", null).status()).isEqualTo(400);
        Api.Response lying = relative(t, doc, "in+IC4-voice2.docx", null);
        assertThat(lying.status()).as(lying.toString()).isEqualTo(400);
        assertThat(lying.header("X-WOPI-InvalidFileNameError")).isNotBlank();
        assertThat(lockOp(target[1], target[0], "LOCK", "T").status()).isEqualTo(200);
        assertConflict(relative(t, doc, "plan.pdf", "True"), "T");
        assertThat(lockOp(target[1], target[0], "UNLOCK", "T").status()).isEqualTo(200);
        Api.Response overwrite = relative(t, doc, "plan.pdf", "True");
        assertThat(overwrite.status()).as(overwrite.toString()).isEqualTo(200);
        assertThat(versions(target[0])).isEqualTo(2);
        assertThat(alice.download("api/v1/documents/" + target[0] + "/content").sha256()).isEqualTo(Api.sha256("overwritten".getBytes()));
        Api.Response exact = relative(t, doc, "exact.docx", null);
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.json().getString("Name")).isEqualTo("exact.docx");

        // both or neither target header: refused; a viewer may not Save As at all
        assertThat(wopi(t, "POST", doc, "", "x".getBytes(), "X-WOPI-Override", "PUT_RELATIVE",
                "X-WOPI-SuggestedTarget", ".pdf", "X-WOPI-RelativeTarget", "x.pdf").status()).isIn(400, 501);
        assertThat(wopi(t, "POST", doc, "", "x".getBytes(), "X-WOPI-Override", "PUT_RELATIVE").status()).isIn(400, 501);
        String vicToken = token(vic, doc, "view");
        assertThat(wopi(vicToken, "GET", doc, "", null).json().getBoolean("UserCanNotWriteRelative")).isTrue();
        assertThat(wopi(vicToken, "POST", doc, "", "x".getBytes(), "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-SuggestedTarget", ".pdf").status()).isEqualTo(501);

        java.util.List<String> names = admin.get("api/v1/folders/" + folder + "/children").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("name")).sorted().toList();
        assertThat(names).containsExactly("a_b.docx", "exact.docx", "invoice.docx", "new_file.docx", "plan (2).pdf", "plan.docx", "plan.pdf");
        assertThat(versions(doc)).isEqualTo(1);
    }

    private JsonObject saveAs(String token, String doc, String header, String target, String body) {
        Api.Response r = wopi(token, "POST", doc, "", body.getBytes(), "X-WOPI-Override", "PUT_RELATIVE", header, target);
        assertThat(r.status()).as(target + ": " + r).isEqualTo(200);
        assertThat(r.json().getString("Url")).contains("/wopi/files/").contains("access_token=");
        return r.json();
    }

    private Api.Response relative(String token, String doc, String name, String overwrite) {
        return overwrite == null
                ? wopi(token, "POST", doc, "", "overwritten".getBytes(), "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-RelativeTarget", name)
                : wopi(token, "POST", doc, "", "overwritten".getBytes(), "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-RelativeTarget", name,
                "X-WOPI-OverwriteRelativeTarget", overwrite);
    }

    /** {id, token} of a Url answered by PutRelativeFile. */
    private static String[] target(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String id = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        String token = uri.getQuery().substring(uri.getQuery().indexOf("access_token=") + "access_token=".length());
        return new String[]{id, token};
    }

    // --- rename and delete ----------------------------------------------------------------------------------

    @Test
    void renameKeepsTheExtensionDecodesUtf7AndRefusesBadNames() {
        String doc = created(alice.upload(folder, "draft.docx", "content".getBytes()));
        String t = token(alice, doc, "edit");

        // ... and names that lie (issue 20): a right-to-left override, a zero-width space
        for (String bad : new String[]{"a/b", "+AFw-..+AFw-etc", "con+AAE-trol", "", "x".repeat(300), "invoice+IC4-xcod", "re+IAs-port"}) {
            Api.Response r = wopi(t, "POST", doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", bad);
            assertThat(r.status()).as("rename to '" + bad + "'").isEqualTo(400);
            assertThat(r.header("X-WOPI-InvalidFileNameError")).as("rename to '" + bad + "'").isNotBlank();
        }
        assertThat(name(doc)).isEqualTo("draft.docx");

        Api.Response ok = wopi(t, "POST", doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", "madeup+AF8-renamed", "X-WOPI-Lock", "");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().getString("Name")).isEqualTo("madeup_renamed");
        assertThat(name(doc)).isEqualTo("madeup_renamed.docx");
        assertThat(wopi(t, "GET", doc, "", null).json().getString("BaseFileName")).isEqualTo("madeup_renamed.docx");

        // under a lock, with the lock
        assertThat(lockOp(t, doc, "LOCK", "R").status()).isEqualTo(200);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", "final", "X-WOPI-Lock", "R").status()).isEqualTo(200);
        assertThat(lockOp(t, doc, "UNLOCK", "R").status()).isEqualTo(200);
        assertThat(name(doc)).isEqualTo("final.docx");

        // DeleteFile moves to the trash; the file is then gone for WOPI
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "DELETE").status()).isEqualTo(200);
        assertThat(alice.get("api/v1/documents/" + doc).json().getBoolean("trashed")).isTrue();
        assertThat(wopi(t, "GET", doc, "", null).status()).isEqualTo(404);
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", "again").status()).isEqualTo(404);
        // every lock operation too, decided in the operation's own transaction (no look-up before it), and no lock is left
        for (String op : new String[]{"LOCK", "REFRESH_LOCK", "UNLOCK", "GET_LOCK"}) {
            assertThat(lockOp(t, doc, op, "T").status()).as(op + " on a trashed file").isEqualTo(404);
        }
        assertThat(wopi(t, "POST", doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "new", "X-WOPI-OldLock", "T").status()).isEqualTo(404);
        assertThat(alice.get("api/v1/documents/" + doc).json().containsKey("lockKind")).isFalse();
    }

    @Test
    void aGroupMembershipRemovedCountsOnTheNextTokenRequest() {
        // the token's user is read with its groups once per request; those groups decide the ACL, never older ones
        String group = "wg-" + run;
        assertThat(admin.postJson("api/v1/groups", "{\"name\":\"" + group + "\"}").status()).isEqualTo(201);
        Api gina = user("gina-" + run);
        String area = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + folder + "\",\"name\":\"group-area\"}"));
        putAcl("folders/" + area, "{\"inherit\":false,\"entries\":[{\"principal\":\"group:" + group
                + "\",\"role\":\"editor\",\"effect\":\"allow\"}]}");
        String doc = created(admin.upload(area, "team.docx", "team".getBytes()));
        assertThat(gina.get("api/v1/documents/" + doc).status()).as("not a member yet").isEqualTo(404);

        assertThat(members(group, "[\"gina-" + run + "\"]").status()).isEqualTo(200);
        String t = token(gina, doc, "edit");
        Api.Response info = wopi(t, "GET", doc, "", null);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.json().getBoolean("UserCanWrite")).isTrue();

        assertThat(members(group, "[]").status()).isEqualTo(200);
        assertThat(wopi(t, "GET", doc, "", null).status()).as("CheckFileInfo after the removal").isIn(401, 404);
        assertThat(lockOp(t, doc, "LOCK", "G").status()).as("Lock after the removal").isIn(401, 404);
        assertThat(wopi(t, "POST", doc, "/contents", "evil".getBytes(), "X-WOPI-Override", "PUT").status()).isIn(401, 404);
        assertThat(admin.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("team".getBytes()));
        assertThat(admin.get("api/v1/documents/" + doc).json().containsKey("lockKind")).isFalse();
    }

    private Api.Response members(String group, String json) {
        return admin.send(admin.request("api/v1/admin/groups/" + group + "/members").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    // --- hostile inputs -----------------------------------------------------------------------------------

    @Test
    void forgedAndMisusedTokensAreRefusedAndChangeNothing() {
        String doc = created(alice.upload(folder, "secret.docx", "content".getBytes()));
        String other = created(bob.upload(folder, "other.docx", "other".getBytes()));
        String t = token(alice, doc, "edit");

        String[] parts = t.split("\\.");
        String forgedSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String forgedPayload = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(doc, other).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        for (String bad : new String[]{forgedSignature, forgedPayload, unsigned, "INVALID", ""}) {
            assertThat(wopi(bad, "GET", doc, "", null).status()).as("CheckFileInfo with " + bad).isIn(401, 404);
            assertThat(wopi(bad, "GET", other, "/contents", null).status()).isIn(401, 404);
            assertThat(lockOp(bad, doc, "LOCK", "L").status()).isIn(401, 404);
            assertThat(wopi(bad, "POST", other, "/contents", "evil".getBytes(), "X-WOPI-Override", "PUT").status()).isIn(401, 404);
        }
        // a valid token for another document
        assertThat(wopi(t, "GET", other, "", null).status()).isEqualTo(401);
        assertThat(lockOp(t, other, "LOCK", "L").status()).isEqualTo(401);
        assertThat(wopi(t, "POST", other, "/contents", "evil".getBytes(), "X-WOPI-Override", "PUT").status()).isEqualTo(401);
        // a WOPI token is no credential for the REST API
        Api.Response rest = client.send(client.request("api/v1/documents/" + doc).header("Authorization", "Bearer " + t).GET());
        assertThat(rest.status()).isEqualTo(401);
        // the Bearer header is read on WOPI paths when the query has no token
        Api.Response bearer = client.send(client.request("wopi/files/" + doc).header("Authorization", "Bearer " + t).GET());
        assertThat(bearer.status()).isEqualTo(200);

        assertThat(versions(doc)).isEqualTo(1);
        assertThat(versions(other)).isEqualTo(1);
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(bob.get("api/v1/documents/" + other + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(admin.get("api/v1/audit?type=TOKEN_REJECTED&size=500").json().getInt("total")).isGreaterThan(0);
    }

    @Test
    void permissionsRevokedAfterIssueAreHonoured() {
        String doc = created(alice.upload(folder, "revoked.docx", "content".getBytes()));
        String t = token(bob, doc, "edit");
        putAcl("documents/" + doc, "{\"inherit\":true,\"entries\":[{\"principal\":\"user:bob-" + run
                + "\",\"permissions\":[\"WRITE\",\"REVIEW\",\"COMMENT\",\"FILL_FORMS\"],\"effect\":\"deny\"}]}");
        JsonObject cfi = wopi(t, "GET", doc, "", null).json();
        assertThat(cfi.getBoolean("UserCanWrite")).isFalse();
        assertThat(cfi.getBoolean("UserCanReview")).isFalse();
        assertThat(cfi.getBoolean("UserCanOnlyComment")).isFalse();
        assertThat(lockOp(t, doc, "LOCK", "L").status()).isEqualTo(401);
        assertThat(wopi(t, "POST", doc, "/contents", new byte[0], "X-WOPI-Override", "PUT").status()).isEqualTo(401);
        assertThat(versions(doc)).isEqualTo(1);
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
    }

    /**
     * Review- and comment-only people edit in ONLYOFFICE's review/comment mode (it opens for editing when
     * UserCanReview or UserCanOnlyComment), so their session's lock and save are accepted — the editor enforced the
     * mode. What needs WRITE outside an editor stays refused (rename, REST upload).
     */
    @Test
    void reviewersAndCommentersSaveThroughTheEditor() {
        String doc = created(alice.upload(folder, "review.docx", "draft".getBytes()));
        Api rita = user("rita-" + run);
        Api cora = user("cora-" + run);
        putAcl("documents/" + doc, "{\"inherit\":true,\"entries\":["
                + "{\"principal\":\"user:rita-" + run + "\",\"role\":\"reviewer\",\"effect\":\"allow\"},"
                + "{\"principal\":\"user:cora-" + run + "\",\"role\":\"commenter\",\"effect\":\"allow\"}]}");
        String ritaToken = token(rita, doc, "edit");
        JsonObject reviewer = wopi(ritaToken, "GET", doc, "", null).json();
        assertThat(reviewer.getBoolean("UserCanWrite")).isFalse();
        assertThat(reviewer.getBoolean("ReadOnly")).isTrue();
        assertThat(reviewer.getBoolean("SupportsReviewing")).isTrue();
        assertThat(reviewer.getBoolean("UserCanReview")).isTrue();
        assertThat(reviewer.getBoolean("UserCanOnlyComment")).isFalse();
        assertThat(reviewer.getBoolean("UserCanRename")).isFalse();
        String coraToken = token(cora, doc, "edit");
        JsonObject commenter = wopi(coraToken, "GET", doc, "", null).json();
        assertThat(commenter.getBoolean("UserCanReview")).isFalse();
        assertThat(commenter.getBoolean("UserCanOnlyComment")).isTrue();
        String viewerToken = token(vic, doc, "edit");
        JsonObject viewer = wopi(viewerToken, "GET", doc, "", null).json();
        assertThat(viewer.getBoolean("UserCanReview")).isFalse();
        assertThat(viewer.getBoolean("UserCanOnlyComment")).isFalse();

        assertThat(lockOp(ritaToken, doc, "LOCK", doc).status()).isEqualTo(200);
        assertThat(lockOp(coraToken, doc, "LOCK", doc).status()).isEqualTo(200); // joins the same session
        assertThat(lockOp(viewerToken, doc, "LOCK", doc).status()).isEqualTo(401);
        Api.Response put = wopi(coraToken, "POST", doc, "/contents", "draft + comment".getBytes(),
                "X-WOPI-Override", "PUT", "X-WOPI-Lock", doc, "X-WOPI-Editors", "cora-" + run);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(wopi(viewerToken, "POST", doc, "/contents", "evil".getBytes(), "X-WOPI-Override", "PUT", "X-WOPI-Lock", doc).status()).isEqualTo(401);
        assertThat(wopi(ritaToken, "POST", doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-Lock", doc,
                "X-WOPI-RequestedName", "renamed").status()).isEqualTo(401);
        assertThat(lockOp(ritaToken, doc, "UNLOCK", doc).status()).isEqualTo(200);

        assertThat(versions(doc)).isEqualTo(2);
        assertThat(admin.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("draft + comment".getBytes()));
        assertThat(name(doc)).isEqualTo("review.docx");
        Api.Response restUpload = rita.send(rita.request("api/v1/documents/" + doc + "/content")
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofString("rest")));
        assertThat(restUpload.status()).isEqualTo(403);
        assertThat(versions(doc)).isEqualTo(2);
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
    }

    @Test
    void oversizedPutFileIs413AndStoresNothing() throws IOException {
        String doc = created(alice.upload(folder, "big.docx", "content".getBytes()));
        String t = token(alice, doc, "edit");
        assertThat(lockOp(t, doc, "LOCK", "L").status()).isEqualTo(200);
        Path tooBig = Files.createTempFile("wopi-big", ".bin");
        try (OutputStream out = Files.newOutputStream(tooBig)) {
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written <= RestApiIT.UPLOAD_LIMIT; written += chunk.length) {
                out.write(chunk);
            }
        }
        try {
            Api.Response declared = client.send(client.request(path(doc, "/contents", t)).expectContinue(true)
                    .header("X-WOPI-Override", "PUT").header("X-WOPI-Lock", "L").POST(HttpRequest.BodyPublishers.ofFile(tooBig)));
            assertThat(declared.status()).isEqualTo(413);
            Api.Response streamed = client.send(client.request(path(doc, "/contents", t))
                    .header("X-WOPI-Override", "PUT").header("X-WOPI-Lock", "L").POST(HttpRequest.BodyPublishers.ofInputStream(() -> open(tooBig))));
            assertThat(streamed.status()).isEqualTo(413);
        } finally {
            Files.delete(tooBig);
        }
        assertThat(versions(doc)).isEqualTo(1);
        Api.Response small = wopi(t, "GET", doc, "/contents", null, "X-WOPI-MaxExpectedSize", "3");
        assertThat(small.status()).isEqualTo(412);
        assertThat(lockOp(t, doc, "UNLOCK", "L").status()).isEqualTo(200);
    }

    @Test
    void untrustedSourcesAreRefusedWith403() {
        String doc = created(alice.upload(folder, "net.docx", "content".getBytes()));
        String t = token(alice, doc, "edit");
        // the test client is a trusted proxy (127.0.0.1); the client it forwards for is what counts
        for (String forwarded : new String[]{"203.0.113.9", "127.0.0.1, 203.0.113.9", "203.0.113.9, 127.0.0.1"}) {
            Api.Response r = client.send(client.request(path(doc, "", t)).header("X-Forwarded-For", forwarded)
                    .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "L").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(r.status()).as("X-Forwarded-For: " + forwarded).isEqualTo(403);
            Api.Response put = client.send(client.request(path(doc, "/contents", t)).header("X-Forwarded-For", forwarded)
                    .header("X-WOPI-Override", "PUT").POST(HttpRequest.BodyPublishers.ofString("evil")));
            assertThat(put.status()).isEqualTo(403);
        }
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(versions(doc)).isEqualTo(1);
        Api.Response audit = admin.get("api/v1/audit?type=UNTRUSTED_SOURCE_REJECTED&size=500");
        assertThat(audit.body()).contains("\"address\":\"203.0.113.9\"");
        // a trusted client behind the proxy is served
        Api.Response fine = client.send(client.request(path(doc, "", t)).header("X-Forwarded-For", "127.0.0.5").GET());
        assertThat(fine.status()).isEqualTo(200);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private String token(Api user, String doc, String action) {
        Api.Response r = user.get("api/v1/documents/" + doc + "/wopi?action=" + action);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getString("accessToken");
    }

    private static String path(String doc, String suffix, String token) {
        return "wopi/files/" + doc + suffix + "?access_token=" + Api.enc(token);
    }

    private Api.Response wopi(String token, String method, String doc, String suffix, byte[] body, String... headers) {
        HttpRequest.Builder b = client.request(path(doc, suffix, token));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if ("GET".equals(method)) {
            b.GET();
        } else {
            b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return client.send(b);
    }

    /** ONLYOFFICE's "Save copy as": PutRelativeFile with only a suggested extension; answers the new file's name. */
    private String saveCopyAs(String token, String doc, String content) {
        Api.Response r = wopi(token, "POST", doc, "", content.getBytes(StandardCharsets.UTF_8),
                "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-SuggestedTarget", ".docx");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonObject answer = r.json();
        assertThat(answer.getString("Url")).contains("/wopi/files/").contains("access_token=");
        return answer.getString("Name");
    }

    private Api.Response lockOp(String token, String doc, String override, String lock) {
        return wopi(token, "POST", doc, "", null, "X-WOPI-Override", override, "X-WOPI-Lock", lock);
    }

    private static void assertConflict(Api.Response r, String currentLock) {
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.raw().headers().firstValue("X-WOPI-Lock")).as("X-WOPI-Lock on a 409").hasValue(currentLock);
    }

    private Api user(String login) {
        return admin.newUser(login, PASSWORD);
    }

    private void putAcl(String item, String json) {
        admin.putAcl(item, json);
    }

    private int versions(String doc) {
        return admin.get("api/v1/documents/" + doc + "/versions").json().getInt("total");
    }

    private String name(String doc) {
        return admin.get("api/v1/documents/" + doc).json().getString("name");
    }


    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
