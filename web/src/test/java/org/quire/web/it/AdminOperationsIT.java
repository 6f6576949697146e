package org.quire.web.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;
import static org.quire.web.it.DocumentServerDouble.TokenForm;

/**
 * The admin operations API /api/v1/admin (docs/ARCHITECTURE.md, "Admin operations"): locks and force-unlock,
 * editing sessions with their commands, users and groups, the trash with restore and purge, storage figures,
 * the content scrub — and that nobody but an administrator reaches any of it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminOperationsIT {

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
    Api alice;
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
        Workspace w = Workspace.create(quire, "adm").grant(PASSWORD, "al", "editor");
        admin = w.admin;
        run = w.run;
        folder = w.folder;
        alice = w.user("al");
    }

    // --- authorisation ----------------------------------------------------------------------------------

    @Test
    void aNonAdministratorGets403EverywhereAndNothingChanges() {
        String doc = created(alice.upload(folder, "locked.docx", ("locked " + run).getBytes()));
        assertThat(alice.post("api/v1/documents/" + doc + "/checkout").status()).isEqualTo(200);
        String trashed = created(alice.upload(folder, "trashed.txt", ("trashed " + run).getBytes()));
        assertThat(alice.delete("api/v1/documents/" + trashed).status()).isIn(200, 204);
        user("bob-" + run);
        String group = "grp-" + run;
        created(admin.postJson("api/v1/groups", "{\"name\":\"" + group + "\"}"));
        int forcesaves = ds.commands("forcesave").size();
        String newestBackup = admin.get("api/v1/admin/backups").json().toString();
        Optional<String> scrubStarted = scrubState().containsKey("started") ? Optional.of(scrubState().getString("started")) : Optional.empty();

        List<Api.Response> answers = List.of(
                alice.get("api/v1/admin/locks"),
                alice.delete("api/v1/admin/locks/" + doc),
                alice.get("api/v1/admin/sessions"),
                alice.post("api/v1/admin/sessions/" + doc + "/forcesave"),
                alice.postJson("api/v1/admin/sessions/" + doc + "/drop", "{\"users\":[]}"),
                alice.get("api/v1/admin/users"),
                alice.patchJson("api/v1/admin/users/bob-" + run, "{\"disabled\":true}"),
                alice.patchJson("api/v1/admin/users/al-" + run, "{\"admin\":true}"),
                alice.get("api/v1/admin/groups"),
                put(alice, "api/v1/admin/groups/" + group + "/members", "[\"al-" + run + "\"]"),
                alice.get("api/v1/admin/trash"),
                alice.post("api/v1/admin/trash/documents/" + trashed + "/restore"),
                alice.delete("api/v1/admin/trash/documents/" + trashed),
                alice.get("api/v1/admin/storage"),
                alice.post("api/v1/admin/scrub"),
                alice.get("api/v1/admin/scrub"),
                alice.get("api/v1/admin/backups"),
                alice.post("api/v1/admin/backups"));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(403));

        assertThat(admin.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).as("still checked out").isTrue();
        assertThat(ds.commands("forcesave")).hasSize(forcesaves);
        assertThat(admin.as("bob-" + run, PASSWORD).get("api/v1/me").status()).as("bob not disabled").isEqualTo(200);
        assertThat(userRow("al-" + run).getBoolean("admin")).isFalse();
        assertThat(groupRow(group).getInt("members")).isZero();
        JsonObject stillTrashed = admin.get("api/v1/documents/" + trashed).json();
        assertThat(stillTrashed.getBoolean("trashed")).as("neither restored nor purged").isTrue();
        assertThat(scrubState().containsKey("started") ? Optional.of(scrubState().getString("started")) : Optional.empty())
                .as("no scrub started").isEqualTo(scrubStarted);
        assertThat(admin.get("api/v1/admin/backups").json().toString()).as("no backup written").isEqualTo(newestBackup);
        assertThat(admin.get("api/v1/audit?type=ACCESS_DENIED&user=al-" + run + "&size=500").json().getInt("total")).isGreaterThanOrEqualTo(answers.size());
    }

    // --- locks --------------------------------------------------------------------------------------------

    @Test
    void locksAreListedAndACheckOutIsForceUnlocked() {
        String doc = created(alice.upload(folder, "contract.docx", ("contract " + run).getBytes()));
        assertThat(alice.post("api/v1/documents/" + doc + "/checkout").status()).isEqualTo(200);

        JsonObject row = lockRow(doc).orElseThrow();
        assertThat(row.getString("name")).isEqualTo("contract.docx");
        assertThat(row.getString("path")).isEqualTo("/adm-" + run);
        assertThat(row.getString("kind")).isEqualTo("CHECKOUT");
        assertThat(row.getString("holder")).isEqualTo("al-" + run);
        assertThat(row.getString("acquired")).isNotBlank();
        JsonObject first = admin.get("api/v1/admin/locks?size=1").json();
        assertThat(first.getJsonArray("items").getJsonObject(0).getString("documentId")).as("newest first").isEqualTo(doc);
        assertThat(first.getInt("total")).isGreaterThanOrEqualTo(1);

        Api.Response unlocked = admin.delete("api/v1/admin/locks/" + doc);
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(unlocked.json().getString("previousHolder")).isEqualTo("al-" + run);
        assertThat(alice.get("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(lockRow(doc)).isEmpty();
        JsonObject audit = admin.get("api/v1/audit?documentId=" + doc + "&type=LOCK_FORCE_RELEASED").json();
        assertThat(audit.getInt("total")).isEqualTo(1);
        assertThat(audit.getJsonArray("items").getJsonObject(0).getString("detail")).contains("previous holder=al-" + run);
        assertThat(audit.getJsonArray("items").getJsonObject(0).getString("user")).isEqualTo("admin");

        Api.Response again = admin.delete("api/v1/admin/locks/" + doc);
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(again.json().getString("error")).isEqualTo("no_lock");
        // the document is writable again by anyone with WRITE
        assertThat(alice.putContent(doc, "v2".getBytes()).status()).isEqualTo(200);
    }

    // --- editing sessions ---------------------------------------------------------------------------------

    @Test
    void editingSessionsAreListedWithTheirUsersAndForceSavedAndDropped() {
        String doc = created(alice.upload(folder, "shared.docx", ("shared " + run).getBytes()));
        String key = openSession(doc, true, "al-" + run, "admin");
        String unknown = created(alice.upload(folder, "gone.docx", ("gone " + run).getBytes()));
        String unknownKey = openSession(unknown, false, "al-" + run);

        Api.Response r = admin.get("api/v1/admin/sessions");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonObject session = item(r.json(), "documentId", doc).orElseThrow();
        assertThat(session.getString("name")).isEqualTo("shared.docx");
        assertThat(session.getString("key")).isEqualTo(key);
        assertThat(strings(session, "users")).containsExactly("al-" + run, "admin");
        assertThat(session.containsKey("message")).isFalse();
        JsonObject unknownSession = item(r.json(), "documentId", unknown).orElseThrow();
        assertThat(unknownSession.getString("key")).isEqualTo(unknownKey);
        assertThat(strings(unknownSession, "users")).as("from the lock's holder").containsExactly("al-" + run);
        assertThat(unknownSession.getString("message")).contains("Document Server");

        Api.Response force = admin.post("api/v1/admin/sessions/" + doc + "/forcesave");
        assertThat(force.status()).as(force.toString()).isEqualTo(200);
        assertThat(force.json().getString("key")).isEqualTo(key);
        assertThat(ds.commands("forcesave").stream().filter(m -> key.equals(m.get("key")))).hasSize(1);
        Api.Response drop = admin.postJson("api/v1/admin/sessions/" + doc + "/drop", "{\"users\":[\"al-" + run + "\"]}");
        assertThat(drop.status()).as(drop.toString()).isEqualTo(200);
        List<Map<String, Object>> drops = ds.commands("drop").stream().filter(m -> key.equals(m.get("key"))).toList();
        assertThat(drops).hasSize(1);
        assertThat(drops.get(0).get("users")).isEqualTo(List.of("al-" + run));
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=ONLYOFFICE_COMMAND").json().getInt("total"))
                .as("info, forcesave, drop").isGreaterThanOrEqualTo(3);

        String idle = created(alice.upload(folder, "idle.docx", ("idle " + run).getBytes()));
        assertThat(admin.post("api/v1/admin/sessions/" + idle + "/forcesave").status()).as("no session").isEqualTo(409);

        // the Document Server down: still listed, with the lock's editors and why
        ds.close();
        try {
            Api.Response down = admin.get("api/v1/admin/sessions");
            assertThat(down.status()).as(down.toString()).isEqualTo(200);
            JsonObject listed = item(down.json(), "documentId", doc).orElseThrow();
            assertThat(strings(listed, "users")).containsExactly("al-" + run, "admin");
            assertThat(listed.getString("key")).isEqualTo(key);
            assertThat(listed.getString("message")).contains("could not be asked");
        } finally {
            ds = DocumentServerDouble.start();
            ds.quireAt(quire);
            ds.inboxSecret(DocumentServerDouble.SECRET);
        }
    }

    // --- users and groups ---------------------------------------------------------------------------------

    @Test
    void aDisabledUserCannotSignInUntilEnabledAgain() {
        String login = "carol-" + run;
        Api carol = user(login);
        assertThat(carol.get("api/v1/me").status()).isEqualTo(200); // remembered by the identity store

        Api.Response disabled = admin.patchJson("api/v1/admin/users/" + login, "{\"disabled\":true,\"displayName\":\"Carol C\",\"email\":\"carol@example.org\"}");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("disabled")).isTrue();
        assertThat(disabled.json().getString("origin")).isEqualTo("BUILTIN");
        assertThat(carol.get("api/v1/me").status()).as("refused at once").isEqualTo(401);
        JsonObject row = userRow(login);
        assertThat(row.getBoolean("disabled")).isTrue();
        assertThat(row.getString("displayName")).isEqualTo("Carol C");
        assertThat(row.getString("email")).isEqualTo("carol@example.org");
        assertThat(admin.get("api/v1/audit?type=USER_UPDATED&size=500").body()).contains("user:" + login);

        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"disabled\":false,\"admin\":true}").status()).isEqualTo(200);
        assertThat(carol.get("api/v1/me").status()).isEqualTo(200);
        assertThat(carol.get("api/v1/admin/storage").status()).as("now an administrator").isEqualTo(200);
        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"admin\":false}").status()).isEqualTo(200);
        assertThat(carol.get("api/v1/admin/storage").status()).as("demoted at once").isEqualTo(403);

        assertThat(admin.patchJson("api/v1/admin/users/nobody-" + run, "{\"disabled\":true}").status()).isEqualTo(404);
        assertThat(admin.get("api/v1/admin/users/nobody-" + run).status()).isEqualTo(404);
        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"email\":\"not-an-address\"}").status()).isEqualTo(400);
        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"groups\":[\"no-such-group-" + run + "\"]}").status()).isEqualTo(400);
    }

    /** A browser session follows the user record: disabled or demoted, the next request of the session knows it. */
    @Test
    void aSignedInBrowserSessionEndsWhenItsUserIsDisabledAndLosesARevokedRole() throws Exception {
        String login = "dave-" + run;
        user(login);
        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"admin\":true}").status()).isEqualTo(200);
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).build();
        java.util.function.Function<String, Integer> get = path -> {
            try {
                return browser.send(HttpRequest.newBuilder(quire.resolve(path)).header("Accept", "application/json").GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        java.net.http.HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(quire.resolve("login"))
                .header("Content-Type", "application/json").header("Origin", quire.toString().replaceAll("/+$", "").replaceAll("(https?://[^/]+).*", "$1"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        assertThat(get.apply("api/v1/me")).isEqualTo(200);
        assertThat(get.apply("api/v1/admin/storage")).isEqualTo(200);

        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"admin\":false}").status()).isEqualTo(200);
        assertThat(get.apply("api/v1/admin/storage")).as("the session lost the role with the user").isEqualTo(403);
        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(get.apply("api/v1/me")).as("the session ended with the user").isEqualTo(401);
        assertThat(admin.patchJson("api/v1/admin/users/" + login, "{\"disabled\":false}").status()).isEqualTo(200);
        assertThat(get.apply("api/v1/me")).as("ended for good: enabling again needs a new sign-in").isEqualTo(401);
    }

    @Test
    void anAdministratorCannotDisableOrDemoteThemselves() {
        for (String body : List.of("{\"disabled\":true}", "{\"admin\":false}")) {
            Api.Response r = admin.patchJson("api/v1/admin/users/admin", body);
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.json().getString("error")).isEqualTo("self_lockout");
        }
        JsonObject me = userRow("admin");
        assertThat(me.getBoolean("admin")).isTrue();
        assertThat(me.getBoolean("disabled")).isFalse();
        assertThat(admin.get("api/v1/admin/users").status()).isEqualTo(200);
    }

    @Test
    void aGroupsMembersAreSetAndAnUnknownLoginChangesNothing() {
        String group = "team-" + run;
        created(admin.postJson("api/v1/groups", "{\"name\":\"" + group + "\"}"));
        user("dave-" + run);
        Api.Response set = put(admin, "api/v1/admin/groups/" + group + "/members", "[\"al-" + run + "\",\"dave-" + run + "\"]");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(groupRow(group).getInt("members")).isEqualTo(2);
        assertThat(strings(groupRow(group), "logins")).containsExactly("al-" + run, "dave-" + run);
        assertThat(strings(userRow("dave-" + run), "groups")).contains(group);

        Api.Response unknown = put(admin, "api/v1/admin/groups/" + group + "/members", "[\"al-" + run + "\",\"ghost-" + run + "\"]");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(strings(groupRow(group), "logins")).as("nothing changed").containsExactly("al-" + run, "dave-" + run);

        assertThat(put(admin, "api/v1/admin/groups/" + group + "/members", "[\"dave-" + run + "\"]").status()).isEqualTo(200);
        assertThat(strings(groupRow(group), "logins")).containsExactly("dave-" + run);
        assertThat(strings(userRow("al-" + run), "groups")).doesNotContain(group);
        JsonObject audit = admin.get("api/v1/audit?type=GROUP_MEMBERS_CHANGED&size=500").json();
        assertThat(audit.toString()).contains("group:" + group).contains("removed=[al-" + run + "]");
        assertThat(put(admin, "api/v1/admin/groups/nogroup-" + run + "/members", "[]").status()).isEqualTo(404);
    }

    // --- trash --------------------------------------------------------------------------------------------

    @Test
    void theTrashListsFoldersAndDocumentsAndRestores() {
        String sub = created(alice.postJson("api/v1/folders", "{\"parentId\":\"" + folder + "\",\"name\":\"old\"}"));
        String doc = created(alice.upload(folder, "memo.txt", ("memo " + run).getBytes()));
        assertThat(alice.delete("api/v1/folders/" + sub).status()).isIn(200, 204);
        assertThat(alice.delete("api/v1/documents/" + doc).status()).isIn(200, 204);

        JsonObject trash = admin.get("api/v1/admin/trash?size=500").json();
        JsonObject f = item(trash, "id", sub).orElseThrow();
        assertThat(f.getString("type")).isEqualTo("folder");
        assertThat(f.getString("name")).isEqualTo("old");
        assertThat(f.getString("path")).isEqualTo("/adm-" + run);
        assertThat(f.getString("trashedBy")).isEqualTo("al-" + run);
        JsonObject d = item(trash, "id", doc).orElseThrow();
        assertThat(d.getString("type")).isEqualTo("document");
        assertThat(d.getString("trashedBy")).isEqualTo("al-" + run);
        assertThat(d.getString("trashedAt")).isNotBlank();
        assertThat(trash.getInt("total")).isGreaterThanOrEqualTo(2);

        assertThat(admin.post("api/v1/admin/trash/folders/" + sub + "/restore").status()).isEqualTo(200);
        Api.Response restored = admin.post("api/v1/admin/trash/documents/" + doc + "/restore");
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().getBoolean("trashed")).isFalse();
        assertThat(alice.get("api/v1/documents/" + doc).json().getBoolean("trashed")).isFalse();
        assertThat(alice.get("api/v1/folders/" + sub).status()).isEqualTo(200);
        JsonObject after = admin.get("api/v1/admin/trash?size=500").json();
        assertThat(item(after, "id", sub)).isEmpty();
        assertThat(item(after, "id", doc)).isEmpty();
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=DOCUMENT_RESTORED").json().getInt("total")).isEqualTo(1);
        assertThat(admin.post("api/v1/admin/trash/users/" + doc + "/restore").status()).isEqualTo(400);
    }

    @Test
    void theTrashPagesNewestFirstWithoutGapsOrRepeats() {
        List<String> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String doc = created(alice.upload(folder, "paged-" + i + ".txt", ("paged " + i + run).getBytes()));
            assertThat(alice.delete("api/v1/documents/" + doc).status()).isIn(200, 204);
            mine.add(doc);
            String sub = created(alice.postJson("api/v1/folders", "{\"parentId\":\"" + folder + "\",\"name\":\"paged-" + i + "\"}"));
            assertThat(alice.delete("api/v1/folders/" + sub).status()).isIn(200, 204);
            mine.add(sub);
        }
        JsonObject whole = admin.get("api/v1/admin/trash?size=500").json();
        List<JsonObject> all = whole.getJsonArray("items").getValuesAs(JsonObject.class);
        List<String> ids = all.stream().map(o -> o.getString("id")).toList();
        assertThat(ids).containsAll(mine);
        // newest first: what was trashed last comes first
        assertThat(ids.indexOf(mine.get(5))).isLessThan(ids.indexOf(mine.get(0)));
        List<String> trashedAt = all.stream().map(o -> o.getString("trashedAt")).toList();
        assertThat(trashedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        List<String> paged = new java.util.ArrayList<>();
        for (int page = 0; page * 2 < ids.size(); page++) {
            JsonObject p = admin.get("api/v1/admin/trash?size=2&page=" + page).json();
            assertThat(p.getInt("total")).isEqualTo(whole.getInt("total"));
            List<JsonObject> items = p.getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(items).hasSizeLessThanOrEqualTo(2).allSatisfy(o -> assertThat(o.getString("path")).startsWith("/"));
            items.forEach(o -> paged.add(o.getString("id")));
        }
        assertThat(paged).as("pages of 2 put together are the whole list").isEqualTo(ids);
    }

    @Test
    void purgeRemovesTheRowsAndTheBlobsNobodyElseUses() throws IOException {
        byte[] unique = ("only here " + run).getBytes();
        byte[] shared = ("shared bytes " + run).getBytes();
        String doc = created(alice.upload(folder, "purge.txt", unique));
        assertThat(alice.putContent(doc, shared).status()).isEqualTo(200); // version 2: bytes another document has too
        String keeper = created(alice.upload(folder, "keeper.txt", shared));
        openSession(doc, false, "al-" + run); // an editor key row and the session's lock
        assertThat(admin.putJson("api/v1/documents/" + doc + "/onlyoffice/co-editing", "{\"mode\":\"strict\"}").status()).isEqualTo(200);
        admin.putAcl("documents/" + doc, "{\"entries\":[{\"principal\":\"everyone\",\"role\":\"viewer\",\"effect\":\"allow\"}]}");
        Path uniqueBlob = blob(Api.sha256(unique));
        Path sharedBlob = blob(Api.sha256(shared));
        assertThat(uniqueBlob).isRegularFile();

        Api.Response live = admin.delete("api/v1/admin/trash/documents/" + keeper);
        assertThat(live.status()).as("not in the trash").isEqualTo(409);
        assertThat(live.json().getString("error")).isEqualTo("not_in_trash");

        admin.delete("api/v1/admin/locks/" + doc);
        assertThat(alice.delete("api/v1/documents/" + doc).status()).isIn(200, 204);
        Api.Response purged = admin.delete("api/v1/admin/trash/documents/" + doc);
        assertThat(purged.status()).as(purged.toString()).isEqualTo(200);
        assertThat(purged.json().getInt("versions")).isEqualTo(2);
        assertThat(purged.json().getInt("blobsDeleted")).isEqualTo(1);

        assertThat(admin.get("api/v1/documents/" + doc).status()).isEqualTo(404);
        assertThat(admin.get("api/v1/documents/" + doc + "/versions").status()).isEqualTo(404);
        assertThat(uniqueBlob).as("unreferenced: deleted").doesNotExist();
        assertThat(sharedBlob).as("still a version of keeper").isRegularFile();
        assertThat(alice.download("api/v1/documents/" + keeper + "/content").sha256()).isEqualTo(Api.sha256(shared));
        assertThat(item(admin.get("api/v1/admin/trash?size=500").json(), "id", doc)).isEmpty();
        JsonObject audit = admin.get("api/v1/audit?documentId=" + doc + "&type=DOCUMENT_PURGED").json();
        assertThat(audit.getInt("total")).isEqualTo(1);
        assertThat(audit.getJsonArray("items").getJsonObject(0).getString("detail")).contains("purge.txt").contains("versions=2")
                .as("every aggregate's rows went: the ACL entry, the editor key and co-editing mode").contains("aclEntries=1", "editorRows=2");
        assertThat(admin.get("api/v1/audit?documentId=" + doc + "&type=BLOBS_DELETED").body()).contains(Api.sha256(unique));

        // a folder goes with its whole subtree
        String top = created(alice.postJson("api/v1/folders", "{\"parentId\":\"" + folder + "\",\"name\":\"tree\"}"));
        String below = created(alice.postJson("api/v1/folders", "{\"parentId\":\"" + top + "\",\"name\":\"below\"}"));
        String deep = created(alice.upload(below, "deep.txt", ("deep " + run).getBytes()));
        assertThat(admin.delete("api/v1/admin/trash/folders/" + top).status()).as("live folder").isEqualTo(409);
        assertThat(alice.delete("api/v1/folders/" + top).status()).isIn(200, 204);
        Api.Response tree = admin.delete("api/v1/admin/trash/folders/" + top);
        assertThat(tree.status()).as(tree.toString()).isEqualTo(200);
        assertThat(tree.json().getInt("folders")).isEqualTo(2);
        assertThat(tree.json().getInt("documents")).isEqualTo(1);
        assertThat(admin.get("api/v1/folders/" + below).status()).isEqualTo(404);
        assertThat(admin.get("api/v1/documents/" + deep).status()).isEqualTo(404);
        assertThat(blob(Api.sha256(("deep " + run).getBytes()))).doesNotExist();
        assertThat(admin.get("api/v1/folders/" + folder + "/children").json().getJsonArray("items")).hasSize(1);
    }

    // --- storage and scrub --------------------------------------------------------------------------------

    @Test
    void storageFiguresCountDuplicatesOnce() {
        JsonObject before = storage();
        byte[] bytes = ("duplicate me " + run).getBytes();
        created(alice.upload(folder, "one.txt", bytes));
        created(alice.upload(folder, "two.txt", bytes));
        JsonObject after = storage();
        assertThat(after.getJsonNumber("blobs").longValue() - before.getJsonNumber("blobs").longValue()).isEqualTo(1);
        assertThat(after.getJsonNumber("bytes").longValue() - before.getJsonNumber("bytes").longValue()).isEqualTo(bytes.length);
        assertThat(after.getJsonNumber("versions").longValue() - before.getJsonNumber("versions").longValue()).isEqualTo(2);
        assertThat(after.getJsonNumber("referencedBytes").longValue() - before.getJsonNumber("referencedBytes").longValue()).isEqualTo(2L * bytes.length);
        double ratio = after.getJsonNumber("referencedBytes").doubleValue() / after.getJsonNumber("bytes").doubleValue();
        assertThat(after.getJsonNumber("dedupRatio").doubleValue()).isCloseTo(ratio, org.assertj.core.data.Offset.offset(0.001));
        assertThat(after.getJsonNumber("minFreeBytes").longValue()).as("quire.storage.min-free-mb default").isEqualTo(1024L * 1024 * 1024);
        assertThat(after.getJsonNumber("usableBytes").longValue()).isGreaterThan(after.getJsonNumber("minFreeBytes").longValue());
    }

    @Test
    void theScrubReportsACorruptBlobAndACleanRunReportsNothing() throws Exception {
        byte[] bytes = ("scrub me " + run).getBytes();
        created(alice.upload(folder, "scrub.txt", bytes));
        Path file = blob(Api.sha256(bytes));
        byte[] corrupted = bytes.clone();
        corrupted[0] ^= 1;
        Files.write(file, corrupted);
        try {
            JsonObject report = scrub();
            assertThat(strings(report, "corrupt")).containsExactly(Api.sha256(bytes));
            assertThat(report.getJsonNumber("checked").longValue()).isEqualTo(report.getJsonNumber("total").longValue()).isPositive();
            assertThat(report.getString("finished")).isNotBlank();
        } finally {
            Files.write(file, bytes);
        }
        JsonObject clean = scrub();
        assertThat(strings(clean, "corrupt")).isEmpty();
        assertThat(strings(clean, "missing")).isEmpty();
        assertThat(admin.get("api/v1/audit?type=CONTENT_SCRUB_FINISHED&size=500").body()).contains(Api.sha256(bytes));
    }

    @Test
    void aScrubBeyondTheHourlyRateIsRefusedAndNotStarted() throws Exception {
        assertThat(admin.putJson("api/v1/admin/settings", "{\"quire.limits.scrubs-per-hour\":1}").status()).isEqualTo(200);
        try {
            scrub(); // the one start the hour allows (the tests' earlier ones were under the raised limit)
            int started = admin.get("api/v1/audit?type=CONTENT_SCRUB_STARTED&size=500").json().getJsonArray("items").size();
            String finished = scrubState().getString("finished");
            Api.Response refused = admin.post("api/v1/admin/scrub");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.json().getString("error")).isEqualTo("too_many_scrubs");
            assertThat(Long.parseLong(refused.header("Retry-After"))).as("a start every hour").isBetween(1L, 3600L);
            assertThat(scrubState().getString("finished")).as("no scrub started").isEqualTo(finished);
            assertThat(admin.get("api/v1/audit?type=CONTENT_SCRUB_STARTED&size=500").json().getJsonArray("items").size()).isEqualTo(started);
            String metrics = admin.send(admin.request("metrics").header("Accept", "text/plain").GET()).body();
            assertThat(metrics).containsPattern("quire_heavy_work_refused_total\\{[^}]*work=\"scrub\"[^}]*\\} [1-9]");
        } finally {
            admin.putJson("api/v1/admin/settings", "{\"quire.limits.scrubs-per-hour\":null}");
        }
    }

    @Test
    void backUpNowWritesEveryTableAndTheBlobsItNeeds() throws Exception {
        byte[] bytes = ("back me up " + run).getBytes();
        String doc = created(alice.upload(folder, "backed-up-" + run + ".txt", bytes));
        Api.Response done = admin.post("api/v1/admin/backups");
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        String name = done.json().getString("name");
        assertThat(name).startsWith("quire-backup-");
        assertThat(done.json().getJsonNumber("rows").longValue()).isPositive();

        JsonObject state = admin.get("api/v1/admin/backups").json();
        assertThat(state.getJsonObject("last").getString("name")).isEqualTo(name);
        assertThat(state.getInt("keep")).isEqualTo(7);
        Path backup = Path.of(state.getString("directory")).resolve(name);
        assertThat(Files.readString(backup.resolve("blobs.txt"))).contains(Api.sha256(bytes) + " " + bytes.length);
        assertThat(Files.readString(backup.resolve("manifest.json"))).contains("\"format\":\"quire-backup-1\"", "\"document\"");
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(backup.resolve("document.copy.gz")))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("backed-up-" + run + ".txt");
        }
        assertThat(backup.resolveSibling(name + ".partial")).doesNotExist();
        JsonObject audit = admin.get("api/v1/audit?type=DATABASE_BACKED_UP&size=500").json();
        assertThat(audit.toString()).contains(name);
        assertThat(doc).isNotBlank();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Starts a scrub and waits for its report. */
    private JsonObject scrub() throws InterruptedException {
        Api.Response started = admin.post("api/v1/admin/scrub");
        if (started.status() == 429) { // the hour's rate lowered by aScrubBeyondTheHourlyRate… and raised again: refills in seconds
            Thread.sleep(Long.parseLong(started.header("Retry-After")) * 1000 + 200);
            started = admin.post("api/v1/admin/scrub");
        }
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().getString("state")).isIn("running", "done");
        for (int i = 0; i < 600; i++) {
            JsonObject state = scrubState();
            if ("done".equals(state.getString("state"))) {
                return state;
            }
            if (i == 0) {
                Api.Response twice = admin.post("api/v1/admin/scrub");
                assertThat(twice.status()).as("one at a time (or over the hour's rate)").isIn(409, 202, 429);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the scrub did not finish");
    }

    private JsonObject scrubState() {
        Api.Response r = admin.get("api/v1/admin/scrub");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private JsonObject storage() {
        Api.Response r = admin.get("api/v1/admin/storage");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The file of a blob in the test server's store (FileSystemBlobStore: blobs/ab/cd/abcd…). */
    private static Path blob(String sha) {
        String container = System.getProperty("arquillian.launch", "micro-embedded");
        return Path.of(System.getProperty("quire.it.dir", "target/it"), container.equals("micro-postgres") ? "pg-data" : "embedded-data",
                "store", "blobs", sha.substring(0, 2), sha.substring(2, 4), sha);
    }

    /** The editor config (a key) and a status-1 callback (the session lock); the double knows the session if asked. */
    private String openSession(String doc, boolean known, String... users) {
        Api.Response c = alice.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit");
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
        JsonObject config = c.json();
        String key = config.getJsonObject("document").getString("key");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("status", 1);
        fields.put("users", List.of(users));
        fields.put("actions", List.of(Map.of("type", 1, "userid", users[0])));
        Api.Response r = ds.callback(quire, config.getJsonObject("editorConfig").getString("callbackUrl"), fields, TokenForm.BOTH);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        if (known) {
            ds.openSession(key, users);
        }
        return key;
    }

    private Optional<JsonObject> lockRow(String doc) {
        return item(admin.get("api/v1/admin/locks?size=500").json(), "documentId", doc);
    }

    private JsonObject userRow(String login) {
        for (int page = 0; ; page++) {
            JsonObject r = admin.get("api/v1/admin/users?size=500&page=" + page).json();
            Optional<JsonObject> found = item(r, "login", login);
            if (found.isPresent() || r.getJsonArray("items").isEmpty()) {
                JsonObject row = found.orElseThrow();
                assertThat(admin.get("api/v1/admin/users/" + login).json()).as("one user by login = its row in the list").isEqualTo(row);
                return row;
            }
        }
    }

    private JsonObject groupRow(String name) {
        return item(admin.get("api/v1/admin/groups").json(), "name", name).orElseThrow();
    }

    private static Optional<JsonObject> item(JsonObject page, String field, String value) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().filter(o -> value.equals(o.getString(field, null))).findFirst();
    }

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Api.Response put(Api api, String path, String json) {
        return api.send(api.request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Api user(String login) {
        return admin.newUser(login, PASSWORD);
    }

}
