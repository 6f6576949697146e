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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;
import static org.quire.web.it.Browser.until;

/**
 * The document browser {@code /} in a real browser (headless Chromium, {@link Browser}): the login form, CSRF,
 * upload with progress, new blank documents, the editor link, the ACL editor, rename, trash and restore, phone
 * width and the keyboard. Every effect is checked through the REST API, not only on the page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentBrowserIT {

    static final String PASSWORD = "browser-password-1";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Browser browser;
    static DocumentServerDouble ds;

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
    String folder;
    String alice;
    String bob;

    @BeforeAll
    static void startBrowser() throws IOException {
        ds = DocumentServerDouble.start();
        browser = Browser.start("DocumentBrowserIT");
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
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
        alice = user("alice-" + run);
        bob = user("bob-" + run);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"browse-" + run + "\"}"));
        Api.Response acl = admin.send(admin.request("api/v1/folders/" + folder + "/acl").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"inherit\":false,\"entries\":[{\"principal\":\"user:" + alice
                        + "\",\"role\":\"manager\",\"effect\":\"allow\"}]}")));
        assertThat(acl.status()).as(acl.toString()).isEqualTo(200);
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    void signingInThroughTheFormWrongPasswordThenRightOne() throws Exception {
        browser.driver.get(quire.resolve("login").toString());
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(quire.resolve("?folder=" + folder).toString());
        until("the redirect to the login page", () -> browser.driver.getCurrentUrl().contains("/login?next="));
        browser.screenshot("login");

        browser.type(By.id("username"), alice);
        browser.type(By.id("password"), "not-the-password");
        browser.driver.findElement(By.id("sign-in")).click();
        WebElement message = browser.visible(By.id("login-message"));
        assertThat(message.getText()).isEqualTo("Wrong user name or password.");
        assertThat(message.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.driver.getCurrentUrl()).contains("/login");
        JsonObject failure = admin.get("api/v1/audit?type=LOGIN_FAILED&size=50").json();
        assertThat(failure.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(e -> e.getString("target"))
                .contains("login:" + alice);
        assertThat(failure.toString()).doesNotContain("not-the-password");
        browser.screenshot("login-failed");

        browser.type(By.id("password"), PASSWORD);
        browser.driver.findElement(By.id("sign-in")).click();
        until("the folder the browser asked for", () -> browser.driver.getCurrentUrl().endsWith("/?folder=" + folder));
        // the heading says "Documents" until the folder has loaded
        until("the folder's name as the heading", () -> browser.visible(By.id("heading")).getText().equals("browse-" + run));
        assertThat(browser.visible(By.id("who")).getText()).isEqualTo("Alice " + run);

        // the session cookie: HttpOnly, SameSite=Strict, and not readable by the page's scripts
        assertThat((String) browser.script("return document.cookie")).doesNotContain("JSESSIONID");
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(quire.resolve("login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + alice + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        List<String> cookies = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(cookies).isNotEmpty().allSatisfy(c -> assertThat(c).containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure"));
        assertThat(cookies.get(cookies.size() - 1)).as("the cookie the browser keeps").containsIgnoringCase("SameSite=Strict");
        assertThat(browser.driver.manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualTo("Strict");
        assertThat(browser.driver.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();

        // browsers never get a Basic challenge; API clients still do; pages send browsers to the login form
        HttpResponse<String> fromBrowser = HTTP.send(HttpRequest.newBuilder(quire.resolve("api/v1/me")).header("Accept", "text/html,*/*").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromBrowser.statusCode()).isEqualTo(401);
        assertThat(fromBrowser.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> fromScript = HTTP.send(HttpRequest.newBuilder(quire.resolve("api/v1/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromScript.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(quire.resolve("edit/x")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isIn(302, 303);
        assertThat(page.headers().firstValue("Location").orElse("")).contains("/login?next=%2Fedit%2Fx");
        HttpResponse<String> browserPage = HTTP.send(HttpRequest.newBuilder(quire.resolve("")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browserPage.statusCode()).isEqualTo(303);
        assertThat(browserPage.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");

        // signing out ends the session: the API answers 401 to the same browser
        browser.driver.findElement(By.id("logout")).click();
        until("the login page", () -> browser.driver.getCurrentUrl().contains("/login"));
        Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/me', {headers: {'X-Requested-With': 'quire'}}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(401);
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
        browser.visible(By.id("listing"));
        String script = "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/folders', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({parentId: arguments[0], name: arguments[1]})}).then(r => done(r.status), e => done(String(e)));";
        Object status = browser.asyncScript(script, folder, "csrf-" + run);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(childNames()).doesNotContain("csrf-" + run);
        assertThat(admin.get("api/v1/audit?type=CSRF_REJECTED&user=" + alice + "&size=5").json().getInt("total")).isPositive();

        // a wrong token is refused the same way; the page's own token is accepted
        Object wrong = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/folders', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': 'guess'},"
                + " body: JSON.stringify({parentId: arguments[0], name: arguments[1]})}).then(r => done(r.status));", folder, "csrf-" + run);
        assertThat(((Number) wrong).intValue()).isEqualTo(403);
        Object right = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/session').then(r => r.json()).then(s => fetch('/api/v1/folders', {method: 'POST',"
                + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},"
                + " body: JSON.stringify({parentId: arguments[0], name: arguments[1]})})).then(r => done(r.status));", folder, "csrf-ok-" + run);
        assertThat(((Number) right).intValue()).isEqualTo(201);
        assertThat(childNames()).contains("csrf-ok-" + run).doesNotContain("csrf-" + run);
    }

    @Test
    void uploadShowsProgressToOneHundredPercentAndTheBytesArrive() throws Exception {
        byte[] content = new byte[6 * 1024 * 1024];
        new SecureRandom().nextBytes(content);
        Path file = Files.createTempDirectory("quire-upload-").resolve("big-" + run + ".bin");
        Files.write(file, content);
        try {
            browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
            browser.visible(By.id("listing"));
            browser.driver.findElement(By.id("upload-input")).sendKeys(file.toString());
            WebElement progress = browser.visible(By.id("upload-progress"));
            until("the upload to finish", () -> browser.driver.findElement(By.id("upload-status")).getText().equals("Uploaded big-" + run + ".bin (100%)"));
            assertThat(progress.getAttribute("value")).isEqualTo("100");
            browser.screenshot("uploaded");
            WebElement row = until("the new row", () -> browser.driver.findElement(By.cssSelector("tr[data-name='big-" + run + ".bin']")));
            assertThat(row.getText()).contains("6.0 MB");
            JsonObject doc = child("big-" + run + ".bin");
            assertThat(doc.getJsonNumber("size").longValue()).isEqualTo(content.length);
            assertThat(admin.download("api/v1/documents/" + doc.getString("id") + "/content").sha256()).isEqualTo(Api.sha256(content));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    @Test
    void newBlankDocumentIsAValidOfficePackageAndOpensInTheEditorPage() throws Exception {
        browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
        browser.visible(By.id("listing"));
        browser.choose(browser.driver.findElement(By.id("new-document-type")), "docx");
        browser.type(By.id("new-document-name"), "Minutes " + run);
        browser.driver.findElement(By.id("new-document-create")).click();
        WebElement open = until("the new document's Open link",
                () -> browser.driver.findElement(By.cssSelector("tr[data-name='Minutes " + run + ".docx'] .open-editor")));
        JsonObject doc = child("Minutes " + run + ".docx");
        assertThat(doc.getString("mimeType")).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(parts(download(doc.getString("id")))).contains("[Content_Types].xml", "_rels/.rels", "word/document.xml");

        // the endpoint: the other types, the extension added, WRITE needed
        for (String[] t : new String[][]{{"xlsx", "xl/workbook.xml"}, {"pptx", "ppt/presentation.xml"}}) {
            Api.Response made = as(alice).postJson("api/v1/folders/" + folder + "/documents/blank", "{\"type\":\"" + t[0] + "\",\"name\":\"New " + t[0] + "\"}");
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            assertThat(made.json().getString("name")).isEqualTo("New " + t[0] + "." + t[0]);
            assertThat(parts(download(made.json().getString("id")))).contains(t[1]);
        }
        assertThat(as(alice).postJson("api/v1/folders/" + folder + "/documents/blank", "{\"type\":\"odt\"}").status()).isEqualTo(400);
        assertThat(as(bob).postJson("api/v1/folders/" + folder + "/documents/blank", "{\"type\":\"docx\"}").status()).isEqualTo(404);

        // the Open link goes to the ONLYOFFICE editor page, which works with the browser session
        assertThat(open.getAttribute("href")).endsWith("/edit/" + doc.getString("id"));
        open.click();
        until("the editor page", () -> browser.driver.getCurrentUrl().endsWith("/edit/" + doc.getString("id")));
        assertThat(browser.visible(By.id("title")).getText()).isEqualTo("Minutes " + run + ".docx");
        until("the editor opened by the page", () -> Boolean.TRUE.equals(browser.script("return !!(window.__quire && window.__quire.ready)")));
        browser.screenshot("editor-page");
        browser.driver.findElement(By.id("back")).click();
        until("back in the folder", () -> browser.driver.getCurrentUrl().endsWith("/?folder=" + folder));
    }

    @Test
    void sharingAFolderInTheAclEditorLetsTheOtherUserListIt() {
        String shared = created(as(alice).postJson("api/v1/folders", "{\"parentId\":\"" + folder + "\",\"name\":\"shared-" + run + "\"}"));
        created(as(alice).upload(shared, "plan-" + run + ".txt", "plan".getBytes()));
        assertThat(as(bob).get("api/v1/folders/" + shared + "/children").status()).as("not shared yet").isEqualTo(404);

        browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
        until("the folder row", () -> browser.driver.findElement(By.cssSelector("tr[data-id='" + shared + "'] .details-button"))).click();
        WebElement add = browser.visible(By.cssSelector("#acl-area .acl-add"));
        add.click();
        List<WebElement> principals = browser.driver.findElements(By.cssSelector("#acl-area .acl-principal"));
        WebElement principal = principals.get(principals.size() - 1);
        assertThat(browser.driver.switchTo().activeElement()).as("the new entry gets the focus").isEqualTo(principal);
        principal.sendKeys("user:" + bob);
        List<WebElement> roles = browser.driver.findElements(By.cssSelector("#acl-area .acl-role"));
        browser.choose(roles.get(roles.size() - 1), "viewer");
        browser.screenshot("acl-editor");
        browser.driver.findElement(By.cssSelector("#acl-area .acl-save")).click();
        until("the notice", () -> browser.driver.findElement(By.id("notice")).getText().equals("Access rights saved."));

        Api.Response listing = as(bob).get("api/v1/folders/" + shared + "/children");
        assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
        assertThat(listing.json().getJsonArray("items").getValuesAs(JsonObject.class)).extracting(o -> o.getString("name")).containsExactly("plan-" + run + ".txt");
        JsonObject acl = admin.get("api/v1/folders/" + shared + "/acl").json();
        assertThat(acl.getJsonArray("entries").getValuesAs(JsonObject.class)).extracting(e -> e.getString("principal") + " " + e.getString("role") + " " + e.getString("effect"))
                .containsExactly("user:" + bob + " viewer allow");
        assertThat(as(bob).postJson("api/v1/folders", "{\"parentId\":\"" + shared + "\",\"name\":\"x\"}").status()).as("a viewer cannot write").isEqualTo(403);
    }

    @Test
    void renameTrashAndRestoreFromTheTrashView() {
        String doc = created(as(alice).upload(folder, "draft-" + run + ".txt", "draft".getBytes()));
        browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
        until("the row", () -> browser.driver.findElement(By.cssSelector("tr[data-id='" + doc + "'] .details-button"))).click();
        WebElement name = browser.visible(By.id("rename-input"));
        name.clear();
        name.sendKeys("final-" + run + ".txt");
        browser.driver.findElement(By.id("rename-save")).click();
        until("the rename", () -> "final-".concat(run).concat(".txt").equals(admin.get("api/v1/documents/" + doc).json().getString("name")));
        until("the renamed row", () -> browser.driver.findElement(By.cssSelector("tr[data-name='final-" + run + ".txt']")));

        browser.visible(By.id("trash-button")).click();
        until("the trash", () -> admin.get("api/v1/documents/" + doc).json().getBoolean("trashed"));
        until("the row gone", () -> browser.driver.findElements(By.cssSelector("tr[data-id='" + doc + "']")).isEmpty());
        assertThat(browser.visible(By.id("undo-trash")).isDisplayed()).isTrue();

        browser.driver.findElement(By.id("nav-trash")).click();
        WebElement restore = until("the trashed row", () -> browser.driver.findElement(By.cssSelector("#trash-body tr[data-id='" + doc + "'] .restore-button")));
        browser.screenshot("trash");
        restore.click();
        until("the restore", () -> !admin.get("api/v1/documents/" + doc).json().getBoolean("trashed"));
        assertThat(childNames()).contains("final-" + run + ".txt");
        until("the notice", () -> browser.driver.findElement(By.id("notice")).getText().contains("restored"));
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        created(as(alice).upload(folder, "a-rather-long-document-name-for-a-phone-" + run + ".docx", "x".getBytes()));
        browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.driver.navigate().refresh();
        until("the row", () -> browser.driver.findElement(By.cssSelector("#listing-body tr")));
        Number width = (Number) browser.script("return document.documentElement.scrollWidth");
        Number viewport = (Number) browser.script("return window.innerWidth");
        assertThat(width.intValue()).as("no horizontal scrolling at phone width").isLessThanOrEqualTo(viewport.intValue());
        browser.screenshot("phone-folder");
        browser.driver.findElement(By.cssSelector("#listing-body .details-button")).click();
        browser.visible(By.id("details"));
        browser.screenshot("phone-details");
    }

    @Test
    void theMainActionsWorkWithTheKeyboardAlone() {
        String doc = created(as(alice).upload(folder, "keys-" + run + ".txt", "keys".getBytes()));
        browser.signIn(quire, alice, PASSWORD, "?folder=" + folder);
        until("the row", () -> browser.driver.findElement(By.cssSelector("tr[data-id='" + doc + "']")));

        // Tab from the top reaches the new-folder field; typing and Enter creates the folder
        WebElement field = tabUntil("new-folder-name", 20);
        assertThat(browser.driver.findElement(By.cssSelector("label[for='new-folder-name']")).getText()).isEqualTo("New folder");
        field.sendKeys("by-keyboard-" + run, Keys.ENTER);
        until("the folder", () -> childNames().contains("by-keyboard-" + run));
        until("the folder's row", () -> browser.driver.findElement(By.cssSelector("tr[data-name='by-keyboard-" + run + "']")));

        // on to the document's Details button; Enter opens the panel, which takes the focus
        WebElement details = tabUntilMatches("button[aria-label='Details of keys-" + run + ".txt']", 40);
        details.sendKeys(Keys.ENTER);
        until("the panel focused", () -> "details".equals(browser.driver.switchTo().activeElement().getAttribute("id")));
        String outline = (String) browser.script("const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;");
        browser.screenshot("keyboard-details");

        // the rename field is the next stop after the panel's open links; Enter renames
        WebElement rename = tabUntil("rename-input", 10);
        rename.sendKeys(Keys.chord(Keys.CONTROL, "a"), "renamed-by-keys-" + run + ".txt", Keys.ENTER);
        until("the rename", () -> ("renamed-by-keys-" + run + ".txt").equals(admin.get("api/v1/documents/" + doc).json().getString("name")));
        assertThat(outline).as("focus is visible on the panel").doesNotStartWith("none");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private WebElement tabUntil(String id, int max) {
        for (int i = 0; i < max; i++) {
            WebElement active = browser.driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id + "; focus is on " + browser.driver.switchTo().activeElement().getAttribute("outerHTML"));
    }

    private WebElement tabUntilMatches(String css, int max) {
        WebElement target = browser.driver.findElement(By.cssSelector(css));
        for (int i = 0; i < max; i++) {
            WebElement active = browser.driver.switchTo().activeElement();
            if (active.equals(target)) {
                return active;
            }
            new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + css);
    }

    private byte[] download(String id) {
        try {
            HttpResponse<byte[]> bytes = HTTP.send(admin.request("api/v1/documents/" + id + "/content").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bytes.statusCode()).isEqualTo(200);
            return bytes.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> parts(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertThat(names).as("a ZIP package").isNotEmpty();
        return names;
    }

    private List<String> childNames() {
        return admin.get("api/v1/folders/" + folder + "/children?size=500").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("name")).toList();
    }

    private JsonObject child(String name) {
        return until("the document " + name + " in the API listing", () -> admin.get("api/v1/folders/" + folder + "/children?size=500").json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals(name)).findFirst().orElse(null));
    }

    private Api as(String login) {
        return admin.as(login, PASSWORD);
    }

    private String user(String login) {
        Api.Response r = admin.postJson("api/v1/users", "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\""
                + Character.toUpperCase(login.charAt(0)) + login.substring(1, login.indexOf('-')) + " " + run + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return login;
    }


}
