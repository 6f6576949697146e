package org.quire.web.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;

/**
 * The administrators' settings and connection check over real HTTP (docs/ARCHITECTURE.md, "Settings"): only
 * dms-admin, secrets never returned, invalid values refused whole, a change in force at once (editor config,
 * trusted networks, upload limit), audit rows, and check connection against the Document Server and WOPI
 * client doubles. Every test puts every setting back ({@link #restore()}): the server is shared by the class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminSettingsIT {

    static final String PASSWORD = "user-password-1";
    static final String NEW_SECRET = "another-secret-for-the-document-server-42";
    /** 30 bytes: shorter than jjwt's HS256 minimum, as Document Server administrators set them (issue 20). */
    static final String SHORT_SECRET = "short-ds-secret-thirty-bytes-0";
    static final String WEAK = "works, but is weak: use 32+ random bytes on the Document Server and here";
    static final List<String> KEYS = List.of("quire.onlyoffice.url", "quire.onlyoffice.internal-url", "quire.public-url",
            "quire.onlyoffice.secret", "quire.onlyoffice.jwt", "quire.onlyoffice.jwt-header", "quire.trusted-networks", "quire.trusted-proxies",
            "quire.collaboration.mode", "quire.collaboration.change", "quire.onlyoffice.forcesave", "quire.wopi.discovery-url",
            "quire.wopi.proof-keys", "quire.upload.max-bytes", "quire.editable-formats",
            "quire.sign-in.delay-after", "quire.sign-in.lock-after", "quire.sign-in.lock-for", "quire.sign-in.forget-after",
            "quire.limits.conversions-per-minute", "quire.limits.conversions-concurrent", "quire.limits.scrubs-per-hour",
            "quire.limits.requests-per-client");

    static DocumentServerDouble ds;
    static WopiClientDouble wopiClient;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    URI quire;
    Api admin;
    Api user;
    String run;
    String folder;

    @BeforeAll
    static void startDoubles() throws IOException {
        ds = DocumentServerDouble.start();
        wopiClient = new WopiClientDouble();
    }

    @AfterAll
    static void stopDoubles() {
        if (ds != null) {
            ds.close();
        }
        if (wopiClient != null) {
            wopiClient.close();
        }
    }

    @BeforeEach
    void setUp() {
        quire = RestApiIT.loopback(base);
        ds.quireAt(quire);
        ds.inboxSecret(DocumentServerDouble.SECRET);
        ds.outboxSecret(DocumentServerDouble.SECRET);
        admin = new Api(quire, "admin", RestApiIT.ADMIN_PASSWORD);
        run = UUID.randomUUID().toString().substring(0, 8);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        Api.Response f = admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"settings-" + run + "\"}");
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        folder = f.json().getString("id");
        Api.Response u = admin.postJson("api/v1/users", "{\"login\":\"u-" + run + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(u.status()).as(u.toString()).isEqualTo(201);
        user = admin.as("u-" + run, PASSWORD);
    }

    /** Every setting back to the configuration (no database value), whatever a test did. */
    @AfterEach
    void restore() {
        String all = KEYS.stream().map(k -> "\"" + k + "\":null").collect(Collectors.joining(",", "{", "}"));
        Api.Response r = put(admin, all);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(settings(r.json()).values()).allSatisfy(s -> assertThat(s.getString("source")).isNotEqualTo("database"));
    }

    // --- authorisation ------------------------------------------------------------------------------------

    @Test
    void aNonAdminGets403EverywhereAndNothingChanges() {
        int denied = total("ACCESS_DENIED");
        int changes = total("SETTINGS_CHANGED");
        int commands = ds.commands("version").size();

        assertThat(user.get("api/v1/admin/settings").status()).isEqualTo(403);
        assertThat(put(user, "{\"quire.collaboration.mode\":\"strict\"}").status()).isEqualTo(403);
        assertThat(put(user, "{\"quire.onlyoffice.secret\":null}").status()).isEqualTo(403);
        assertThat(user.post("api/v1/admin/check-connection").status()).isEqualTo(403);
        Api anonymous = new Api(quire, null, null);
        assertThat(anonymous.get("api/v1/admin/settings").status()).isIn(401, 403);

        JsonObject mode = setting("quire.collaboration.mode");
        assertThat(mode.getString("value")).isEqualTo("fast");
        assertThat(mode.getString("source")).isNotEqualTo("database");
        assertThat(setting("quire.onlyoffice.secret").getString("source")).isEqualTo("config");
        assertThat(total("SETTINGS_CHANGED")).isEqualTo(changes);
        assertThat(total("ACCESS_DENIED") - denied).as("each refusal audited").isGreaterThanOrEqualTo(4);
        assertThat(ds.commands("version").size()).as("no check ran").isEqualTo(commands);
    }

    // --- reading and changing -----------------------------------------------------------------------------

    @Test
    void theListShowsEverySettingWithItsSourceAndNeverASecret() {
        Api.Response r = admin.get("api/v1/admin/settings");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonObject> all = settings(r.json());
        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(KEYS);
        assertThat(all.get("quire.onlyoffice.url").getString("value")).isEqualTo("http://127.0.0.1:18991/");
        assertThat(all.get("quire.onlyoffice.url").getString("source")).isEqualTo("config");
        assertThat(all.get("quire.onlyoffice.jwt-header").getString("value")).isEqualTo("Authorization");
        assertThat(all.get("quire.onlyoffice.jwt-header").getString("source")).isEqualTo("default");
        assertThat(all.get("quire.upload.max-bytes").getString("value")).isEqualTo("67108864");
        assertThat(all.get("quire.onlyoffice.url").getString("description")).isNotBlank();
        JsonObject secret = all.get("quire.onlyoffice.secret");
        assertThat(secret.getBoolean("secret")).isTrue();
        assertThat(secret.getBoolean("set")).isTrue();
        assertThat(secret.isNull("value")).as("value is null, not absent").isTrue();
        assertThat(r.body()).doesNotContain(DocumentServerDouble.SECRET);
    }

    @Test
    void aChangedCollaborationModeJwtHeaderAndForceSaveAreInTheNextEditorConfig() {
        String doc = created(admin.upload(folder, "memo.docx", "memo".getBytes()));
        JsonObject before = editorConfig(doc).getJsonObject("editorConfig");
        assertThat(before.getJsonObject("coEditing").getString("mode")).isEqualTo("fast");
        assertThat(before.getJsonObject("customization").getBoolean("forcesave")).isTrue();

        Api.Response r = put(admin, "{\"quire.collaboration.mode\":\"Strict\",\"quire.collaboration.change\":false,\"quire.onlyoffice.forcesave\":false}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonObject mode = settings(r.json()).get("quire.collaboration.mode");
        assertThat(mode.getString("value")).as("stored normalised").isEqualTo("strict");
        assertThat(mode.getString("source")).isEqualTo("database");

        JsonObject after = editorConfig(doc).getJsonObject("editorConfig");
        assertThat(after.getJsonObject("coEditing").getString("mode")).isEqualTo("strict");
        assertThat(after.getJsonObject("coEditing").getBoolean("change")).isFalse();
        assertThat(after.getJsonObject("customization").getBoolean("forcesave")).isFalse();
        String detail = lastDetail("SETTINGS_CHANGED");
        assertThat(detail).contains("quire.collaboration.mode: fast -> strict").contains("quire.onlyoffice.forcesave: true -> false");

        // the JWT header: the command service is then called with the token in the new header
        assertThat(put(admin, "{\"quire.onlyoffice.jwt-header\":\"AuthorizationJwt\"}").status()).isEqualTo(200);
        Map<String, JsonObject> checks = checks();
        assertThat(checks.get("document-server-command").getString("message")).contains("AuthorizationJwt");
        assertThat(ds.lastCommandHeader("AuthorizationJwt")).as("the token travels in the new header").startsWith("Bearer ");
        assertThat(ds.lastCommandHeader("Authorization")).isNull();

        // null removes the database value: the configuration or the default again
        Api.Response back = put(admin, "{\"quire.collaboration.mode\":null}");
        assertThat(settings(back.json()).get("quire.collaboration.mode").getString("source")).isEqualTo("default");
        assertThat(editorConfig(doc).getJsonObject("editorConfig").getJsonObject("coEditing").getString("mode")).isEqualTo("fast");
        assertThat(lastDetail("SETTINGS_CHANGED")).contains("quire.collaboration.mode removed from the database");
    }

    @Test
    void theEditableFormatListNarrowsWhatOpensForEditing() {
        String doc = created(admin.upload(folder, "plan.docx", "plan".getBytes()));
        JsonObject config = editorConfig(doc);
        assertThat(config.getJsonObject("document").getJsonObject("permissions").getBoolean("edit")).isTrue();
        assertThat(config.getJsonObject("editorConfig").getString("mode")).isEqualTo("edit");

        assertThat(put(admin, "{\"quire.editable-formats\":[\"xlsx\",\".PPTX\"]}").status()).isEqualTo(200);
        assertThat(setting("quire.editable-formats").getString("value")).isEqualTo("xlsx,pptx");
        JsonObject narrowed = editorConfig(doc);
        assertThat(narrowed.getJsonObject("document").getJsonObject("permissions").getBoolean("edit")).isFalse();
        assertThat(narrowed.getJsonObject("editorConfig").getString("mode")).isEqualTo("view");
        JsonObject wopi = admin.get("api/v1/documents/" + doc + "/wopi?action=edit").json();
        assertThat(wopi.getString("actionUrl")).as("WOPI: a view instead of an edit").contains("/hosting/wopi/word/view");
    }

    @Test
    void theUploadLimitIsInForceAtOnce() {
        assertThat(put(admin, "{\"quire.upload.max-bytes\":10}").status()).isEqualTo(200);
        Api.Response tooLarge = admin.upload(folder, "big.txt", "twenty bytes of text".getBytes());
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(put(admin, "{\"quire.upload.max-bytes\":null}").status()).isEqualTo(200);
        assertThat(admin.upload(folder, "big.txt", "twenty bytes of text".getBytes()).status()).isEqualTo(201);
    }

    @Test
    void trustedNetworksChangedLockOutTheProtocolRoutesThenLetThemInAgain() {
        String doc = created(admin.upload(folder, "net.docx", "content".getBytes()));
        int rejected = total("UNTRUSTED_SOURCE_REJECTED");
        assertThat(admin.get("wopi/files/" + doc + "?access_token=x").status()).as("trusted: past the network filter").isNotEqualTo(403);

        assertThat(put(admin, "{\"quire.trusted-networks\":\"10.0.0.0/8, 192.168.0.0/16\"}").status()).isEqualTo(200);
        Api.Response wopi = admin.get("wopi/files/" + doc + "?access_token=x");
        assertThat(wopi.status()).isEqualTo(403);
        assertThat(wopi.body()).contains("untrusted_source");
        assertThat(admin.get("onlyoffice/files/" + doc + "/content.docx?link=x").status()).isEqualTo(403);
        assertThat(total("UNTRUSTED_SOURCE_REJECTED") - rejected).isEqualTo(2);
        assertThat(admin.get("api/v1/admin/settings").status()).as("the REST API is not a protocol route").isEqualTo(200);

        assertThat(put(admin, "{\"quire.trusted-networks\":null}").status()).isEqualTo(200);
        assertThat(admin.get("wopi/files/" + doc + "?access_token=x").status()).isNotEqualTo(403);
    }

    // --- secrets ------------------------------------------------------------------------------------------

    @Test
    void theSecretIsWriteOnlyAndNeverInAnAnswerOrAuditRow() {
        Api.Response r = put(admin, "{\"quire.onlyoffice.secret\":\"" + NEW_SECRET + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(NEW_SECRET);
        JsonObject secret = settings(r.json()).get("quire.onlyoffice.secret");
        assertThat(secret.isNull("value")).isTrue();
        assertThat(secret.getBoolean("set")).isTrue();
        assertThat(secret.getString("source")).isEqualTo("database");
        assertThat(admin.get("api/v1/admin/settings").body()).doesNotContain(NEW_SECRET);
        String detail = lastDetail("SETTINGS_CHANGED");
        assertThat(detail).contains("quire.onlyoffice.secret").doesNotContain(NEW_SECRET).doesNotContain(DocumentServerDouble.SECRET);
        assertThat(admin.get("api/v1/audit?size=500").body()).doesNotContain(NEW_SECRET);

        // in force: the double knows only the old secret, so the signed command is refused now
        Map<String, JsonObject> checks = checks();
        assertThat(checks.get("document-server-command").getBoolean("ok")).isFalse();
        assertThat(checks.get("document-server-command").getString("message")).contains("quire.onlyoffice.secret");
        assertThat(checks.toString()).doesNotContain(NEW_SECRET);

        Api.Response back = put(admin, "{\"quire.onlyoffice.secret\":null}");
        assertThat(settings(back.json()).get("quire.onlyoffice.secret").getString("source")).isEqualTo("config");
        assertThat(lastDetail("SETTINGS_CHANGED")).doesNotContain(NEW_SECRET).doesNotContain(DocumentServerDouble.SECRET);
        assertThat(checks().get("document-server-command").getBoolean("ok")).isTrue();
    }

    // --- validation ---------------------------------------------------------------------------------------

    @Test
    void anInvalidValueIs400NamingTheKeyAndNothingChanges() {
        int changes = total("SETTINGS_CHANGED");
        assertInvalid("{\"quire.collaboration.mode\":\"strict\",\"quire.onlyoffice.url\":\"docs.example.org\"}", "quire.onlyoffice.url");
        assertInvalid("{\"quire.collaboration.mode\":\"strict\",\"quire.trusted-networks\":\"10.0.0.0/8, not-a-network\"}", "quire.trusted-networks");
        assertInvalid("{\"quire.trusted-proxies\":\"10.0.0.0/33\"}", "quire.trusted-proxies");
        assertInvalid("{\"quire.sign-in.lock-for\":\"fifteen minutes\"}", "quire.sign-in.lock-for");
        assertInvalid("{\"quire.sign-in.delay-after\":0}", "quire.sign-in.delay-after");
        assertInvalid("{\"quire.onlyoffice.internal-url\":\"ftp://documentserver/\"}", "quire.onlyoffice.internal-url");
        assertInvalid("{\"quire.collaboration.mode\":\"slow\"}", "quire.collaboration.mode");
        assertInvalid("{\"quire.wopi.proof-keys\":\"sometimes\"}", "quire.wopi.proof-keys");
        assertInvalid("{\"quire.upload.max-bytes\":0}", "quire.upload.max-bytes");
        assertInvalid("{\"quire.onlyoffice.forcesave\":\"yes\"}", "quire.onlyoffice.forcesave");
        assertInvalid("{\"quire.db.password\":\"x\"}", "quire.db.password");
        assertInvalid("{\"quire.onlyoffice.jwt\":\"false\"}", "quire.onlyoffice.jwt");
        assertThat(put(admin, "[1, 2]").status()).isEqualTo(400);
        assertThat(put(admin, "{not json").status()).isEqualTo(400);

        Map<String, JsonObject> all = settings(admin.get("api/v1/admin/settings").json());
        assertThat(all.values()).allSatisfy(s -> assertThat(s.getString("source")).isNotEqualTo("database"));
        assertThat(all.get("quire.collaboration.mode").getString("value")).isEqualTo("fast");
        assertThat(total("SETTINGS_CHANGED")).isEqualTo(changes);
    }

    // --- check connection ---------------------------------------------------------------------------------

    @Test
    void checkConnectionSucceedsAgainstTheDoubles() {
        String self = "http://127.0.0.1:" + base.getPort();
        assertThat(put(admin, "{\"quire.public-url\":\"" + self + "\"}").status()).isEqualTo(200);
        int commands = ds.commands("version").size();
        Map<String, JsonObject> checks = checks();
        assertThat(checks.keySet()).containsExactly("onlyoffice-configuration", "document-server-healthcheck", "document-server-command",
                "wopi-discovery", "quire-reachable");
        assertThat(checks.values()).as(checks.toString()).allSatisfy(c -> assertThat(c.getBoolean("ok")).isTrue())
                .allSatisfy(c -> assertThat(c.getBoolean("warning")).isFalse());
        assertThat(admin.get("api/v1/admin/settings").json().getJsonArray("warnings")).as("a 37-byte secret: nothing to warn about").isEmpty();
        assertThat(checks.get("document-server-command").getString("message")).contains("9.0.3.12").contains("signed");
        assertThat(checks.get("wopi-discovery").getString("message")).contains("publishes proof keys");
        assertThat(checks.get("quire-reachable").getString("message")).contains(self).contains("from Quire's side");
        assertThat(ds.commands("version").size() - commands).as("a real round trip").isEqualTo(1);
        assertThat(checks.toString()).doesNotContain(DocumentServerDouble.SECRET);
    }

    @Test
    void checkConnectionNamesWhatToSetWhenTheDocumentServerIsNotThere() {
        assertThat(put(admin, "{\"quire.onlyoffice.internal-url\":\"http://127.0.0.1:1/\",\"quire.wopi.discovery-url\":\"http://127.0.0.1:1/hosting/discovery\"}").status())
                .isEqualTo(200);
        Map<String, JsonObject> checks = checks();
        JsonObject health = checks.get("document-server-healthcheck");
        assertThat(health.getBoolean("ok")).isFalse();
        assertThat(health.getString("message")).contains("http://127.0.0.1:1/healthcheck").contains("quire.onlyoffice.internal-url");
        JsonObject command = checks.get("document-server-command");
        assertThat(command.getBoolean("ok")).isFalse();
        assertThat(command.getString("message")).contains("quire.onlyoffice.internal-url");
        JsonObject discovery = checks.get("wopi-discovery");
        assertThat(discovery.getBoolean("ok")).isFalse();
        assertThat(discovery.getString("message")).contains("quire.wopi.discovery-url").contains("could not be read");
        JsonObject self = checks.get("quire-reachable");
        assertThat(self.getBoolean("ok")).as("quire.public-url is not set in this test server").isFalse();
        assertThat(self.getString("message")).contains("quire.public-url is not set");

        assertThat(put(admin, "{\"quire.onlyoffice.internal-url\":null,\"quire.wopi.discovery-url\":null}").status()).isEqualTo(200);
        Map<String, JsonObject> again = checks();
        assertThat(again.get("document-server-healthcheck").getBoolean("ok")).isTrue();
        assertThat(again.get("wopi-discovery").getBoolean("ok")).isTrue();
    }

    // --- the ONLYOFFICE configuration (issue 20, item 1) --------------------------------------------------

    @Test
    void aThirtyByteSecretSignsConfigsAndCommandsAndVerifiesCallbacksWithAWarning() {
        String doc = created(admin.upload(folder, "short.docx", "short".getBytes()));
        ds.inboxSecret(SHORT_SECRET);
        ds.outboxSecret(SHORT_SECRET);
        Api.Response r = put(admin, "{\"quire.onlyoffice.secret\":\"" + SHORT_SECRET + "\"}");
        assertThat(r.status()).as("accepted, not refused for its length: " + r).isEqualTo(200);
        assertThat(r.json().getJsonArray("warnings").toString()).contains(WEAK);
        assertThat(r.body()).doesNotContain(SHORT_SECRET);

        // the config is signed with the secret exactly as given (checked with the double's own HS256, not jjwt's)
        JsonObject config = editorConfig(doc);
        Map<String, Object> signed = DocumentServerDouble.verify(config.getString("token"), SHORT_SECRET);
        assertThat(signed).as("the token verifies with the 30-byte secret").isNotNull();
        assertThat(((Map<?, ?>) signed.get("document")).get("key")).isEqualTo(config.getJsonObject("document").getString("key"));

        // a callback and a download signed with it are accepted; signed with another secret they are not
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        String key = config.getJsonObject("document").getString("key");
        String login = "admin";
        Map<String, Object> join = Map.of("key", key, "status", 1, "users", List.of(login), "actions", List.of(Map.of("type", 1, "userid", login)));
        Api.Response joined = ds.callback(quire, callbackUrl, join, DocumentServerDouble.TokenForm.BOTH);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().getInt("error")).isZero();
        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getString("kind")).isEqualTo("EDITOR_SESSION");
        Api.Response download = ds.download(quire, config.getJsonObject("document").getString("url"), true);
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        ds.outboxSecret(DocumentServerDouble.SECRET);
        assertThat(ds.callback(quire, callbackUrl, Map.of("key", key, "status", 4), DocumentServerDouble.TokenForm.BOTH).status())
                .as("signed with another secret").isEqualTo(403);
        ds.outboxSecret(SHORT_SECRET);
        Api.Response closed = ds.callback(quire, callbackUrl, Map.of("key", key, "status", 4), DocumentServerDouble.TokenForm.BOTH);
        assertThat(closed.json().getInt("error")).as(closed.toString()).isZero();

        // check connection: the signed command goes through, and the weakness is named, the secret never
        Map<String, JsonObject> checks = checks();
        JsonObject configuration = checks.get("onlyoffice-configuration");
        assertThat(configuration.getBoolean("ok")).isTrue();
        assertThat(configuration.getBoolean("warning")).isTrue();
        assertThat(configuration.getString("message")).contains(WEAK);
        assertThat(checks.get("document-server-command").getBoolean("ok")).as(checks.toString()).isTrue();
        assertThat(checks.toString()).doesNotContain(SHORT_SECRET);
    }

    @Test
    void withoutADocumentServerUrlTheConfigIs503NotConfiguredAndThePageSaysWhatToSet() {
        String doc = created(admin.upload(folder, "nourl.docx", "no url".getBytes()));
        Api.Response r = put(admin, "{\"quire.onlyoffice.url\":\"\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getJsonArray("warnings").toString()).contains("quire.onlyoffice.url");

        Api.Response config = admin.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit");
        assertThat(config.status()).as(config.toString()).isEqualTo(503);
        assertThat(config.json().getString("error")).isEqualTo("onlyoffice_not_configured");
        assertThat(config.json().getString("message")).contains("set quire.onlyoffice.url");
        Api.Response page = admin.get("edit/" + doc);
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("nourl.docx").contains("quire.onlyoffice.url").doesNotContain("api.js");

        Map<String, JsonObject> checks = checks();
        assertThat(checks.get("onlyoffice-configuration").getBoolean("ok")).isFalse();
        assertThat(checks.get("onlyoffice-configuration").getString("message")).contains("quire.onlyoffice.url");
        assertThat(checks.get("document-server-healthcheck").getString("message")).startsWith("Not tried");
        Api.Response server = admin.get("api/v1/onlyoffice/server");
        assertThat(server.status()).as("the console's health: a state, not an error: " + server).isEqualTo(200);
        assertThat(server.json().getBoolean("healthy")).isFalse();
        assertThat(server.json().getString("message")).contains("quire.onlyoffice.url");
    }

    @Test
    void aForgottenSecretIs503AndNeverMeansUnsigned() {
        String doc = created(admin.upload(folder, "nosecret.docx", "no secret".getBytes()));
        String callbackUrl = editorConfig(doc).getJsonObject("editorConfig").getString("callbackUrl");
        String key = editorConfig(doc).getJsonObject("document").getString("key");
        assertThat(put(admin, "{\"quire.onlyoffice.secret\":\"\"}").status()).isEqualTo(200);

        Api.Response config = admin.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit");
        assertThat(config.status()).as(config.toString()).isEqualTo(503);
        assertThat(config.json().getString("error")).isEqualTo("onlyoffice_not_configured");
        assertThat(config.json().getString("message")).contains("quire.onlyoffice.secret").contains("quire.onlyoffice.jwt=off");
        assertThat(admin.get("edit/" + doc).status()).isEqualTo(503);

        // an unsigned callback is not taken for a JWT-off one
        ds.outboxSecret(null);
        Api.Response unsigned = ds.callback(quire, callbackUrl, Map.of("key", key, "status", 1, "users", List.of("admin"),
                "actions", List.of(Map.of("type", 1, "userid", "admin"))), DocumentServerDouble.TokenForm.NONE);
        assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(403);
        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();

        Map<String, JsonObject> checks = checks();
        assertThat(checks.get("onlyoffice-configuration").getBoolean("ok")).isFalse();
        assertThat(checks.get("onlyoffice-configuration").getString("message")).contains("quire.onlyoffice.secret");
        assertThat(checks.get("document-server-command").getString("message")).startsWith("Not tried");
    }

    @Test
    void jwtOffIsAnExplicitChoiceThatWorksUnsignedWithAWarning() {
        String doc = created(admin.upload(folder, "off.docx", "jwt off".getBytes()));
        ds.inboxSecret(null);
        ds.outboxSecret(null);
        Api.Response r = put(admin, "{\"quire.onlyoffice.secret\":\"\",\"quire.onlyoffice.jwt\":\"off\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getJsonArray("warnings").toString()).contains("quire.onlyoffice.jwt=off");

        JsonObject config = editorConfig(doc);
        assertThat(config.containsKey("token")).as("unsigned").isFalse();
        String key = config.getJsonObject("document").getString("key");
        String callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        Api.Response joined = ds.callback(quire, callbackUrl, Map.of("key", key, "status", 1, "users", List.of("admin"),
                "actions", List.of(Map.of("type", 1, "userid", "admin"))), DocumentServerDouble.TokenForm.NONE);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().getInt("error")).isZero();
        assertThat(ds.download(quire, config.getJsonObject("document").getString("url"), false).status()).isEqualTo(200);
        assertThat(ds.callback(quire, callbackUrl, Map.of("key", key, "status", 4), DocumentServerDouble.TokenForm.NONE).json().getInt("error")).isZero();
        assertThat(admin.get("edit/" + doc).status()).isEqualTo(200);

        Map<String, JsonObject> checks = checks();
        JsonObject configuration = checks.get("onlyoffice-configuration");
        assertThat(configuration.getBoolean("ok")).isTrue();
        assertThat(configuration.getBoolean("warning")).isTrue();
        assertThat(configuration.getString("message")).contains("quire.onlyoffice.jwt=off");
        JsonObject command = checks.get("document-server-command");
        assertThat(command.getBoolean("ok")).as(command.toString()).isTrue();
        assertThat(command.getBoolean("warning")).isTrue();
        assertThat(command.getString("message")).contains("unsigned");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private void assertInvalid(String json, String key) {
        Api.Response r = put(admin, json);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().getString("message")).contains(key);
    }

    private static Api.Response put(Api api, String json) {
        return api.send(api.request("api/v1/admin/settings").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Map<String, JsonObject> settings(JsonObject list) {
        return list.getJsonArray("settings").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(s -> s.getString("key"), s -> s, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private JsonObject setting(String key) {
        return settings(admin.get("api/v1/admin/settings").json()).get(key);
    }

    private Map<String, JsonObject> checks() {
        Api.Response r = admin.post("api/v1/admin/check-connection");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private JsonObject editorConfig(String doc) {
        Api.Response r = admin.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private int total(String type) {
        return admin.get("api/v1/audit?type=" + type).json().getInt("total");
    }

    private String lastDetail(String type) {
        JsonObject first = admin.get("api/v1/audit?type=" + type + "&size=1").json().getJsonArray("items").getJsonObject(0);
        return first.get("detail") == JsonValue.NULL ? "" : first.getString("detail");
    }

}
