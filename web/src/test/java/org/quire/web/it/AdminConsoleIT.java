package org.quire.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;
import static org.quire.web.it.Browser.until;

/**
 * The administration console {@code /admin} in a real browser (headless Chromium, {@link Browser}) over the admin
 * API of issue 6 ({@code /api/v1/admin/*}): settings that persist, check connection against the Document Server
 * double (success, then a failure with its message after pointing the internal URL at a dead port), force-unlock,
 * the audit search; a non-admin gets the "not allowed" page and 403 from the API. Effects are checked through the
 * API. The setting keys are found by what they are about (the internal URL, the collaboration default), so the test
 * does not depend on how the settings service spells them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleIT {

    static final String PASSWORD = "console-password-1";
    static final String DEAD_URL = "http://127.0.0.1:9/";

    static Browser browser;
    static DocumentServerDouble ds;
    static WopiClientDouble wopi;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_EVERY_TEST = new TestWatcher() {
        @Override
        public void testSuccessful(ExtensionContext context) {
            browser.screenshot(context.getRequiredTestMethod().getName());
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
        }
    };

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    URI quire;
    Api admin;
    String run;

    @BeforeAll
    static void startDoublesAndBrowser() throws IOException {
        ds = DocumentServerDouble.start();
        wopi = new WopiClientDouble();
        browser = Browser.start("AdminConsoleIT");
    }

    @AfterAll
    static void stopAll() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (wopi != null) {
                wopi.close();
            }
            if (ds != null) {
                ds.close();
            }
        }
    }

    @BeforeEach
    void setUp() {
        quire = RestApiIT.loopback(base);
        admin = new Api(quire, "admin", RestApiIT.ADMIN_PASSWORD);
        run = UUID.randomUUID().toString().substring(0, 8);
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    void aNonAdministratorSeesNotAllowedAndTheApiRefuses() {
        String login = user("carol-" + run);
        browser.signIn(quire, login, PASSWORD, "admin");
        WebElement heading = browser.visible(By.id("not-allowed"));
        assertThat(heading.getText()).isEqualTo("Not allowed");
        assertThat(browser.driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("administrators");
        for (String path : List.of("api/v1/admin/settings", "api/v1/admin/locks", "api/v1/admin/sessions", "api/v1/admin/users",
                "api/v1/admin/trash", "api/v1/admin/storage", "api/v1/admin/scrub", "api/v1/admin/backups", "api/v1/audit")) {
            assertThat(as(login).get(path).status()).as(path).isEqualTo(403);
        }
        Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/admin/settings', {headers: {'X-Requested-With': 'quire'}}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    @Test
    void theAdministratorChangesASettingAndItPersistsAfterAReload() {
        JsonObject setting = setting(Pattern.compile("collaboration", Pattern.CASE_INSENSITIVE));
        String key = setting.getString("key");
        String before = setting.isNull("value") ? "fast" : setting.get("value").toString().replace("\"", "");
        String after = before.equals("strict") ? "fast" : "strict";
        // put back exactly what was there: a database value, or none (the configured or default value)
        JsonValue restore = "database".equals(setting.getString("source", "")) ? setting.get("value") : JsonValue.NULL;
        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin#settings");
        try {
            WebElement input = browser.visible(By.cssSelector("[data-key='" + key + "']"));
            browser.screenshot("settings");
            input.clear();
            input.sendKeys(after);
            browser.driver.findElement(By.id("settings-save")).click();
            until("the saved notice", () -> browser.driver.findElement(By.id("notice")).getText().contains(key));
            assertThat(stringValue(setting(key))).as("the API").isEqualTo(after);

            browser.driver.navigate().refresh();
            WebElement reloaded = browser.visible(By.cssSelector("[data-key='" + key + "']"));
            assertThat(reloaded.getAttribute("value")).isEqualTo(after);

            // a secret is shown as set / not set, never with its value
            for (JsonObject s : settings()) {
                if (s.getBoolean("secret", false)) {
                    assertThat(s.get("value")).isIn(null, JsonValue.NULL);
                    WebElement secret = browser.driver.findElement(By.cssSelector("[data-key='" + s.getString("key") + "']"));
                    assertThat(secret.getAttribute("type")).isEqualTo("password");
                    assertThat(secret.getAttribute("value")).isEmpty();
                }
            }
            assertThat(browser.driver.getPageSource()).doesNotContain(DocumentServerDouble.SECRET);
        } finally {
            put(key, restore);
        }
    }

    /** Issue 20: people's words, anchored on ONLYOFFICE's connector settings; the key beside the label; grouped; checks in their group. */
    @Test
    void settingsSpeakPeoplesWordsGroupedWithTheirKeysAndTheirChecks() {
        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin#settings");
        browser.visible(By.cssSelector("[data-key='quire.onlyoffice.url']"));
        assertThat(browser.driver.findElements(By.cssSelector("#settings-fields fieldset.settings-group legend")))
                .extracting(WebElement::getText).startsWith("Document Server (ONLYOFFICE Docs)", "WOPI", "Security", "Sign-in protection", "Limits", "Storage");
        java.util.Map<String, String[]> expected = java.util.Map.of(
                "quire.onlyoffice.url", new String[]{"document-server", "Document Editing Service address"},
                "quire.onlyoffice.secret", new String[]{"document-server", "Secret key"},
                "quire.onlyoffice.jwt-header", new String[]{"document-server", "Authorization header"},
                "quire.onlyoffice.internal-url", new String[]{"document-server", "Document Editing Service address for internal requests from the server"},
                "quire.public-url", new String[]{"document-server", "Server address for internal requests from the Document Editing Service"},
                "quire.wopi.discovery-url", new String[]{"wopi", "WOPI discovery address"},
                "quire.trusted-networks", new String[]{"security", "Networks the Document Server calls from"},
                "quire.sign-in.lock-after", new String[]{"sign-in", "Failures that lock"},
                "quire.upload.max-bytes", new String[]{"storage", "Largest upload"});
        expected.forEach((key, where) -> {
            WebElement field = browser.driver.findElement(By.cssSelector("#group-" + where[0] + " [data-setting='" + key + "']"));
            assertThat(field.findElement(By.cssSelector("label .setting-label")).getText()).as(key).isEqualTo(where[1]);
            WebElement small = field.findElement(By.cssSelector("label .setting-key"));
            assertThat(small.getText()).isEqualTo(key);
            assertThat(Double.parseDouble(small.getCssValue("font-size").replace("px", "")))
                    .as("the key in small type").isLessThan(Double.parseDouble(field.findElement(By.cssSelector("label .setting-label")).getCssValue("font-size").replace("px", "")));
            WebElement help = field.findElement(By.cssSelector("p.help"));
            assertThat(help.getText()).as(key + " help").isNotBlank();
            assertThat(help.getLocation().getY()).as(key + " help under the field").isGreaterThan(field.findElement(By.cssSelector("[data-key]")).getLocation().getY());
        });
        browser.screenshot("settings-groups");

        browser.driver.findElement(By.id("settings-check")).click();
        WebElement health = until("the Document Server's checks in its group", () -> {
            List<WebElement> found = browser.driver.findElements(By.cssSelector("#group-document-server [data-checks] li.check[data-check='document-server-healthcheck']"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(health.getAttribute("data-ok")).as(health.getText()).isEqualTo("true");
        assertThat(browser.driver.findElements(By.cssSelector("#group-wopi [data-checks] li.check"))).extracting(e -> e.getAttribute("data-check"))
                .containsExactly("wopi-discovery");
        assertThat(browser.driver.findElements(By.cssSelector("#group-document-server [data-checks] li.check"))).extracting(e -> e.getAttribute("data-check"))
                .doesNotContain("wopi-discovery");
        browser.screenshot("settings-checked");
        assertThat(browser.driver.findElement(By.cssSelector("a[href='/api-docs']")).getText()).isEqualTo("REST API");
    }

    @Test
    void checkConnectionSucceedsThenFailsWithItsMessageAgainstADeadInternalUrl() {
        JsonObject internal = setting(Pattern.compile("internal", Pattern.CASE_INSENSITIVE));
        String key = internal.getString("key");
        JsonValue before = internal.get("value");
        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin#connection");
        try {
            browser.visible(By.id("check-connection")).click();
            List<WebElement> checks = until("the checks", () -> {
                List<WebElement> found = browser.driver.findElements(By.cssSelector("#checks li.check"));
                return found.isEmpty() ? null : found;
            });
            WebElement documentServer = documentServerCheck(checks);
            assertThat(documentServer.getAttribute("data-ok")).as(documentServer.getText()).isEqualTo("true");
            browser.screenshot("check-ok");

            // the internal URL through the settings screen, then the check again: the failure and its message
            browser.driver.findElement(By.cssSelector("a[href='#settings']")).click();
            WebElement input = browser.visible(By.cssSelector("[data-key='" + key + "']"));
            input.clear();
            input.sendKeys(DEAD_URL);
            browser.driver.findElement(By.id("settings-save")).click();
            until("the saved notice", () -> browser.driver.findElement(By.id("notice")).getText().contains(key));
            assertThat(stringValue(setting(key))).isEqualTo(DEAD_URL);

            browser.driver.findElement(By.cssSelector("a[href='#connection']")).click();
            // settings reach every node within seconds: check again until the new URL is in force
            WebElement failed = until("a failed check", () -> {
                browser.visible(By.id("check-connection")).click();
                until("the checks", () -> !browser.driver.findElements(By.cssSelector("#checks li.check")).isEmpty());
                WebElement health = documentServerCheck(browser.driver.findElements(By.cssSelector("#checks li.check")));
                if ("false".equals(health.getAttribute("data-ok"))) {
                    return health;
                }
                sleep(1500);
                return null;
            });
            String text = failed.getText();
            assertThat(text).startsWith("Failed").matches("(?s)Failed .+: .{10,}");
            assertThat(browser.driver.findElement(By.id("message")).isDisplayed() || browser.driver.findElement(By.id("notice")).getText().contains("failed")).isTrue();
            browser.screenshot("check-failed");
        } finally {
            put(key, before == null ? JsonValue.NULL : before);
        }
        assertThat(setting(key).get("value")).isEqualTo(before);
    }

    @Test
    void forceUnlockFromTheLocksScreen() {
        String holder = user("dave-" + run);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        String folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"locks-" + run + "\"}"));
        Api.Response acl = admin.send(admin.request("api/v1/folders/" + folder + "/acl").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"entries\":[{\"principal\":\"user:" + holder + "\",\"role\":\"editor\",\"effect\":\"allow\"}]}")));
        assertThat(acl.status()).as(acl.toString()).isEqualTo(200);
        String doc = created(as(holder).upload(folder, "held-" + run + ".docx", "held".getBytes()));
        Api.Response checkout = as(holder).post("api/v1/documents/" + doc + "/checkout");
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isTrue();

        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin#locks");
        WebElement row = until("the lock's row", () -> browser.driver.findElement(By.cssSelector("#locks-body tr[data-document='" + doc + "']")));
        assertThat(row.getText()).contains(holder).contains("CHECKOUT");
        browser.screenshot("locks");
        row.findElement(By.cssSelector(".force-unlock")).click();
        until("the unlock", () -> !admin.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked"));
        until("the row gone", () -> browser.driver.findElements(By.cssSelector("#locks-body tr[data-document='" + doc + "']")).isEmpty());
        assertThat(admin.get("api/v1/audit?type=LOCK_FORCE_RELEASED&documentId=" + doc).json().getInt("total")).isPositive();
    }

    @Test
    void theAuditSearchFiltersAndPages() {
        String login = user("erin-" + run);
        String home = as(login).get("api/v1/me").json().getString("homeFolderId");
        for (int i = 0; i < 25; i++) {
            created(as(login).upload(home, "note-" + i + ".txt", ("note " + i).getBytes())); // a DOCUMENT_CREATED row by erin each
        }
        JsonObject api = admin.get("api/v1/audit?user=" + login + "&type=DOCUMENT_CREATED&size=100").json();
        assertThat(api.getInt("total")).isEqualTo(25);

        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin#audit");
        browser.type(By.id("audit-user"), login);
        browser.type(By.id("audit-type"), "DOCUMENT_CREATED");
        browser.driver.findElement(By.id("audit-search")).click();
        until("a page of 20 rows", () -> browser.driver.findElements(By.cssSelector("#audit-body tr[data-type='DOCUMENT_CREATED']")).size() == 20);
        assertThat(browser.driver.findElements(By.cssSelector("#audit-body tr"))).allSatisfy(r -> assertThat(r.getText()).contains(login).contains("note-"));
        assertThat(browser.driver.findElement(By.id("audit-page")).getText()).isEqualTo("Page 1 of 2 (25 entries)");
        browser.screenshot("audit");

        browser.driver.findElement(By.id("audit-next")).click();
        until("page 2", () -> browser.driver.findElement(By.id("audit-page")).getText().startsWith("Page 2 of 2"));
        until("the last 5 rows", () -> browser.driver.findElements(By.cssSelector("#audit-body tr")).size() == 5);
        assertThat(browser.driver.findElement(By.id("audit-next")).isEnabled()).isFalse();

        // another user's filter finds none of erin's rows
        browser.type(By.id("audit-user"), "nobody-" + run);
        browser.driver.findElement(By.id("audit-search")).click();
        until("no rows", () -> browser.driver.findElements(By.cssSelector("#audit-body tr")).isEmpty());
        assertThat(browser.driver.findElement(By.id("audit-page")).getText()).isEqualTo("Page 1 of 1 (0 entries)");
    }

    @Test
    void everyScreenOpensAndShowsItsDataOrItsError() {
        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin");
        for (String section : List.of("settings", "connection", "sessions", "locks", "sign-in", "users", "access", "versions", "trash", "audit", "storage")) {
            browser.driver.findElement(By.cssSelector("a[href='#" + section + "']")).click();
            until(section, () -> browser.driver.findElement(By.id("section-" + section)).isDisplayed());
            sleep(300);
            assertThat(browser.driver.findElement(By.id("message")).isDisplayed())
                    .as(() -> section + ": " + browser.driver.findElement(By.id("message")).getText()).isFalse();
            browser.screenshot("screen-" + section);
        }
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.driver.findElement(By.cssSelector("a[href='#users']")).click();
        browser.screenshot("phone-users");
    }

    @Test
    void backUpNowFromTheStorageScreen() {
        int before = admin.get("api/v1/admin/backups").json().getJsonArray("backups").size();
        browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin");
        browser.driver.findElement(By.cssSelector("a[href='#storage']")).click();
        until("the backup figures", () -> browser.driver.findElement(By.id("backup-figures")).getText().contains("Last backup"));
        browser.driver.findElement(By.id("backup-now")).click();
        until("backed up", () -> browser.driver.findElement(By.id("backup-status")).getText().startsWith("Backed up: quire-backup-"));
        JsonObject state = admin.get("api/v1/admin/backups").json();
        assertThat(state.getJsonArray("backups").size()).isEqualTo(Math.min(before + 1, state.getInt("keep")));
        String newest = state.getJsonObject("last").getString("name");
        assertThat(browser.driver.findElement(By.id("backup-status")).getText()).contains(newest);
        until("the table lists it", () -> browser.driver.findElement(By.id("backup-body")).getText().contains(newest));
        assertThat(browser.driver.findElement(By.id("backup-figures")).getText()).doesNotContain("none yet");
    }

    @Test
    void aGuessingRunShowsOnEveryTabAndIsClearedFromTheSignInScreen() {
        String login = user("gwen-" + run);
        String attacker = Guessing.address();
        try (Guessing guessing = Guessing.lowered(quire, admin)) {
            guessing.lock(login, attacker);
            browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "admin#users");
            WebElement alert = until("the guessing notice", () -> {
                WebElement a = browser.driver.findElement(By.id("sign-in-alert"));
                return a.isDisplayed() ? a : null;
            });
            assertThat(alert.getText()).contains("Password guessing").contains(login).contains(attacker);
            browser.driver.findElement(By.cssSelector("#sign-in-alert a")).click();
            String row = "#sign-in-body tr[data-kind='login'][data-subject='" + login + "']";
            WebElement entry = until("the login's row", () -> browser.driver.findElement(By.cssSelector(row)));
            assertThat(entry.getText()).contains(String.valueOf(Guessing.LOCK_AFTER)).contains("locked until");
            browser.screenshot("sign-in");
            entry.findElement(By.tagName("button")).click();
            until("the row gone", () -> browser.driver.findElements(By.cssSelector(row)).isEmpty());
            assertThat(admin.get("api/v1/admin/sign-in-failures").body()).doesNotContain("\"subject\":\"" + login + "\"");
            assertThat(admin.get("api/v1/audit?type=SIGN_IN_CLEARED&size=100").body()).contains("login:" + login);
        }
    }

    @Test
    void theLoginPageSaysHowLongToWait() {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(quire.resolve("login?throttled=7").toString());
        WebElement message = browser.visible(By.id("login-message"));
        assertThat(message.getText()).isEqualTo("Too many failed sign-ins. Wait 7 seconds, then try again.");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The Document Server's health check (the configuration check before it also speaks of the Document Server). */
    private static WebElement documentServerCheck(List<WebElement> checks) {
        return checks.stream().filter(c -> c.getText().toLowerCase().contains("health")).findFirst()
                .or(() -> checks.stream().filter(c -> c.getText().toLowerCase().contains("document server")).findFirst())
                .orElse(checks.get(0));
    }

    private List<JsonObject> settings() {
        Api.Response r = admin.get("api/v1/admin/settings");
        assertThat(r.status()).as("GET admin/settings: " + r).isEqualTo(200);
        return r.json().getJsonArray("settings").getValuesAs(JsonObject.class);
    }

    private JsonObject setting(Pattern about) {
        return settings().stream().filter(s -> about.matcher(s.getString("key")).find() && !s.getBoolean("secret", false)).findFirst()
                .orElseThrow(() -> new AssertionError("no setting about " + about + " in " + settings()));
    }

    private JsonObject setting(String key) {
        return settings().stream().filter(s -> s.getString("key").equals(key)).findFirst().orElseThrow();
    }

    private static String stringValue(JsonObject setting) {
        JsonValue v = setting.get("value");
        return v == null || v == JsonValue.NULL ? null : v.getValueType() == JsonValue.ValueType.STRING ? setting.getString("value") : v.toString();
    }

    private void put(String key, JsonValue value) {
        Api.Response r = admin.send(admin.request("api/v1/admin/settings").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add(key, value).build().toString())));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Api as(String login) {
        return admin.as(login, PASSWORD);
    }

    private String user(String login) {
        Api.Response r = admin.postJson("api/v1/users", "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return login;
    }

}
