package org.quire.web.it;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;
import static org.quire.web.it.DocumentServerDouble.TokenForm;

/**
 * The ONLYOFFICE API route over real HTTP against a Document Server double (docs/ARCHITECTURE.md,
 * "ONLYOFFICE API route"): editor configs per ACL, the signed file link, every callback status, idempotent
 * saves, refused tokens and origins, document keys and cross-route locking.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OnlyofficeIT {

    static final String PASSWORD = "user-password-1";
    static DocumentServerDouble ds;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    URI quire;
    Api admin;
    Api editor;
    Api editor2;
    Api viewer;
    String run;
    String folder;

    @BeforeAll
    static void startDocumentServer() {
        ds = DocumentServerDouble.start();
    }

    @AfterAll
    static void stopDocumentServer() {
        if (ds != null) {
            ds.close();
        }
    }

    @BeforeEach
    void setUp() {
        quire = RestApiIT.loopback(base);
        Workspace w = Workspace.create(quire, "oo").grant(PASSWORD, "ed", "editor", "ed2", "editor", "vw", "viewer");
        admin = w.admin;
        run = w.run;
        folder = w.folder;
        editor = w.user("ed");
        editor2 = w.user("ed2");
        viewer = w.user("vw");
    }

    // --- editor config ------------------------------------------------------------------------------------

    @Test
    void editorsGetAnEditConfigViewersAViewConfigBothSignedAndWithOneKey() {
        String doc = created(editor.upload(folder, "report.docx", "v1".getBytes()));
        JsonObject edit = config(editor, doc, "edit");
        assertThat(edit.getString("documentType")).isEqualTo("word");
        assertThat(edit.getString("type")).isEqualTo("desktop");
        assertThat(edit.getJsonObject("editorConfig").getString("mode")).isEqualTo("edit");
        assertThat(edit.getJsonObject("document").getJsonObject("permissions").getBoolean("edit")).isTrue();
        assertThat(edit.getJsonObject("document").getString("fileType")).isEqualTo("docx");
        assertThat(edit.getJsonObject("editorConfig").getJsonObject("user").getString("id")).isEqualTo("ed-" + run);
        assertThat(edit.getJsonObject("editorConfig").getJsonObject("coEditing").getString("mode")).isEqualTo("fast");
        assertThat(edit.getJsonObject("editorConfig").getJsonObject("customization").getBoolean("forcesave")).isTrue();
        assertThat(edit.getJsonObject("editorConfig").getString("callbackUrl")).contains("/onlyoffice/callback/" + doc + "?t=");
        String key = key(edit);
        assertThat(key).matches("[0-9A-Za-z._=-]{1,128}");

        // the token is the config, signed HS256 with the shared secret: the signed permissions are the ones that count
        Claims signed = verify(edit.getString("token"));
        assertThat(((Map<?, ?>) signed.get("document")).get("key")).isEqualTo(key);
        assertThat(((Map<?, ?>) ((Map<?, ?>) signed.get("document")).get("permissions")).get("edit")).isEqualTo(true);
        assertThat(((Map<?, ?>) signed.get("editorConfig")).get("mode")).isEqualTo("edit");

        JsonObject view = config(viewer, doc, "edit");
        assertThat(view.getJsonObject("editorConfig").getString("mode")).isEqualTo("view");
        assertThat(view.getJsonObject("document").getJsonObject("permissions").getBoolean("edit")).isFalse();
        assertThat(view.getJsonObject("document").getJsonObject("permissions").getBoolean("download")).isTrue();
        assertThat(((Map<?, ?>) verify(view.getString("token")).get("editorConfig")).get("mode")).isEqualTo("view");
        assertThat(key(view)).as("co-editors and viewers share the key of the saved state").isEqualTo(key);

        // view-only formats open in view mode even for an editor; unknown formats are refused
        String legacy = created(editor.upload(folder, "old.doc", "legacy".getBytes()));
        assertThat(config(editor, legacy, "edit").getJsonObject("editorConfig").getString("mode")).isEqualTo("view");
        String zip = created(editor.upload(folder, "a.zip", "zip".getBytes()));
        assertThat(editor.get("api/v1/documents/" + zip + "/onlyoffice").status()).isEqualTo(400);
        assertThat(editor.get("api/v1/documents/" + doc + "/onlyoffice?mode=write").status()).isEqualTo(400);
        assertThat(user("stranger-" + run).get("api/v1/documents/" + doc + "/onlyoffice").status()).isEqualTo(404);
    }

    @Test
    void theDocumentServerDownloadsTheFileWithTheSignedLinkAndItsOwnToken() {
        byte[] content = ("content " + run).getBytes();
        String doc = created(editor.upload(folder, "file.docx", content));
        String url = config(viewer, doc, "view").getJsonObject("document").getString("url");
        Api.Response ok = ds.download(quire, url, true);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(new String(content));
        assertThat(ds.download(quire, url, false).status()).as("no Document Server token").isEqualTo(401);
        assertThat(ds.download(quire, url.replace("?t=", "?t=x"), true).status()).as("forged link").isEqualTo(401);
        String otherDoc = created(editor.upload(folder, "other.docx", "x".getBytes()));
        assertThat(ds.download(quire, url.replace(doc, otherDoc), true).status()).as("link of another document").isEqualTo(401);
    }

    // --- callbacks ----------------------------------------------------------------------------------------

    @Test
    void aSessionLocksForceSavesKeepKeyAndLockAndTheFinalSaveStoresReleasesAndRotates() {
        String doc = created(editor.upload(folder, "session.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        String user = "ed-" + run;

        // status 1: an editor-session lock keyed by the document key
        ok(ds.callback(quire, callbackUrl, fields(key, 1, null, user, Map.of("type", 1, "userid", user)), TokenForm.BOTH));
        JsonObject lock = editor.get("api/v1/documents/" + doc + "/lock").json();
        assertThat(lock.getString("kind")).isEqualTo("EDITOR_SESSION");
        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getString("lockId")).isEqualTo(key);

        // cross-route: someone else's REST upload is refused while the session lives
        Api.Response blocked = editor2.putContent(doc, "rest".getBytes());
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
        assertThat(blocked.json().getString("error")).isEqualTo("locked");

        // status 6 (body token only): a version, key and lock kept
        String forced = ds.serve("v2 forced".getBytes());
        Map<String, Object> force = fields(key, 6, forced, user, Map.of("type", 2, "userid", user));
        force.put("forcesavetype", 1);
        force.put("lastsave", "2026-01-01T10:00:00.000Z");
        ok(ds.callback(quire, callbackUrl, force, TokenForm.BODY));
        assertThat(versions(doc)).hasSize(2);
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v2 forced".getBytes()));
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getString("kind")).isEqualTo("EDITOR_SESSION");
        assertThat(key(config(editor2, doc, "edit"))).as("force-save keeps the key").isEqualTo(key);

        // status 2 (header token only): the final save
        String saved = ds.serve("v3 final".getBytes());
        Map<String, Object> save = fields(key, 2, saved, user, Map.of("type", 0, "userid", user));
        save.put("lastsave", "2026-01-01T10:05:00.000Z");
        ok(ds.callback(quire, callbackUrl, save, TokenForm.HEADER));
        List<JsonObject> versions = versions(doc);
        assertThat(versions).hasSize(3);
        JsonObject newest = versions.stream().filter(v -> v.getInt("number") == 3).findFirst().orElseThrow();
        assertThat(newest.getString("source")).isEqualTo("ONLYOFFICE");
        assertThat(newest.getString("author")).isEqualTo(user);
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(key(config(editor, doc, "edit"))).as("a final save rotates the key").isNotEqualTo(key);

        // the same save delivered again: one version, not even fetched again
        int fetched = ds.fetches(saved);
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));
        assertThat(versions(doc)).hasSize(3);
        assertThat(ds.fetches(saved)).isEqualTo(fetched);
        ok(ds.callback(quire, callbackUrl, force, TokenForm.BOTH));
        assertThat(versions(doc)).hasSize(3);

        // the editor-session lock let REST in again
        assertThat(editor2.putContent(doc, "rest".getBytes()).status()).isEqualTo(200);
    }

    /**
     * ONLYOFFICE opens for editing in review or comment mode for people with REVIEW or COMMENT only; what their
     * session saves is kept. While their session lives, a WOPI Lock by someone else is refused (cross-route).
     */
    @Test
    void reviewersAndCommentersEditInTheirModeAndTheirSavesAreKept() throws java.io.IOException {
        String doc = created(editor.upload(folder, "review.docx", "v1".getBytes()));
        Api reviewer = user("rv-" + run);
        Api commenter = user("cm-" + run);
        Api.Response acl = admin.send(admin.request("api/v1/documents/" + doc + "/acl").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inherit\":true,\"entries\":["
                        + "{\"principal\":\"user:rv-" + run + "\",\"role\":\"reviewer\",\"effect\":\"allow\"},"
                        + "{\"principal\":\"user:cm-" + run + "\",\"role\":\"commenter\",\"effect\":\"allow\"}]}")));
        assertThat(acl.status()).as(acl.toString()).isEqualTo(200);

        JsonObject review = config(reviewer, doc, "edit");
        assertThat(review.getJsonObject("editorConfig").getString("mode")).isEqualTo("edit");
        JsonObject reviewPermissions = review.getJsonObject("document").getJsonObject("permissions");
        assertThat(reviewPermissions.getBoolean("edit")).isFalse();
        assertThat(reviewPermissions.getBoolean("review")).isTrue();
        assertThat(reviewPermissions.getBoolean("comment")).isTrue();
        assertThat(((Map<?, ?>) ((Map<?, ?>) verify(review.getString("token")).get("document")).get("permissions")).get("review")).isEqualTo(true);
        JsonObject comment = config(commenter, doc, "edit");
        assertThat(comment.getJsonObject("editorConfig").getString("mode")).isEqualTo("edit");
        JsonObject commentPermissions = comment.getJsonObject("document").getJsonObject("permissions");
        assertThat(commentPermissions.getBoolean("edit")).isFalse();
        assertThat(commentPermissions.getBoolean("review")).isFalse();
        assertThat(commentPermissions.getBoolean("comment")).isTrue();

        String key = key(review);
        String callbackUrl = review.getJsonObject("editorConfig").getString("callbackUrl");
        String rv = "rv-" + run;
        ok(ds.callback(quire, callbackUrl, fields(key, 1, null, rv, Map.of("type", 1, "userid", rv)), TokenForm.BOTH));
        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getString("kind")).isEqualTo("EDITOR_SESSION");

        // cross-route: a WOPI client asking for a lock on behalf of an editor is refused while the session lives
        try (WopiClientDouble wopiClient = new WopiClientDouble()) {
            String wopiToken = editor2.get("api/v1/documents/" + doc + "/wopi?action=edit").json().getString("accessToken");
            Api client = admin.as(null, null).signingWith(wopiClient);
            Api.Response wopiLock = client.send(client.request("wopi/files/" + doc + "?access_token=" + Api.enc(wopiToken))
                    .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "wopi-lock").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(wopiLock.status()).as(wopiLock.toString()).isEqualTo(409);
            assertThat(wopiLock.raw().headers().firstValue("X-WOPI-Lock")).hasValue("");
        }

        String saved = ds.serve("v2 reviewed".getBytes());
        Map<String, Object> save = fields(key, 2, saved, rv, Map.of("type", 0, "userid", rv));
        save.put("lastsave", "2026-01-02T09:00:00.000Z");
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));
        List<JsonObject> versions = versions(doc);
        assertThat(versions).hasSize(2);
        assertThat(versions.stream().filter(v -> v.getInt("number") == 2).findFirst().orElseThrow().getString("author")).isEqualTo(rv);
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v2 reviewed".getBytes()));
        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        // outside the editor a reviewer still cannot write
        assertThat(reviewer.putContent(doc, "rest".getBytes()).status()).isEqualTo(403);
        assertThat(versions(doc)).hasSize(2);
    }

    /** A save the Document Server could not deliver at first (HTTP 500 from Quire) is delivered again and stored once. */
    @Test
    void aSaveThatFailedIsDeliveredAgainAndStoredOnce() {
        String doc = created(editor.upload(folder, "retry.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        String user = "ed-" + run;
        ok(ds.callback(quire, callbackUrl, fields(key, 1, null, user, Map.of("type", 1, "userid", user)), TokenForm.BOTH));

        String saved = ds.serveFailingFirst("v2 after a retry".getBytes(), 2);
        Map<String, Object> save = fields(key, 2, saved, user, Map.of("type", 0, "userid", user));
        save.put("lastsave", "2026-01-03T11:00:00.000Z");
        DocumentServerDouble.Delivery delivery = ds.callbackWithRetries(quire, callbackUrl, save, 5);
        ok(delivery.last());
        assertThat(delivery.deliveries()).as("two failed deliveries (HTTP 500, error 1), then the stored one").isEqualTo(3);
        assertThat(ds.fetches(saved)).isEqualTo(3);
        assertThat(versions(doc)).hasSize(2);
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v2 after a retry".getBytes()));
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=EDITOR_SAVE_FAILED").json().getInt("total")).isEqualTo(2);
        // delivered once more after success (the real server may): still one version
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));
        assertThat(versions(doc)).hasSize(2);
    }

    @Test
    void closingWithoutChangesReleasesKeepsTheKeyAndStoresNothing() {
        String doc = created(editor.upload(folder, "close.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        ok(ds.callback(quire, callbackUrl, fields(key, 1, null, "ed-" + run, Map.of("type", 1, "userid", "ed-" + run)), TokenForm.BOTH));
        ok(ds.callback(quire, callbackUrl, fields(key, 4, null, null, null), TokenForm.BOTH));
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(versions(doc)).hasSize(1);
        assertThat(key(config(editor, doc, "edit"))).isEqualTo(key);
        // status 7 is recorded and answered; status 3 still stores what was assembled
        ok(ds.callback(quire, callbackUrl, fields(key, 7, null, null, null), TokenForm.BOTH));
        assertThat(versions(doc)).hasSize(1);
        String assembled = ds.serve("v2 with errors".getBytes());
        ok(ds.callback(quire, callbackUrl, fields(key, 3, assembled, "ed-" + run, null), TokenForm.BOTH));
        assertThat(versions(doc)).hasSize(2);
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=EDITOR_SAVE_FAILED").json().getInt("total")).isEqualTo(2);
    }

    @Test
    void badTokensAreRefusedAndChangeNothing() {
        String doc = created(editor.upload(folder, "tokens.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        String url = ds.serve("evil".getBytes());
        Map<String, Object> save = fields(key, 2, url, "ed-" + run, null);
        long now = System.currentTimeMillis() / 1000;

        String wrongSecret = DocumentServerDouble.sign(save, "another-secret-another-secret-0123456789", Duration.ofMinutes(5));
        String algNone = b64("{\"alg\":\"none\"}") + "." + b64(DocumentServerDouble.json(withExp(save, now + 300))) + ".";
        String expired = Jwts.builder().claims(save).issuedAt(new java.util.Date((now - 900) * 1000)).expiration(new java.util.Date((now - 600) * 1000))
                .signWith(new SecretKeySpec(DocumentServerDouble.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256).compact();
        for (String[] tokens : new String[][]{{wrongSecret, null}, {null, wrongSecret}, {algNone, null}, {expired, null}, {null, null}}) {
            Api.Response r = ds.post(quire, callbackUrl, save, tokens[0], tokens[1]);
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.json().getInt("error")).isEqualTo(1);
        }
        Api.Response noLink = ds.callback(quire, callbackUrl.substring(0, callbackUrl.indexOf('?')), save, TokenForm.BOTH);
        assertThat(noLink.status()).isEqualTo(403);
        assertThat(ds.fetches(url)).isZero();
        assertThat(versions(doc)).hasSize(1);
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=CALLBACK_REJECTED").json().getInt("total")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theVerifiedTokenDecidesNotTheUnsignedBody() {
        String doc = created(editor.upload(folder, "mismatch.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        String signedUrl = ds.serve("signed content".getBytes());
        String bodyUrl = ds.serve("unsigned content".getBytes());
        Map<String, Object> signed = fields(key, 2, signedUrl, "ed-" + run, null);
        Map<String, Object> body = fields(key, 2, bodyUrl, "ed2-" + run, null);
        ok(ds.post(quire, callbackUrl, body, DocumentServerDouble.sign(signed, DocumentServerDouble.SECRET, Duration.ofMinutes(5)), null));
        assertThat(ds.fetches(bodyUrl)).isZero();
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("signed content".getBytes()));
        assertThat(versions(doc).stream().filter(v -> v.getInt("number") == 2).findFirst().orElseThrow().getString("author")).isEqualTo("ed-" + run);
    }

    @Test
    void aSavedFileOnAnotherOriginIsNeverFetched() {
        String doc = created(editor.upload(folder, "ssrf.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        // the double's own file, but named by another origin (localhost is not the configured 127.0.0.1)
        String foreign = ds.serve("ssrf".getBytes()).replace("127.0.0.1", "localhost");
        Api.Response r = ds.callback(quire, callbackUrl, fields(key(config), 2, foreign, "ed-" + run, null), TokenForm.BOTH);
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(ds.fetches(foreign)).isZero();
        assertThat(versions(doc)).hasSize(1);
    }

    @Test
    void concurrentDeliveriesOfOneSaveStoreOneVersion() throws Exception {
        String doc = created(editor.upload(folder, "race.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        Map<String, Object> save = fields(key(config), 2, ds.serve("raced".getBytes()), "ed-" + run, null);
        save.put("lastsave", "2026-01-01T11:00:00.000Z");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> ds.callback(quire, callbackUrl, save, TokenForm.BOTH)));
            }
            for (var answer : answers) {
                ok(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions(doc)).hasSize(2);
    }

    @Test
    void viewersCannotJoinAnEditingSessionAndJoinsAreAudited() {
        String doc = created(editor.upload(folder, "join.docx", "v1".getBytes()));
        JsonObject viewerConfig = config(viewer, doc, "view");
        String key = key(viewerConfig);
        Api.Response refused = ds.callback(quire, viewerConfig.getJsonObject("editorConfig").getString("callbackUrl"),
                fields(key, 1, null, "vw-" + run, Map.of("type", 1, "userid", "vw-" + run)), TokenForm.BOTH);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();

        String callbackUrl = config(editor, doc, "edit").getJsonObject("editorConfig").getString("callbackUrl");
        ok(ds.callback(quire, callbackUrl, fields(key, 1, null, "ed-" + run, Map.of("type", 1, "userid", "ed-" + run)), TokenForm.BOTH));
        ok(ds.callback(quire, callbackUrl, fields(key, 1, null, "ed-" + run, Map.of("type", 0, "userid", "ed2-" + run)), TokenForm.BOTH));
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=EDITOR_JOINED").json().getInt("total")).isEqualTo(1);
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=EDITOR_LEFT").json().getInt("total")).isEqualTo(1);

        // a final save with nothing modified: no version, but the session ends and the key is new
        Map<String, Object> unchanged = fields(key, 2, ds.serve("same".getBytes()), "ed-" + run, null);
        unchanged.put("notmodified", true);
        ok(ds.callback(quire, callbackUrl, unchanged, TokenForm.BOTH));
        assertThat(versions(doc)).hasSize(1);
        assertThat(ds.fetches((String) unchanged.get("url"))).isZero();
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(key(config(editor, doc, "edit"))).isNotEqualTo(key);
    }

    @Test
    void aCheckOutBlocksTheEditorSessionAndItsSaves() {
        String doc = created(editor.upload(folder, "checkout.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc, "edit");
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        assertThat(editor2.post("api/v1/documents/" + doc + "/checkout").status()).isEqualTo(200);
        assertThat(config(editor, doc, "edit").getJsonObject("editorConfig").getString("mode"))
                .as("someone else's check-out: view only").isEqualTo("view");
        Api.Response join = ds.callback(quire, callbackUrl, fields(key(config), 1, null, "ed-" + run, Map.of("type", 1, "userid", "ed-" + run)), TokenForm.BOTH);
        assertThat(join.status()).as(join.toString()).isEqualTo(409);
        String url = ds.serve("blocked".getBytes());
        Api.Response save = ds.callback(quire, callbackUrl, fields(key(config), 2, url, "ed-" + run, null), TokenForm.BOTH);
        assertThat(save.status()).as(save.toString()).isEqualTo(409);
        assertThat(ds.fetches(url)).as("refused before fetching").isZero();
        assertThat(versions(doc)).hasSize(1);
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getString("kind")).isEqualTo("CHECKOUT");
    }

    @Test
    void aRestUploadGivesANewKey() {
        String doc = created(editor.upload(folder, "rest.docx", "v1".getBytes()));
        String key = key(config(editor, doc, "edit"));
        assertThat(key(config(editor, doc, "edit"))).isEqualTo(key);
        assertThat(editor.putContent(doc, "v2".getBytes()).status()).isEqualTo(200);
        assertThat(key(config(editor, doc, "edit"))).isNotEqualTo(key);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private JsonObject config(Api api, String doc, String mode) {
        Api.Response r = api.get("api/v1/documents/" + doc + "/onlyoffice?mode=" + mode);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static String key(JsonObject config) {
        return config.getJsonObject("document").getString("key");
    }

    private static Claims verify(String token) {
        return Jwts.parser().verifyWith(new SecretKeySpec(DocumentServerDouble.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build().parseSignedClaims(token).getPayload();
    }

    private static Map<String, Object> fields(String key, int status, String url, String user, Map<String, Object> action) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", key);
        f.put("status", status);
        if (url != null) {
            f.put("url", url);
            f.put("filetype", "docx");
        }
        if (user != null) {
            f.put("users", List.of(user));
        }
        if (action != null) {
            f.put("actions", List.of(action));
        }
        return f;
    }

    private static Map<String, Object> withExp(Map<String, Object> claims, long exp) {
        Map<String, Object> m = new LinkedHashMap<>(claims);
        m.put("exp", exp);
        return m;
    }

    private List<JsonObject> versions(String doc) {
        return editor.get("api/v1/documents/" + doc + "/versions").json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getInt("error")).isZero();
    }

    private Api user(String login) {
        return admin.newUser(login, PASSWORD);
    }


    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
