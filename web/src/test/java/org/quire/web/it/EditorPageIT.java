package org.quire.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quire.web.it.Api.created;

/**
 * The editor page {@code /edit/{id}} in a real browser: Debian's headless Chromium driven through chromedriver
 * (Selenium, the driver binary given explicitly: Selenium Manager never downloads anything). The Document
 * Server double serves a recording {@code api.js} ({@link DocumentServerDouble#API_JS}); the tests read what it
 * recorded from {@code window.__quire} and fire editor events through it. One browser for the class; a
 * screenshot of every test under {@code target/screenshots/} (prefixed FAILED- when the test failed).
 * <p>
 * Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian packages chromium and chromium-driver,
 * installed by {@code .ci/chromium.sh}); other paths with {@code -Dquire.it.chromium=…} and
 * {@code -Dquire.it.chromedriver=…}. Without them the class fails — a browser test that is skipped proves nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EditorPageIT {

    static final String PASSWORD = "user-password-1";
    static final Path SCREENSHOTS = Path.of(System.getProperty("quire.it.screenshots", "target/screenshots"));
    static final ObjectMapper JSON = new ObjectMapper();

    /** chromedriver has no CDP binding for every Chromium release; the page needs none (executeCdpCommand goes through the driver). */
    static final java.util.logging.Logger QUIET_CDP = quiet("org.openqa.selenium.devtools");

    static DocumentServerDouble ds;
    static ChromeDriverService driverService;
    static ChromeDriver browser;
    static Path profile;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_EVERY_TEST = new TestWatcher() {
        @Override
        public void testSuccessful(ExtensionContext context) {
            screenshot(context.getRequiredTestMethod().getName());
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot("FAILED-" + context.getRequiredTestMethod().getName());
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
    String folder;
    String editorLogin;
    String managerLogin;
    String viewerLogin;
    String memberLogin;

    @BeforeAll
    static void startDocumentServerAndBrowser() throws IOException {
        ds = DocumentServerDouble.start();
        Path chromium = Path.of(System.getProperty("quire.it.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("quire.it.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            fail("The browser test needs Chromium and chromedriver, but " + (Files.isExecutable(chromium) ? "" : chromium + " ")
                    + (Files.isExecutable(chromedriver) ? "" : chromedriver + " ") + "is missing. Install them with .ci/chromium.sh"
                    + " (as root: apt-get install chromium chromium-driver), or point -Dquire.it.chromium / -Dquire.it.chromedriver at them.");
        }
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        profile = Files.createTempDirectory("quire-chromium-");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // navigation returns at DOMContentLoaded: an api.js that never answers must not hold the test up (the tests poll)
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        // as the machine description says: no sandbox as root, and no background traffic towards Google
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,800");
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        browser.executeCdpCommand("Network.enable", Map.of());
    }

    @AfterAll
    static void stopBrowserAndDocumentServer() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
            if (driverService != null) {
                driverService.stop();
            }
        } finally {
            if (ds != null) {
                ds.close();
            }
            if (profile != null) {
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void setUp() {
        quire = RestApiIT.loopback(base);
        admin = new Api(quire, "admin", RestApiIT.ADMIN_PASSWORD);
        run = UUID.randomUUID().toString().substring(0, 8);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"edit-" + run + "\"}"));
        String group = "team-" + run;
        assertThat(admin.postJson("api/v1/groups", "{\"name\":\"" + group + "\"}").status()).isEqualTo(201);
        editorLogin = user("ed-" + run, "Edith Editor " + run, "edith-" + run + "@example.org", null);
        managerLogin = user("mg-" + run, "Max Manager " + run, null, null);
        viewerLogin = user("vw-" + run, "Vera Viewer " + run, null, null);
        memberLogin = user("tm-" + run, "Tim Teammember " + run, null, group);
        user("st-" + run, "Stan Stranger " + run, null, null);
        Api.Response acl = admin.send(admin.request("api/v1/folders/" + folder + "/acl").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inherit\":false,\"entries\":["
                        + "{\"principal\":\"user:" + editorLogin + "\",\"role\":\"editor\",\"effect\":\"allow\"},"
                        + "{\"principal\":\"user:" + managerLogin + "\",\"role\":\"manager\",\"effect\":\"allow\"},"
                        + "{\"principal\":\"user:" + viewerLogin + "\",\"role\":\"viewer\",\"effect\":\"allow\"},"
                        + "{\"principal\":\"group:" + group + "\",\"role\":\"commenter\",\"effect\":\"allow\"}]}")));
        assertThat(acl.status()).as(acl.toString()).isEqualTo(200);
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    void thePageLoadsApiJsFromTheDocumentServerAndOpensTheEditorWithTheSignedConfig() throws IOException {
        String doc = created(as(editorLogin).upload(folder, "report.docx", "v1".getBytes()));
        int apiJsBefore = ds.apiJsFetches();
        open(editorLogin, "edit/" + doc + "?mode=edit");

        assertThat(script("return window.__quire.apiScript")).as("api.js from quire.onlyoffice.url")
                .isEqualTo(DocumentServerDouble.URL + "web-apps/apps/api/documents/api.js");
        assertThat(ds.apiJsFetches()).as("the browser fetched the double's api.js").isGreaterThan(apiJsBefore);
        assertThat(script("return window.__quire.placeholder")).isEqualTo("editor");

        JsonNode config = recordedConfig();
        assertThat(config.at("/type").asText()).isEqualTo("desktop");
        assertThat(config.at("/documentType").asText()).isEqualTo("word");
        assertThat(config.at("/editorConfig/mode").asText()).isEqualTo("edit");
        assertThat(config.at("/editorConfig/user/id").asText()).isEqualTo(editorLogin);
        assertThat(config.at("/document/permissions/edit").asBoolean()).isTrue();
        assertThat(config.at("/document/url").asText()).contains("/onlyoffice/files/" + doc + "/");

        // the token verifies with the shared secret, and what it signs is the config the editor was given
        Claims signed = Jwts.parser().verifyWith(new SecretKeySpec(DocumentServerDouble.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build().parseSignedClaims(config.at("/token").asText()).getPayload();
        ObjectNode signedConfig = JSON.valueToTree(new java.util.LinkedHashMap<>(signed));
        signedConfig.remove(List.of("iat", "exp"));
        ObjectNode given = config.deepCopy();
        given.remove(List.of("token", "width", "height", "events"));
        assertThat(signedConfig).isEqualTo(given);

        assertThat(events()).contains("onRequestHistory", "onRequestHistoryData", "onRequestHistoryClose", "onRequestRestore",
                "onRequestRename", "onRequestSaveAs", "onRequestUsers", "onRequestSharingSettings", "onRequestClose", "onError");
        assertThat(until("the editor frame from the Document Server", () -> Boolean.TRUE.equals(script("return window.__quire.frameLoaded === true")))).isTrue();
        assertThat(violations()).as("Content-Security-Policy violations").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(DocumentServerDouble.SECRET).doesNotContain(config.at("/token").asText());
        assertThat(browser.findElement(By.id("message")).isDisplayed()).isFalse();

        // the page itself: signed in only, a policy that admits scripts and frames from Quire and the Document Server only
        Api.Response page = as(editorLogin).get("edit/" + doc);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self' http://127.0.0.1:" + DocumentServerDouble.PORT + ";")
                .contains("frame-src 'self' http://127.0.0.1:" + DocumentServerDouble.PORT + ";");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).doesNotContain(DocumentServerDouble.SECRET).doesNotContain("token");
        assertThat(admin.as(null, null).get("edit/" + doc).status()).isEqualTo(401);
        assertThat(as("st-" + run).get("edit/" + doc).status()).isEqualTo(404);

        screenshot("desktop-editor");

        // a viewer asking for edit gets the view config, and no "edit" button (onRequestEditRights) is declared
        open(viewerLogin, "edit/" + doc + "?mode=edit");
        assertThat(recordedConfig().at("/editorConfig/mode").asText()).isEqualTo("view");
        assertThat(events()).doesNotContain("onRequestEditRights");
    }

    @Test
    void mentionsListThePeopleWhoMayReadAndTheSharingSettingsShowTheAcl() {
        String doc = created(as(editorLogin).upload(folder, "team.docx", "team".getBytes()));
        open(managerLogin, "edit/" + doc);

        fire("onRequestUsers", "{c: 'mention'}");
        JsonNode setUsers = lastCall("setUsers");
        assertThat(setUsers.at("/c").asText()).isEqualTo("mention");
        Set<String> ids = new HashSet<>();
        setUsers.at("/users").forEach(u -> ids.add(u.get("id").asText()));
        assertThat(ids).as("the people the ACL lets read: not the stranger, not the administrator")
                .containsExactlyInAnyOrder(editorLogin, managerLogin, viewerLogin, memberLogin);
        JsonNode edith = find(setUsers.at("/users"), editorLogin);
        assertThat(edith.get("name").asText()).isEqualTo("Edith Editor " + run);
        assertThat(edith.get("email").asText()).isEqualTo("edith-" + run + "@example.org");
        assertThat(find(setUsers.at("/users"), viewerLogin).has("email")).as("no e-mail address, no field").isFalse();

        fire("onRequestSharingSettings", "undefined");
        JsonNode sharing = lastCall("setSharingSettings").at("/sharingSettings");
        assertThat(sharing.size()).isEqualTo(4);
        assertThat(find(sharing, "user", editorLogin).get("permissions").asText()).isEqualTo("editor (inherited)");
        assertThat(find(sharing, "user", "Group team-" + run).get("permissions").asText()).isEqualTo("commenter (inherited)");

        // someone who may not read the ACL is told so in the page's message area; the editor gets nothing
        open(editorLogin, "edit/" + doc);
        fire("onRequestSharingSettings", "undefined");
        WebElement message = browser.findElement(By.id("message"));
        until("the message area", message::isDisplayed);
        assertThat(message.getText()).contains("Only the managers");
        assertThat(message.getAttribute("role")).isEqualTo("alert");
        assertThat(calls("setSharingSettings")).isEmpty();

        // the endpoint itself: unknown c refused, a stranger told the document does not exist
        assertThat(as(viewerLogin).get("api/v1/documents/" + doc + "/onlyoffice/users?c=everyone").status()).isEqualTo(400);
        assertThat(as("st-" + run).get("api/v1/documents/" + doc + "/onlyoffice/users").status()).isEqualTo(404);
        JsonObject info = as(viewerLogin).get("api/v1/documents/" + doc + "/onlyoffice/users?c=info&user=" + memberLogin).json();
        assertThat(info.getString("c")).isEqualTo("info");
        assertThat(info.getJsonArray("users")).hasSize(1);
    }

    @Test
    void historyRestoreAndRenameGoThroughQuire() {
        String doc = created(as(editorLogin).upload(folder, "plan.docx", "one".getBytes()));
        Api.Response second = as(editorLogin).send(as(editorLogin).request("api/v1/documents/" + doc + "/content")
                .header("Content-Type", "application/octet-stream").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("two")));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        open(editorLogin, "edit/" + doc);
        String key = recordedConfig().at("/document/key").asText();

        fire("onRequestHistory", "undefined");
        JsonNode history = lastCall("refreshHistory");
        assertThat(history.at("/currentVersion").asInt()).isEqualTo(2);
        assertThat(history.at("/history").size()).isEqualTo(2);
        assertThat(history.at("/history/1/key").asText()).as("the open editor's key on the current version").isEqualTo(key);
        assertThat(history.at("/history/0/key").asText()).isNotEqualTo(key);

        fire("onRequestHistoryData", "1");
        JsonNode data = lastCall("setHistoryData");
        assertThat(data.at("/version").asInt()).isEqualTo(1);
        assertThat(data.at("/url").asText()).contains("/onlyoffice/files/" + doc + "/");
        assertThat(data.at("/token").asText()).as("signed for the Document Server").isNotBlank();

        fire("onRequestRestore", "{version: 1}");
        until("the history after the restore", () -> calls("refreshHistory").size() == 2);
        assertThat(lastCall("refreshHistory").at("/currentVersion").asInt()).isEqualTo(3);
        assertThat(as(editorLogin).download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("one".getBytes()));

        fire("onRequestRename", "'Plan B'");
        until("the rename in Quire", () -> "Plan B.docx".equals(admin.get("api/v1/documents/" + doc).json().getString("name")));
        assertThat(browser.findElement(By.id("message")).isDisplayed()).isFalse();

        // someone who may only read: the history is shown, a restore is refused and the user told; nothing changes
        open(viewerLogin, "edit/" + doc);
        fire("onRequestRestore", "{version: 2}");
        WebElement message = browser.findElement(By.id("message"));
        until("the message area", message::isDisplayed);
        assertThat(message.getText()).contains("could not be restored");
        assertThat(admin.get("api/v1/documents/" + doc + "/versions").json().getInt("total")).isEqualTo(3);
    }

    @Test
    void saveAsCreatesACopyInTheFolderWithTheBytesTheDocumentServerServes() {
        String doc = created(as(editorLogin).upload(folder, "report.docx", "original".getBytes()));
        open(editorLogin, "edit/" + doc);
        byte[] copyBytes = ("the copy " + run).getBytes();
        String url = ds.serve(copyBytes);

        fire("onRequestSaveAs", "{url: '" + url + "', title: 'Copy of report.docx', fileType: 'docx'}");
        WebElement notice = browser.findElement(By.id("notice"));
        until("the notice", notice::isDisplayed);
        assertThat(notice.getText()).contains("Copy of report.docx");
        JsonObject copy = child("Copy of report.docx");
        assertThat(copy).as("the copy in the source's folder").isNotNull();
        assertThat(as(editorLogin).download("api/v1/documents/" + copy.getString("id") + "/content").sha256()).isEqualTo(Api.sha256(copyBytes));
        assertThat(ds.fetches(url)).isEqualTo(1);

        // the same title again: a free name, never an overwrite
        fire("onRequestSaveAs", "{url: '" + url + "', title: 'Copy of report', fileType: 'docx'}");
        until("the second copy", () -> child("Copy of report (2).docx") != null);

        // a link on another origin is refused, never fetched, and the user is told
        int children = children().size();
        fire("onRequestSaveAs", "{url: 'http://127.0.0.1:18992/cache/files/x/output.docx', title: 'Stolen.docx', fileType: 'docx'}");
        WebElement message = browser.findElement(By.id("message"));
        until("the message area", message::isDisplayed);
        assertThat(message.getText()).contains("not on the Document Server");
        assertThat(children()).hasSize(children);

        // the endpoint: 201 + Location; a viewer (no WRITE on the folder) is refused before anything is fetched
        String url2 = ds.serve("more".getBytes());
        Api.Response made = as(editorLogin).postJson("api/v1/documents/" + doc + "/onlyoffice/save-as",
                "{\"url\":\"" + url2 + "\",\"title\":\"Third\",\"fileType\":\"pdf\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.header("Location")).endsWith("/api/v1/documents/" + made.json().getString("id"));
        assertThat(made.json().getString("name")).isEqualTo("Third.pdf");
        assertThat(made.json().getString("folderId")).isEqualTo(folder);
        String url3 = ds.serve("viewer".getBytes());
        Api.Response refused = as(viewerLogin).postJson("api/v1/documents/" + doc + "/onlyoffice/save-as",
                "{\"url\":\"" + url3 + "\",\"title\":\"Mine.docx\",\"fileType\":\"docx\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(ds.fetches(url3)).isZero();
        Api.Response foreign = as(editorLogin).postJson("api/v1/documents/" + doc + "/onlyoffice/save-as",
                "{\"url\":\"http://example.org/output.docx\",\"title\":\"x\",\"fileType\":\"docx\"}");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.json().getString("error")).isEqualTo("foreign_origin");
    }

    @Test
    void atPhoneWidthTheEditorIsTheMobileOneAndThePageWorksWithTheKeyboard() {
        String doc = created(as(editorLogin).upload(folder, "phone.xlsx", "cells".getBytes()));
        browser.manage().window().setSize(new Dimension(390, 844));
        open(viewerLogin, "edit/" + doc + "?mode=view");
        assertThat(recordedConfig().at("/type").asText()).isEqualTo("mobile");
        assertThat(recordedConfig().at("/documentType").asText()).isEqualTo("cell");
        Number width = (Number) script("return document.documentElement.scrollWidth");
        assertThat(width.intValue()).as("no horizontal scrolling at phone width").isLessThanOrEqualTo(390);

        screenshot("phone-editor");

        // the first Tab reaches the way back, a labelled link; Enter follows it to the document's folder
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("back");
        assertThat(focused.getText()).isEqualTo("Back to the folder");
        assertThat(browser.findElement(By.tagName("main")).getAttribute("aria-label")).contains("phone.xlsx");
        assertThat(focused.getAttribute("href")).endsWith("/?folder=" + folder);

        // the editor's close button goes to the same place
        fire("onRequestClose", "undefined");
        until("the folder page", () -> browser.getCurrentUrl().endsWith("/?folder=" + folder));
    }

    @Test
    void withoutADocumentServerUrlThePageIsAReadablePageSayingWhatToSet() {
        String doc = created(as(editorLogin).upload(folder, "unconfigured.docx", "v1".getBytes()));
        setting("{\"quire.onlyoffice.url\":\"\"}");
        try {
            Api.Response page = as(editorLogin).get("edit/" + doc);
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';").doesNotContain("18991");

            int apiJsBefore = ds.apiJsFetches();
            load(editorLogin, "edit/" + doc);
            WebElement message = browser.findElement(By.id("message"));
            until("the message", message::isDisplayed);
            assertThat(message.getAttribute("role")).isEqualTo("alert");
            assertThat(message.getText()).contains("ONLYOFFICE is not configured").contains("quire.onlyoffice.url");
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Ask your administrator");
            assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("unconfigured.docx");
            assertThat(browser.findElement(By.id("back")).getAttribute("href")).endsWith("/?folder=" + folder);
            assertThat(script("return typeof window.DocsAPI")).isEqualTo("undefined");
            assertThat(ds.apiJsFetches()).as("nothing loaded from a Document Server").isEqualTo(apiJsBefore);
            screenshot("not-configured");
        } finally {
            setting("{\"quire.onlyoffice.url\":null}");
        }
    }

    @Test
    void whenTheBrowserCannotLoadApiJsThePageSaysSoAndWhatToCheck() throws IOException {
        String doc = created(as(editorLogin).upload(folder, "unreachable.docx", "v1".getBytes()));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        // nothing listens: the script fails at once
        setting("{\"quire.onlyoffice.url\":\"http://127.0.0.1:" + closedPort + "/\"}");
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            load(editorLogin, "edit/" + doc);
            WebElement message = browser.findElement(By.id("message"));
            until("the message", message::isDisplayed);
            assertThat(message.getText()).contains("api.js could not be loaded from http://127.0.0.1:" + closedPort + "/web-apps/apps/api/documents/api.js")
                    .contains("Check that the Document Server is running").contains("quire.onlyoffice.url").contains("Check connection");
            assertThat(browser.findElements(By.cssSelector("#editor .loading"))).as("no endless 'Opening the editor…'").isEmpty();

            // connections accepted, never answered (a firewall or a proxy that swallows them): the page says so after its timeout
            setting("{\"quire.onlyoffice.url\":\"http://127.0.0.1:" + blackHole.getLocalPort() + "/\"}");
            Instant opened = Instant.now();
            load(editorLogin, "edit/" + doc);
            WebElement later = browser.findElement(By.id("message"));
            assertThat(later.isDisplayed()).as("still waiting for api.js").isFalse();
            until("the message after the timeout", later::isDisplayed);
            assertThat(Duration.between(opened, Instant.now())).as("after the page's 15 s timeout").isGreaterThanOrEqualTo(Duration.ofSeconds(14));
            assertThat(later.getText()).contains("api.js did not load from http://127.0.0.1:" + blackHole.getLocalPort()
                    + "/web-apps/apps/api/documents/api.js within 15 s").contains("this browser can reach it");
            screenshot("api-js-timeout");
        } finally {
            setting("{\"quire.onlyoffice.url\":null}");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Changes settings at run time through the administrators' API (in force on this node at once). */
    private void setting(String json) {
        Api.Response r = admin.send(admin.request("api/v1/admin/settings").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Opens a page of Quire as {@code login} without waiting for the editor. */
    private void load(String login, String path) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", basic)));
        browser.get(quire.resolve(path).toString());
    }

    /** Opens a page of Quire as {@code login} (HTTP Basic on every request of the browser) and waits for the editor. */
    private void open(String login, String path) {
        load(login, path);
        until("the editor opened by the page", () -> Boolean.TRUE.equals(script("return !!(window.__quire && window.__quire.ready)"))
                || browser.findElement(By.id("message")).isDisplayed());
        assertThat(browser.findElement(By.id("message")).isDisplayed()).as(() -> "error shown: " + browser.findElement(By.id("message")).getText()).isFalse();
    }

    private void fire(String event, String data) {
        script("window.__quire.fire('" + event + "', " + data + ")");
    }

    private JsonNode recordedConfig() {
        return parse((String) script("return JSON.stringify(window.__quire.config)"));
    }

    private List<String> events() {
        return List.of(JSON.convertValue(parse((String) script("return JSON.stringify(window.__quire.events)")), String[].class));
    }

    private List<String> violations() {
        return List.of(JSON.convertValue(parse((String) script("return JSON.stringify(window.__quire.violations)")), String[].class));
    }

    private List<JsonNode> calls(String method) {
        JsonNode all = parse((String) script("return JSON.stringify(window.__quire.calls)"));
        List<JsonNode> found = new java.util.ArrayList<>();
        all.forEach(c -> {
            if (c.get("method").asText().equals(method)) {
                found.add(c.get("arg"));
            }
        });
        return found;
    }

    private JsonNode lastCall(String method) {
        until("a call of " + method, () -> !calls(method).isEmpty());
        List<JsonNode> found = calls(method);
        return found.get(found.size() - 1);
    }

    private static JsonNode find(JsonNode array, String id) {
        return find(array, "id", id);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no entry with " + field + "=" + value + " in " + array);
    }

    private static Object script(String js) {
        return browser.executeScript(js);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T until(String what, Supplier<T> condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            T value;
            try {
                value = condition.get();
            } catch (RuntimeException e) {
                value = null;
            }
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 20 s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<JsonObject> children() {
        return admin.get("api/v1/folders/" + folder + "/children?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private JsonObject child(String name) {
        return children().stream().filter(c -> c.getString("name").equals(name)).findFirst().orElse(null);
    }

    private Api as(String login) {
        return admin.as(login, PASSWORD);
    }

    private String user(String login, String displayName, String email, String group) {
        String body = "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + displayName + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + (group == null ? "" : ",\"groups\":[\"" + group + "\"]") + "}";
        Api.Response r = admin.postJson("api/v1/users", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return login;
    }


    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static void screenshot(String name) {
        if (browser == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("EditorPageIT-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("EditorPageIT: no screenshot of " + name + ": " + e);
        }
    }
}
