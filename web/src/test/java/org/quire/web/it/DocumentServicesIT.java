package org.quire.web.it;

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

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;
import static org.quire.web.it.DocumentServerDouble.TokenForm;

/**
 * The Document Server's command and conversion services over real HTTP against the Document Server double
 * (docs/ARCHITECTURE.md, "ONLYOFFICE document services"): convert and edit, download as, rename with meta,
 * session commands, forgotten files, the server's state, the per-document co-editing mode.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentServicesIT {

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
    Api manager;
    Api editor;
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
        ds.quireAt(quire);
        ds.inboxSecret(DocumentServerDouble.SECRET);
        ds.failConversions(0);
        ds.slowConversions(java.time.Duration.ZERO);
        Workspace w = Workspace.create(quire, "ds").grant(PASSWORD, "mg", "manager", "ed", "editor", "vw", "viewer");
        admin = w.admin;
        run = w.run;
        folder = w.folder;
        manager = w.user("mg");
        editor = w.user("ed");
        viewer = w.user("vw");
    }

    // --- conversion ---------------------------------------------------------------------------------------

    private void limits(String json) {
        Api.Response r = admin.putJson("api/v1/admin/settings", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** The sum of a counter's series in /metrics (the server's, beside the application) whose labels contain {@code label}. */
    private double metric(String name, String label) {
        Api.Response r = admin.send(admin.request(URI.create("http://127.0.0.1:" + quire.getPort() + "/metrics").toString()).header("Accept", "text/plain").GET());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().lines().filter(l -> l.startsWith(name + "{") && l.contains(label) && l.contains("work=\"conversion\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void convertAndEditStoresTheConvertedBytesAsANewDocumentBesideTheSource() {
        byte[] legacy = ("legacy memo " + run).getBytes();
        String doc = created(editor.upload(folder, "memo.doc", legacy));
        created(editor.upload(folder, "memo.docx", "already here".getBytes()));
        int requests = ds.conversionRequests();

        Api.Response r = editor.post("api/v1/documents/" + doc + "/onlyoffice/convert");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject made = r.json();
        assertThat(made.getString("name")).as("a taken name gets a number").isEqualTo("memo (2).docx");
        assertThat(made.getString("folderId")).isEqualTo(folder);
        assertThat(r.header("Location")).endsWith("/api/v1/documents/" + made.getString("id"));
        assertThat(made.getString("sha256")).isEqualTo(Api.sha256(DocumentServerDouble.converted(legacy, "docx")));
        assertThat(editor.download("api/v1/documents/" + made.getString("id") + "/content").sha256())
                .isEqualTo(Api.sha256(DocumentServerDouble.converted(legacy, "docx")));
        assertThat(ds.conversionRequests() - requests).as("asynchronous: polled until endConvert").isGreaterThanOrEqualTo(2);
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=DOCUMENT_CONVERTED").json().getInt("total")).isEqualTo(1);
        assertThat(editor.get("api/v1/documents/" + doc).json().getString("name")).as("the source stays").isEqualTo("memo.doc");

        // already OOXML, or a format without an editor: 400 before the Document Server is asked
        requests = ds.conversionRequests();
        assertThat(editor.post("api/v1/documents/" + made.getString("id") + "/onlyoffice/convert").status()).isEqualTo(400);
        String zip = created(editor.upload(folder, "a.zip", "zip".getBytes()));
        assertThat(editor.post("api/v1/documents/" + zip + "/onlyoffice/convert").status()).isEqualTo(400);
        // a viewer may download but not create in the folder: 403, nothing sent
        Api.Response refused = viewer.post("api/v1/documents/" + doc + "/onlyoffice/convert");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(ds.conversionRequests()).isEqualTo(requests);
        assertThat(listing()).hasSize(4);
    }

    @Test
    void downloadAsStreamsTheConvertedBytes() {
        byte[] content = ("report " + run).getBytes();
        String doc = created(editor.upload(folder, "report.docx", content));
        Api.Download pdf = viewer.download("api/v1/documents/" + doc + "/onlyoffice/download-as?format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.sha256()).isEqualTo(Api.sha256(DocumentServerDouble.converted(content, "pdf")));
        assertThat(pdf.header("Content-Disposition")).contains("report.pdf");
        assertThat(pdf.header("Content-Type")).startsWith("application/pdf");

        Api.Response wrong = viewer.get("api/v1/documents/" + doc + "/onlyoffice/download-as?format=xlsx");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        assertThat(wrong.json().getString("error")).isEqualTo("unsupported_conversion");
        assertThat(wrong.json().getString("message")).contains("pdf");
        assertThat(viewer.get("api/v1/documents/" + doc + "/onlyoffice/download-as").status()).isEqualTo(400);
        assertThat(user("stranger-" + run).get("api/v1/documents/" + doc + "/onlyoffice/download-as?format=pdf").status()).isEqualTo(404);
    }

    @Test
    void aUsersConversionsPerMinuteAreLimitedBeforeTheDocumentServerIsAsked() {
        String doc = created(editor.upload(folder, "rated.docx", ("rated " + run).getBytes()));
        String pdf = "api/v1/documents/" + doc + "/onlyoffice/download-as?format=pdf";
        try {
            limits("{\"quire.limits.conversions-per-minute\":2}");
            assertThat(viewer.download(pdf).status()).isEqualTo(200);
            assertThat(viewer.download(pdf).status()).isEqualTo(200);
            int requests = ds.conversionRequests();
            Api.Response third = viewer.get(pdf);
            assertThat(third.status()).as(third.toString()).isEqualTo(429);
            assertThat(third.json().getString("error")).isEqualTo("too_many_conversions");
            assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 30L);
            assertThat(ds.conversionRequests()).as("nothing sent to the Document Server").isEqualTo(requests);
            assertThat(editor.download(pdf).status()).as("another user has starts of their own").isEqualTo(200);
            assertThat(metric("quire_heavy_work_refused_total", "reason=\"rate\"")).isPositive();
        } finally {
            limits("{\"quire.limits.conversions-per-minute\":null}");
        }
    }

    @Test
    void aBurstOfConversionsWaitsForASlotThenIsAnswered503() throws Exception {
        String doc = created(editor.upload(folder, "burst.docx", ("burst " + run).getBytes()));
        String pdf = "api/v1/documents/" + doc + "/onlyoffice/download-as?format=pdf";
        double busyBefore = metric("quire_heavy_work_refused_total", "reason=\"busy\"");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            limits("{\"quire.limits.conversions-concurrent\":1}");
            ds.slowConversions(java.time.Duration.ofMillis(1500)); // a conversion holds its slot for about 3 s (two polls)
            List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
            for (Api user : List.of(manager, editor, viewer)) {
                answers.add(pool.submit(() -> user.get(pdf)));
                Thread.sleep(400); // in this order: the first runs, the second waits for its slot, the third finds the queue full
            }
            Api.Response first = answers.get(0).get(), second = answers.get(1).get(), third = answers.get(2).get();
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(second.status()).as("waited for the slot: " + second).isEqualTo(200);
            assertThat(third.status()).as(third.toString()).isEqualTo(503);
            assertThat(third.json().getString("error")).isEqualTo("conversions_busy");
            assertThat(third.header("Retry-After")).isEqualTo("5");
            assertThat(metric("quire_heavy_work_refused_total", "reason=\"busy\"")).isGreaterThan(busyBefore);
        } finally {
            pool.shutdownNow();
            ds.slowConversions(java.time.Duration.ZERO);
            limits("{\"quire.limits.conversions-concurrent\":null}");
        }
    }

    @Test
    void aConversionErrorIsAClearAnswerAndStoresNothing() {
        String doc = created(editor.upload(folder, "broken.xls", "not really xls".getBytes()));
        ds.failConversions(-3);
        Api.Response failed = editor.post("api/v1/documents/" + doc + "/onlyoffice/convert");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(400);
        assertThat(failed.json().getString("error")).isEqualTo("conversion_failed");
        assertThat(failed.json().getString("message")).contains("conversion error -3").contains("damaged");
        assertThat(listing()).hasSize(1);

        ds.failConversions(0);
        ds.inboxSecret("another-secret-another-secret-0123456789");
        Api.Response token = editor.post("api/v1/documents/" + doc + "/onlyoffice/convert");
        assertThat(token.status()).as(token.toString()).isEqualTo(503);
        assertThat(token.json().getString("error")).isEqualTo("document_server_token_refused");
        assertThat(token.json().getString("message")).contains("-8").contains("quire.onlyoffice.secret");
        assertThat(listing()).hasSize(1);
    }

    // --- rename and session commands ----------------------------------------------------------------------

    @Test
    void renameFromTheEditorRenamesAndTellsTheCoEditors() {
        String doc = created(editor.upload(folder, "draft.docx", "v1".getBytes()));
        String key = openSession(editor, doc, "ed-" + run);

        Api.Response r = editor.postJson("api/v1/documents/" + doc + "/onlyoffice/rename", "{\"name\":\"Final\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getString("name")).isEqualTo("Final.docx");
        assertThat(editor.get("api/v1/documents/" + doc).json().getString("name")).isEqualTo("Final.docx");
        List<Map<String, Object>> metas = ds.commands("meta").stream().filter(m -> key.equals(m.get("key"))).toList();
        assertThat(metas).hasSize(1);
        assertThat(metas.get(0).get("meta")).isEqualTo(Map.of("title", "Final.docx"));
        assertThat(audit(doc, "ONLYOFFICE_COMMAND")).isEqualTo(1);

        // the REST rules: a taken name is 409, a bad one 400, a viewer 403
        created(editor.upload(folder, "Taken.docx", "x".getBytes()));
        assertThat(editor.postJson("api/v1/documents/" + doc + "/onlyoffice/rename", "{\"name\":\"taken\"}").status()).isEqualTo(409);
        assertThat(editor.postJson("api/v1/documents/" + doc + "/onlyoffice/rename", "{\"name\":\"a/b\"}").status()).isEqualTo(400);
        assertThat(viewer.postJson("api/v1/documents/" + doc + "/onlyoffice/rename", "{\"name\":\"Mine\"}").status()).isEqualTo(403);
        assertThat(ds.commands("meta").stream().filter(m -> key.equals(m.get("key")))).hasSize(1);

        // the Document Server does not know the key: the rename stands, the failed meta is audited
        String other = created(editor.upload(folder, "solo.docx", "v1".getBytes()));
        config(editor, other);
        Api.Response solo = editor.postJson("api/v1/documents/" + other + "/onlyoffice/rename", "{\"name\":\"Alone.docx\"}");
        assertThat(solo.status()).as(solo.toString()).isEqualTo(200);
        assertThat(solo.json().getString("name")).isEqualTo("Alone.docx");
        assertThat(audit(other, "ONLYOFFICE_COMMAND_FAILED")).isEqualTo(1);
    }

    @Test
    void sessionCommandsAreForManagersOnly() {
        String doc = created(editor.upload(folder, "shared.docx", "v1".getBytes()));
        String key = openSession(editor, doc, "ed-" + run, "mg-" + run);
        int sent = ds.commands("info").size() + ds.commands("forcesave").size() + ds.commands("drop").size();

        for (Api plain : List.of(viewer, editor)) {
            assertThat(plain.get("api/v1/documents/" + doc + "/onlyoffice/session").status()).isEqualTo(403);
            assertThat(plain.post("api/v1/documents/" + doc + "/onlyoffice/forcesave").status()).isEqualTo(403);
            assertThat(plain.postJson("api/v1/documents/" + doc + "/onlyoffice/drop", "{\"users\":[\"ed-" + run + "\"]}").status()).isEqualTo(403);
        }
        assertThat(user("nobody-" + run).get("api/v1/documents/" + doc + "/onlyoffice/session").status()).isEqualTo(404);
        assertThat(ds.commands("info").size() + ds.commands("forcesave").size() + ds.commands("drop").size()).as("nothing sent").isEqualTo(sent);

        Api.Response info = manager.get("api/v1/documents/" + doc + "/onlyoffice/session");
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.json().getBoolean("active")).isTrue();
        assertThat(info.json().getString("key")).isEqualTo(key);
        assertThat(info.json().getJsonArray("users").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                .containsExactly("ed-" + run, "mg-" + run);
        Api.Response force = manager.post("api/v1/documents/" + doc + "/onlyoffice/forcesave");
        assertThat(force.status()).as(force.toString()).isEqualTo(200);
        assertThat(ds.commands("forcesave").stream().filter(m -> key.equals(m.get("key")))).hasSize(1);
        Api.Response drop = manager.postJson("api/v1/documents/" + doc + "/onlyoffice/drop", "{\"users\":[\"ed-" + run + "\"]}");
        assertThat(drop.status()).as(drop.toString()).isEqualTo(200);
        List<Map<String, Object>> drops = ds.commands("drop").stream().filter(m -> key.equals(m.get("key"))).toList();
        assertThat(drops).hasSize(1);
        assertThat(drops.get(0).get("users")).isEqualTo(List.of("ed-" + run));
        assertThat(admin.post("api/v1/documents/" + doc + "/onlyoffice/forcesave").status()).as("administrators too").isEqualTo(200);
        assertThat(audit(doc, "ONLYOFFICE_COMMAND")).isEqualTo(4);

        // without a session: no key, nothing to command
        String idle = created(editor.upload(folder, "idle.docx", "v1".getBytes()));
        assertThat(manager.get("api/v1/documents/" + idle + "/onlyoffice/session").json().getBoolean("active")).isFalse();
        assertThat(manager.post("api/v1/documents/" + idle + "/onlyoffice/forcesave").status()).isEqualTo(409);
    }

    // --- forgotten files and the server's state -----------------------------------------------------------

    @Test
    void aForgottenFileIsImportedAsANewVersionAndDeletedAtTheDocumentServer() {
        String doc = created(editor.upload(folder, "lost.docx", "v1".getBytes()));
        String key = openSession(editor, doc, "ed-" + run);
        byte[] lost = ("the save Quire missed " + run).getBytes();
        ds.forget(key, lost);

        assertThat(editor.get("api/v1/onlyoffice/forgotten").status()).as("administrators only").isEqualTo(403);
        JsonObject list = admin.get("api/v1/onlyoffice/forgotten").json();
        JsonObject entry = list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("key").equals(key)).findFirst().orElseThrow();
        assertThat(entry.getString("documentId")).isEqualTo(doc);
        assertThat(entry.getString("documentName")).isEqualTo("lost.docx");

        assertThat(editor.post("api/v1/onlyoffice/forgotten/" + key + "/import").status()).isEqualTo(403);
        Api.Response imported = admin.post("api/v1/onlyoffice/forgotten/" + key + "/import");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().getInt("version")).isEqualTo(2);
        assertThat(imported.json().getBoolean("deletedOnDocumentServer")).isTrue();
        assertThat(editor.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256(lost));
        JsonObject version = editor.get("api/v1/documents/" + doc + "/versions/2").json();
        assertThat(version.getString("source")).isEqualTo("ONLYOFFICE");
        assertThat(version.getString("comment")).contains("Recovered").contains(key);
        assertThat(ds.isForgotten(key)).isFalse();
        assertThat(editor.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).as("the given-up session's lock went").isFalse();
        assertThat(audit(doc, "FORGOTTEN_FILE_IMPORTED")).isEqualTo(1);
        assertThat(admin.post("api/v1/onlyoffice/forgotten/" + key + "/import").status()).as("gone").isEqualTo(404);

        // discarding one
        String other = created(editor.upload(folder, "discard.docx", "v1".getBytes()));
        String otherKey = openSession(editor, other, "ed-" + run);
        ds.forget(otherKey, "unwanted".getBytes());
        assertThat(editor.delete("api/v1/onlyoffice/forgotten/" + otherKey).status()).isEqualTo(403);
        assertThat(ds.isForgotten(otherKey)).isTrue();
        assertThat(admin.delete("api/v1/onlyoffice/forgotten/" + otherKey).status()).isEqualTo(204);
        assertThat(ds.isForgotten(otherKey)).isFalse();
        assertThat(editor.get("api/v1/documents/" + other + "/versions").json().getInt("total")).isEqualTo(1);
    }

    @Test
    void theServerStateShowsHealthAndVersionAndAWrongSecretClearly() {
        JsonObject state = admin.get("api/v1/onlyoffice/server").json();
        assertThat(state.getBoolean("healthy")).isTrue();
        assertThat(state.getString("version")).isEqualTo("9.0.3.12");
        assertThat(editor.get("api/v1/onlyoffice/server").status()).isEqualTo(403);

        ds.inboxSecret("another-secret-another-secret-0123456789");
        JsonObject refused = admin.get("api/v1/onlyoffice/server").json();
        assertThat(refused.getBoolean("healthy")).isTrue();
        assertThat(refused.get("version") == null || refused.isNull("version")).as("no version without an accepted token").isTrue();
        assertThat(refused.getString("message")).contains("error 6").contains("quire.onlyoffice.secret");
        Api.Response list = admin.get("api/v1/onlyoffice/forgotten");
        assertThat(list.status()).as(list.toString()).isEqualTo(503);
        assertThat(list.json().getString("error")).isEqualTo("document_server_token_refused");
    }

    // --- co-editing mode ------------------------------------------------------------------------------------

    @Test
    void theCoEditingModeOfADocumentShowsInItsConfig() {
        String doc = created(editor.upload(folder, "mode.docx", "v1".getBytes()));
        assertThat(coEditing(editor, doc)).isEqualTo("fast");
        assertThat(send(editor, doc, "{\"mode\":\"strict\"}").status()).as("MANAGE needed").isEqualTo(403);
        Api.Response set = send(manager, doc, "{\"mode\":\"strict\"}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().getString("mode")).isEqualTo("strict");
        assertThat(coEditing(editor, doc)).isEqualTo("strict");
        assertThat(coEditing(viewer, doc)).isEqualTo("strict");
        String other = created(editor.upload(folder, "other.docx", "v1".getBytes()));
        assertThat(coEditing(editor, other)).as("per document").isEqualTo("fast");
        assertThat(send(manager, doc, "{\"mode\":\"live\"}").status()).isEqualTo(400);
        assertThat(send(manager, doc, "{\"mode\":null}").status()).isEqualTo(200);
        assertThat(coEditing(editor, doc)).as("back to the default").isEqualTo("fast");
        assertThat(audit(doc, "CO_EDITING_MODE_CHANGED")).isEqualTo(2);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** The editor config (a key), a status-1 callback (the session lock) and the double knowing the session. */
    private String openSession(Api api, String doc, String... users) {
        JsonObject config = config(api, doc);
        String key = config.getJsonObject("document").getString("key");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("status", 1);
        fields.put("users", List.of(users));
        fields.put("actions", List.of(Map.of("type", 1, "userid", users[0])));
        Api.Response r = ds.callback(quire, config.getJsonObject("editorConfig").getString("callbackUrl"), fields, TokenForm.BOTH);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        ds.openSession(key, users);
        return key;
    }

    private JsonObject config(Api api, String doc) {
        Api.Response r = api.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private String coEditing(Api api, String doc) {
        return config(api, doc).getJsonObject("editorConfig").getJsonObject("coEditing").getString("mode");
    }

    private static Api.Response send(Api api, String doc, String json) {
        return api.send(api.request("api/v1/documents/" + doc + "/onlyoffice/co-editing").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private List<JsonObject> listing() {
        return admin.get("api/v1/folders/" + folder + "/children").json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private int audit(String doc, String type) {
        return admin.get("api/v1/audit?documentId=" + doc + "&type=" + type).json().getInt("total");
    }


    private Api user(String login) {
        return admin.newUser(login, PASSWORD);
    }
}
