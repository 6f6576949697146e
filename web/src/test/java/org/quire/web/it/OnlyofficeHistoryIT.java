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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;
import static org.quire.web.it.DocumentServerDouble.TokenForm;

/**
 * The ONLYOFFICE editor's version history over real HTTP against the Document Server double
 * (docs/ARCHITECTURE.md, "ONLYOFFICE history"): what a save stores with its version, refreshHistory,
 * the signed setHistoryData and its links, restore from the editor, and what is never fetched.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OnlyofficeHistoryIT {

    static final String PASSWORD = "user-password-1";
    /** A changes archive as the Document Server builds it: binary, not valid UTF-8. */
    static final byte[] CHANGES_ZIP = {0x50, 0x4b, 0x03, 0x04, (byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, 0x7f, 0x01, (byte) 0xc3, 0x28};
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
        Workspace w = Workspace.create(quire, "oo-hist").grant(PASSWORD, "hed", "editor", "hed2", "editor", "hvw", "viewer");
        admin = w.admin;
        run = w.run;
        folder = w.folder;
        editor = w.user("hed");
        editor2 = w.user("hed2");
        viewer = w.user("hvw");
    }

    @Test
    void aSaveKeepsItsChangesAndHistoryAndTheEditorGetsThemBack() {
        String user = "hed-" + run;
        String doc = created(editor.upload(folder, "history.docx", "v1 uploaded".getBytes()));
        JsonObject config = config(editor, doc);
        String sessionKey = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        ok(ds.callback(quire, callbackUrl, fields(sessionKey, 1, null, user, null, null), TokenForm.BOTH));

        String changesUrl = ds.serveChanges(CHANGES_ZIP);
        Map<String, Object> history = history("8.2.1", user);
        Map<String, Object> save = fields(sessionKey, 2, ds.serve("v2 edited".getBytes()), user, changesUrl, history);
        save.put("lastsave", "2026-02-01T09:00:00.000Z");
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));
        assertThat(ds.fetches(changesUrl)).isEqualTo(1);
        assertThat(editor.putContent(doc, "v3 from REST".getBytes()).status()).as("another route's version").isEqualTo(200);
        String currentKey = key(config(editor2, doc));

        // refreshHistory: every version, oldest first; changes and serverVersion where the save reported them
        JsonObject refresh = ok200(viewer.get("api/v1/documents/" + doc + "/onlyoffice/history"));
        assertThat(refresh.getInt("currentVersion")).isEqualTo(3);
        List<JsonObject> entries = refresh.getJsonArray("history").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getInt("version")).containsExactly(1, 2, 3);
        JsonObject v2 = entries.get(1);
        assertThat(v2.getString("serverVersion")).isEqualTo("8.2.1");
        assertThat(v2.getJsonArray("changes")).hasSize(1);
        assertThat(v2.getJsonArray("changes").getJsonObject(0).getString("created")).isEqualTo("2026-02-01 08:59:30");
        assertThat(v2.getJsonArray("changes").getJsonObject(0).getJsonObject("user").getString("id")).isEqualTo(user);
        assertThat(v2.getJsonObject("user").getString("id")).isEqualTo(user);
        assertThat(v2.getString("created")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(entries.get(0).containsKey("changes")).isFalse();
        assertThat(entries.get(2).containsKey("changes")).isFalse();
        assertThat(entries.get(2).getJsonObject("user").getString("id")).isEqualTo(user);
        assertThat(entries.get(2).getString("key")).as("the current version carries the editor's key").isEqualTo(currentKey);
        assertThat(entries.get(0).getString("key")).as("version 1 under the key it was edited under").isEqualTo(sessionKey);
        Set<String> keys = new HashSet<>();
        entries.forEach(e -> keys.add(e.getString("key")));
        assertThat(keys).hasSize(3).allMatch(k -> k.matches("[0-9A-Za-z._=-]{1,128}"));
        assertThat(ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history")).getJsonArray("history").getJsonObject(1).getString("key"))
                .as("an older version's key is stable").isEqualTo(v2.getString("key"));

        // setHistoryData of version 2: signed, its changes against version 1
        JsonObject data = ok200(viewer.get("api/v1/documents/" + doc + "/onlyoffice/history/2"));
        assertThat(data.getInt("version")).isEqualTo(2);
        assertThat(data.getString("key")).isEqualTo(v2.getString("key"));
        assertThat(data.getString("fileType")).isEqualTo("docx");
        assertThat(data.getJsonObject("previous").getString("key")).isEqualTo(entries.get(0).getString("key"));
        assertThat(data.getJsonObject("previous").getString("fileType")).isEqualTo("docx");
        Claims signed = verify(data.getString("token"));
        assertThat(signed.get("version", Integer.class)).isEqualTo(2);
        assertThat(signed.get("changesUrl", String.class)).isEqualTo(data.getString("changesUrl"));
        assertThat(signed.get("url", String.class)).isEqualTo(data.getString("url"));
        assertThat(((Map<?, ?>) signed.get("previous")).get("key")).isEqualTo(entries.get(0).getString("key"));
        assertThat(((Map<?, ?>) signed.get("previous")).get("url")).isEqualTo(data.getJsonObject("previous").getString("url"));

        // the Document Server fetches the three links with its own token: exact bytes
        HttpResponse<byte[]> archive = ds.downloadBytes(quire, data.getString("changesUrl"), true);
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.body()).isEqualTo(CHANGES_ZIP);
        assertThat(ds.downloadBytes(quire, data.getString("url"), true).body()).isEqualTo("v2 edited".getBytes());
        assertThat(ds.downloadBytes(quire, data.getJsonObject("previous").getString("url"), true).body()).isEqualTo("v1 uploaded".getBytes());
        assertThat(ds.downloadBytes(quire, data.getString("changesUrl"), false).statusCode()).as("no Document Server token").isEqualTo(401);
        String otherDoc = created(editor.upload(folder, "other.docx", "x".getBytes()));
        assertThat(ds.downloadBytes(quire, data.getString("changesUrl").replace(doc, otherDoc), true).statusCode())
                .as("the link of another document").isEqualTo(401);

        // version 1 has no previous; version 3 (REST) has no changes but is shown against version 2
        JsonObject first = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/1"));
        assertThat(first.containsKey("previous")).isFalse();
        assertThat(first.containsKey("changesUrl")).isFalse();
        JsonObject third = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/3"));
        assertThat(third.getString("key")).isEqualTo(currentKey);
        assertThat(third.containsKey("changesUrl")).isFalse();
        assertThat(third.getJsonObject("previous").getString("key")).isEqualTo(v2.getString("key"));
        assertThat(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/9").status()).isEqualTo(404);
        assertThat(user("hst-" + run).get("api/v1/documents/" + doc + "/onlyoffice/history").status()).as("no READ").isEqualTo(404);

        assertThat(audit(doc, "EDITOR_SAVED")).anyMatch(d -> d.contains("changes archive stored (" + CHANGES_ZIP.length + " bytes)"));
    }

    @Test
    void forceSavesAndTheFinalSaveShowTheWholeSessionAgainstItsStart() {
        String user = "hed-" + run;
        String doc = created(editor.upload(folder, "session.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc);
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        Map<String, Object> force = fields(key, 6, ds.serve("v2 forced".getBytes()), user, ds.serveChanges(new byte[]{1, 2}), history("8.2.1", user));
        force.put("forcesavetype", 1);
        force.put("actions", List.of(Map.of("type", 2, "userid", user)));
        force.put("lastsave", "2026-02-01T10:00:00.000Z");
        ok(ds.callback(quire, callbackUrl, force, TokenForm.BOTH));
        Map<String, Object> save = fields(key, 2, ds.serve("v3 final".getBytes()), user, ds.serveChanges(new byte[]{1, 2, 3}), history("8.2.1", user));
        save.put("lastsave", "2026-02-01T10:05:00.000Z");
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));

        JsonObject data = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/3"));
        assertThat(ds.downloadBytes(quire, data.getString("changesUrl"), true).body()).isEqualTo(new byte[]{1, 2, 3});
        assertThat(ds.downloadBytes(quire, data.getJsonObject("previous").getString("url"), true).body())
                .as("the session's changes apply to the version it started from").isEqualTo("v1".getBytes());
        JsonObject forced = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/2"));
        assertThat(ds.downloadBytes(quire, forced.getString("changesUrl"), true).body()).isEqualTo(new byte[]{1, 2});
        assertThat(ds.downloadBytes(quire, forced.getJsonObject("previous").getString("url"), true).body()).isEqualTo("v1".getBytes());
    }

    @Test
    void everyHistoryKeyIsTheKeyTheDocumentServerKnewThatVersionBy() {
        String doc = created(editor.upload(folder, "keys.docx", "v1".getBytes()));
        JsonObject first = config(editor, doc);
        String k1 = key(first);
        String callback1 = joined(first);
        save(callback1, k1, 6, "v2 forced", new byte[]{1}, "2026-02-02T10:00:00.000Z");
        assertThat(key(config(editor2, doc))).as("a co-editor joining after the force-save gets the session's key").isEqualTo(k1);
        List<JsonObject> during = historyEntries(doc);
        assertThat(during.get(0).getString("key")).as("v1: the session started from it").isEqualTo(k1);
        assertThat(during.get(1).getString("key")).as("v2, a force-save intermediate, never shares the session's key").isNotEqualTo(k1);
        save(callback1, k1, 2, "v3 final", new byte[]{1, 2}, "2026-02-02T10:05:00.000Z");

        JsonObject second = config(editor, doc);
        String k2 = key(second);
        assertThat(k2).as("the reopened editor gets a new key").isNotEqualTo(k1);
        save(joined(second), k2, 2, "v4 final", new byte[]{1, 2, 3}, "2026-02-02T11:00:00.000Z");
        String k3 = key(config(editor, doc));

        List<JsonObject> entries = historyEntries(doc);
        assertThat(entries).extracting(e -> e.getInt("version")).containsExactly(1, 2, 3, 4);
        String derived = entries.get(1).getString("key");
        assertThat(entries).extracting(e -> e.getString("key")).containsExactly(k1, derived, k2, k3).doesNotHaveDuplicates();
        assertThat(derived).as("the force-save intermediate's derived key is stable").isEqualTo(during.get(1).getString("key"))
                .startsWith(doc + ".2.h");

        // setHistoryData: key and previous.key, in the answer and in its signed token
        assertHistoryData(doc, 2, derived, k1);
        assertHistoryData(doc, 3, k2, k1);
        assertHistoryData(doc, 4, k3, k2);
        JsonObject v1 = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/1"));
        assertThat(v1.getString("key")).isEqualTo(k1);
        assertThat(verify(v1.getString("token")).get("key")).isEqualTo(k1);
    }

    private void assertHistoryData(String doc, int version, String key, String previousKey) {
        JsonObject data = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/" + version));
        assertThat(data.getString("key")).as("history/%d key", version).isEqualTo(key);
        assertThat(data.getJsonObject("previous").getString("key")).as("history/%d previous.key", version).isEqualTo(previousKey);
        Claims signed = verify(data.getString("token"));
        assertThat(signed.get("key")).isEqualTo(key);
        assertThat(((Map<?, ?>) signed.get("previous")).get("key")).isEqualTo(previousKey);
    }

    /** The editor of {@code config} joined (status 1); its callback URL. */
    private String joined(JsonObject config) {
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        ok(ds.callback(quire, callbackUrl, fields(key(config), 1, null, "hed-" + run, null, null), TokenForm.BOTH));
        return callbackUrl;
    }

    /** A force-save (6) or final save (2) of {@code content} with a changes archive, as the Document Server posts it. */
    private void save(String callbackUrl, String key, int status, String content, byte[] changes, String lastsave) {
        String user = "hed-" + run;
        Map<String, Object> f = fields(key, status, ds.serve(content.getBytes()), user, ds.serveChanges(changes), history("8.2.1", user));
        if (status == 6) {
            f.put("forcesavetype", 1);
        }
        f.put("lastsave", lastsave);
        ok(ds.callback(quire, callbackUrl, f, TokenForm.BOTH));
    }

    private List<JsonObject> historyEntries(String doc) {
        return ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history")).getJsonArray("history").getValuesAs(JsonObject.class);
    }

    @Test
    void aRepeatedDeliveryStoresOneVersionAndOneHistoryRow() {
        String user = "hed-" + run;
        String doc = created(editor.upload(folder, "twice.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        String changesUrl = ds.serveChanges(CHANGES_ZIP);
        Map<String, Object> save = fields(key(config), 2, ds.serve("v2".getBytes()), user, changesUrl, history("8.2.1", user));
        save.put("lastsave", "2026-02-01T11:00:00.000Z");
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BODY));
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));
        assertThat(ds.fetches(changesUrl)).isEqualTo(1);
        List<JsonObject> entries = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history")).getJsonArray("history").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getInt("version")).containsExactly(1, 2);
        assertThat(audit(doc, "EDITOR_SAVED")).hasSize(1);
    }

    @Test
    void aChangesArchiveThatCannotBeFetchedNeverCostsTheSave() {
        String user = "hed-" + run;
        String doc = created(editor.upload(folder, "gap.docx", "v1".getBytes()));
        JsonObject config = config(editor, doc);
        String key = key(config);
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        // the double's own archive, but named by another origin (localhost is not the configured 127.0.0.1)
        String foreign = ds.serveChanges(CHANGES_ZIP).replace("127.0.0.1", "localhost");
        Map<String, Object> force = fields(key, 6, ds.serve("v2 forced".getBytes()), user, foreign, history("8.2.1", user));
        force.put("lastsave", "2026-02-01T12:00:00.000Z");
        ok(ds.callback(quire, callbackUrl, force, TokenForm.BOTH));
        assertThat(ds.fetches(foreign)).as("never fetched").isZero();
        // an archive the Document Server no longer has (404)
        String gone = "http://127.0.0.1:" + DocumentServerDouble.PORT + "/cache/files/" + UUID.randomUUID() + "/changes.zip";
        Map<String, Object> save = fields(key, 2, ds.serve("v3 final".getBytes()), user, gone, history("8.2.1", user));
        save.put("lastsave", "2026-02-01T12:05:00.000Z");
        ok(ds.callback(quire, callbackUrl, save, TokenForm.BOTH));

        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v3 final".getBytes()));
        List<JsonObject> entries = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history")).getJsonArray("history").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getInt("version")).containsExactly(1, 2, 3);
        assertThat(entries.get(2).getJsonArray("changes")).as("the history object is kept even without the archive").hasSize(1);
        JsonObject data = ok200(editor.get("api/v1/documents/" + doc + "/onlyoffice/history/3"));
        assertThat(data.containsKey("changesUrl")).isFalse();
        assertThat(data.getJsonObject("previous").getString("key")).as("without an archive: shown against the version before")
                .isEqualTo(entries.get(1).getString("key"));
        assertThat(audit(doc, "EDITOR_SAVED")).hasSize(2).allMatch(d -> d.contains("history incomplete: changes archive not stored"));
    }

    @Test
    void restoreMakesANewVersionWithTheOldBytesFromInsideTheSessionButNotUnderAnotherLock() {
        String user = "hed-" + run;
        String doc = created(editor.upload(folder, "restore.docx", "v1 original".getBytes()));
        assertThat(editor.putContent(doc, "v2 changed".getBytes()).status()).isEqualTo(200);
        String keyBefore = key(config(editor, doc));

        // from an unlocked document
        JsonObject refresh = ok200(editor.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{\"version\":1}"));
        assertThat(refresh.getInt("currentVersion")).isEqualTo(3);
        List<JsonObject> versions = versions(doc);
        JsonObject v3 = versions.stream().filter(v -> v.getInt("number") == 3).findFirst().orElseThrow();
        assertThat(v3.getString("source")).isEqualTo("RESTORE");
        assertThat(v3.getString("author")).isEqualTo(user);
        assertThat(v3.getString("sha256")).isEqualTo(Api.sha256("v1 original".getBytes()));
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v1 original".getBytes()));
        String keyAfter = key(config(editor, doc));
        assertThat(keyAfter).as("a restore gives the document a new key").isNotEqualTo(keyBefore);
        assertThat(refresh.getJsonArray("history").getJsonObject(2).getString("key")).isEqualTo(keyAfter);

        // from inside the editing session that holds the document
        String callbackUrl = config(editor, doc).getJsonObject("editorConfig").getString("callbackUrl");
        ok(ds.callback(quire, callbackUrl, fields(keyAfter, 1, null, user, null, null), TokenForm.BOTH));
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getString("kind")).isEqualTo("EDITOR_SESSION");
        ok200(editor.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{\"version\":2}"));
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v2 changed".getBytes()));
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).as("the superseded session's lock is gone").isFalse();
        assertThat(key(config(editor, doc))).isNotEqualTo(keyAfter);
        assertThat(versions(doc)).hasSize(4);

        // under another route's lock: 409, nothing stored
        assertThat(editor2.post("api/v1/documents/" + doc + "/checkout").status()).isEqualTo(200);
        Api.Response locked = editor.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{\"version\":1}");
        assertThat(locked.status()).as(locked.toString()).isEqualTo(409);
        assertThat(locked.json().getString("error")).isEqualTo("locked");
        Api.Response own = editor2.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{\"version\":1}");
        assertThat(own.status()).as("a check-out is not the editor session, even the caller's own").isEqualTo(409);
        assertThat(versions(doc)).hasSize(4);
        assertThat(editor2.post("api/v1/documents/" + doc + "/checkin").status()).isEqualTo(200);

        // refused: no WRITE, unknown version, no body
        assertThat(viewer.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{\"version\":1}").status()).isEqualTo(403);
        assertThat(editor.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{\"version\":42}").status()).isEqualTo(404);
        assertThat(editor.postJson("api/v1/documents/" + doc + "/onlyoffice/restore", "{}").status()).isEqualTo(400);
        assertThat(versions(doc)).hasSize(4);
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=VERSION_RESTORED").json().getInt("total")).isEqualTo(2);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static Map<String, Object> history(String serverVersion, String user) {
        return Map.of("serverVersion", serverVersion,
                "changes", List.of(Map.of("created", "2026-02-01 08:59:30", "user", Map.of("id", user, "name", user))));
    }

    private static Map<String, Object> fields(String key, int status, String url, String user, String changesUrl, Map<String, Object> history) {
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
        if (changesUrl != null) {
            f.put("changesurl", changesUrl);
        }
        if (history != null) {
            f.put("history", history);
        }
        return f;
    }

    private JsonObject config(Api api, String doc) {
        return ok200(api.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit"));
    }

    private static String key(JsonObject config) {
        return config.getJsonObject("document").getString("key");
    }

    private static Claims verify(String token) {
        return Jwts.parser().verifyWith(new SecretKeySpec(DocumentServerDouble.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build().parseSignedClaims(token).getPayload();
    }

    private List<String> audit(String doc, String type) {
        return admin.get("api/v1/audit?documentId=" + doc + "&type=" + type).json().getJsonArray("items").getValuesAs(JsonObject.class)
                .stream().map(e -> e.getString("detail", "")).toList();
    }

    private List<JsonObject> versions(String doc) {
        return editor.get("api/v1/documents/" + doc + "/versions").json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static JsonObject ok200(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getInt("error")).isZero();
    }

    private Api user(String login) {
        return admin.newUser(login, PASSWORD);
    }

}
