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
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;

/**
 * Access rights and locks over real HTTP: a role × operation matrix asserting status and effect, inheritance
 * and its break, deny over allow, lock conflicts on every write path, and a 32-way check-out race.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessIT {

    static final String PASSWORD = "user-password-1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    Api admin;
    String run;
    String area;

    @BeforeEach
    void setUp() {
        admin = new Api(RestApiIT.loopback(base), "admin", RestApiIT.ADMIN_PASSWORD);
        run = UUID.randomUUID().toString().substring(0, 8);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        area = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"acl-" + run + "\"}"));
        // the area is the admins' alone until a test grants something
        assertThat(admin.send(admin.request("api/v1/folders/" + area + "/acl").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inherit\":false,\"entries\":[]}"))).status()).isEqualTo(200);
    }

    // --- the matrix ---------------------------------------------------------------------------------------

    enum Who { VIEWER, COMMENTER, EDITOR, MANAGER, STRANGER, ADMIN }

    @Test
    void roleByOperationMatrix() {
        Map<Who, Api> users = new java.util.EnumMap<>(Who.class);
        StringBuilder entries = new StringBuilder();
        for (Who who : Who.values()) {
            if (who == Who.ADMIN) {
                users.put(who, admin);
                continue;
            }
            String login = who.name().toLowerCase() + "-" + run;
            users.put(who, user(login));
            if (who != Who.STRANGER) {
                entries.append(entries.isEmpty() ? "" : ",").append("{\"principal\":\"user:").append(login)
                        .append("\",\"role\":\"").append(who.name().toLowerCase()).append("\",\"effect\":\"allow\"}");
            }
        }
        String folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"matrix\"}"));
        String target = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"target\"}"));
        putAcl("folders/" + folder, "{\"inherit\":true,\"entries\":[" + entries + "]}");
        putAcl("folders/" + target, "{\"inherit\":true,\"entries\":[" + entries + "]}");

        for (Who who : Who.values()) {
            Api api = users.get(who);
            boolean reads = who != Who.STRANGER;
            boolean writes = who == Who.EDITOR || who == Who.MANAGER || who == Who.ADMIN;
            boolean manages = who == Who.MANAGER || who == Who.ADMIN;
            int refusal = reads ? 403 : 404;
            String tag = who + ": ";

            String doc = fresh(folder, who + "-list.txt");
            Api.Response listing = api.get("api/v1/folders/" + folder + "/children");
            assertThat(listing.status()).as(tag + "list").isEqualTo(reads ? 200 : 404);
            if (reads) {
                assertThat(listing.body()).as(tag + "list shows the document").contains(doc);
            }

            Api.Download download = api.download("api/v1/documents/" + doc + "/content");
            assertThat(download.status()).as(tag + "download").isEqualTo(reads ? 200 : 404);
            if (reads) {
                assertThat(download.sha256()).isEqualTo(Api.sha256("content".getBytes()));
            }

            Api.Response upload = api.putContent(doc, "changed".getBytes());
            assertThat(upload.status()).as(tag + "new version").isEqualTo(writes ? 200 : refusal);
            assertThat(versions(doc)).as(tag + "versions after upload").isEqualTo(writes ? 2 : 1);

            Api.Response create = api.upload(folder, who + "-new.txt", "n".getBytes());
            assertThat(create.status()).as(tag + "upload new document").isEqualTo(writes ? 201 : refusal);

            String renamed = fresh(folder, who + "-rename.txt");
            Api.Response rename = api.patchJson("api/v1/documents/" + renamed, "{\"name\":\"" + who + "-renamed.txt\"}");
            assertThat(rename.status()).as(tag + "rename").isEqualTo(writes ? 200 : refusal);
            assertThat(name(renamed)).isEqualTo(writes ? who + "-renamed.txt" : who + "-rename.txt");

            String moved = fresh(folder, who + "-move.txt");
            Api.Response move = api.patchJson("api/v1/documents/" + moved, "{\"folderId\":\"" + target + "\"}");
            assertThat(move.status()).as(tag + "move").isEqualTo(writes ? 200 : refusal);
            assertThat(admin.get("api/v1/documents/" + moved).json().getString("folderId")).isEqualTo(writes ? target : folder);

            String trashed = fresh(folder, who + "-trash.txt");
            Api.Response trash = api.delete("api/v1/documents/" + trashed);
            assertThat(trash.status()).as(tag + "trash").isEqualTo(writes ? 200 : refusal);
            assertThat(admin.get("api/v1/documents/" + trashed).json().getBoolean("trashed")).isEqualTo(writes);

            String guarded = fresh(folder, who + "-acl.txt");
            Api.Response acl = api.send(api.request("api/v1/documents/" + guarded + "/acl").header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inherit\":true,\"entries\":[{\"principal\":\"everyone\",\"role\":\"manager\",\"effect\":\"allow\"}]}")));
            assertThat(acl.status()).as(tag + "ACL change").isEqualTo(manages ? 200 : refusal);
            assertThat(admin.get("api/v1/documents/" + guarded + "/acl").json().getJsonArray("entries").size()).isEqualTo(manages ? 1 : 0);

            String locked = fresh(folder, who + "-lock.txt");
            Api.Response checkout = admin.post("api/v1/documents/" + locked + "/checkout");
            assertThat(checkout.status()).isEqualTo(200);
            Api.Response unlock = api.delete("api/v1/documents/" + locked + "/lock");
            assertThat(unlock.status()).as(tag + "force-unlock").isEqualTo(manages ? 200 : refusal);
            assertThat(admin.get("api/v1/documents/" + locked + "/lock").json().getBoolean("locked")).isEqualTo(!manages);
        }
        JsonObject denied = admin.get("api/v1/audit?type=ACCESS_DENIED&user=stranger-" + run).json();
        assertThat(denied.getInt("total")).isGreaterThanOrEqualTo(7);
        assertThat(denied.getJsonArray("items").getJsonObject(0).getString("detail")).contains("permission=");
        assertThat(admin.get("api/v1/audit?type=ADMIN_OVERRIDE&user=admin").json().getInt("total")).isGreaterThan(0);
    }

    // --- inheritance, break, deny ------------------------------------------------------------------------

    @Test
    void rulesInheritDownTheTreeUntilABreak() {
        admin.postJson("api/v1/groups", "{\"name\":\"team-" + run + "\"}");
        Api member = user("member-" + run, "team-" + run);
        String parent = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"parent\"}"));
        String child = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + parent + "\",\"name\":\"child\"}"));
        String doc = fresh(child, "deep.txt");
        assertThat(member.get("api/v1/documents/" + doc).status()).isEqualTo(404);

        putAcl("folders/" + parent, "{\"entries\":[{\"principal\":\"group:team-" + run + "\",\"role\":\"viewer\",\"effect\":\"allow\"}]}");
        assertThat(member.get("api/v1/documents/" + doc).status()).isEqualTo(200);
        assertThat(member.get("api/v1/documents/" + doc + "/permissions").json().getJsonArray("permissions").toString())
                .isEqualTo("[\"READ\",\"DOWNLOAD\"]");
        JsonObject inherited = admin.get("api/v1/folders/" + child + "/acl").json();
        assertThat(inherited.getBoolean("inherit")).isTrue();
        assertThat(inherited.getJsonArray("inherited").getJsonObject(0).getString("inheritedFrom")).isEqualTo(parent);

        putAcl("folders/" + child, "{\"inherit\":false,\"entries\":[]}");
        assertThat(member.get("api/v1/documents/" + doc).status()).isEqualTo(404);
        assertThat(member.get("api/v1/folders/" + parent + "/children").body()).doesNotContain("child");

        putAcl("folders/" + child, "{\"inherit\":true,\"entries\":[]}");
        assertThat(member.get("api/v1/documents/" + doc).status()).isEqualTo(200);
        putAcl("folders/" + child, "{\"inherit\":false,\"copyInherited\":true,\"entries\":[]}");
        JsonObject copied = admin.get("api/v1/folders/" + child + "/acl").json();
        assertThat(copied.getBoolean("inherit")).isFalse();
        assertThat(copied.getJsonArray("entries").size()).isEqualTo(1);
        assertThat(copied.getJsonArray("entries").getJsonObject(0).getString("principal")).isEqualTo("group:team-" + run);
        assertThat(member.get("api/v1/documents/" + doc).status()).isEqualTo(200);
        assertThat(admin.get("api/v1/audit?type=ACL_CHANGED&size=500").body()).contains("folder:" + child);
    }

    @Test
    void denyBeatsAllowAndUnreadableItemsAreNotListed() {
        Api alice = user("alice-" + run);
        Api bob = user("bob-" + run);
        String shared = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"shared\"}"));
        String open = fresh(shared, "open.txt");
        String secret = fresh(shared, "secret.txt");
        putAcl("folders/" + shared, "{\"entries\":[{\"principal\":\"everyone\",\"role\":\"editor\",\"effect\":\"allow\"}]}");
        putAcl("documents/" + secret, "{\"entries\":[{\"principal\":\"user:bob-" + run + "\",\"permissions\":[\"READ\",\"DOWNLOAD\"],\"effect\":\"deny\"}]}");

        assertThat(alice.get("api/v1/documents/" + secret).status()).isEqualTo(200);
        assertThat(bob.get("api/v1/documents/" + secret).status()).isEqualTo(404);
        assertThat(bob.get("api/v1/folders/" + shared + "/children").body()).contains(open).doesNotContain(secret).doesNotContain("secret.txt");
        assertThat(bob.get("api/v1/folders/" + shared + "/children").json().getInt("total")).isEqualTo(1);
        assertThat(alice.get("api/v1/folders/" + shared + "/children").json().getInt("total")).isEqualTo(2);

        // the root lists only what one may read; the home folder is one's own
        String root = admin.get("api/v1/folders/root").json().getString("id");
        assertThat(bob.get("api/v1/folders/root").status()).isEqualTo(200);
        assertThat(bob.get("api/v1/folders/" + root + "/children").body()).doesNotContain("acl-" + run);
        String home = bob.get("api/v1/me").json().getString("homeFolderId");
        assertThat(bob.upload(home, "mine.txt", "m".getBytes()).status()).isEqualTo(201);
        assertThat(alice.get("api/v1/folders/" + home + "/children").status()).isEqualTo(404);
        assertThat(bob.get("api/v1/folders/" + home + "/permissions").json().getJsonArray("permissions").toString()).contains("MANAGE");
    }

    @Test
    void theTrashListsOnlyWhatOneMayReadPageByPageNewestFirst() {
        Api bob = user("trash-bob-" + run);
        String shared = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"shared\"}"));
        String closed = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"closed\"}"));
        putAcl("folders/" + shared, "{\"entries\":[{\"principal\":\"everyone\",\"role\":\"editor\",\"effect\":\"allow\"}]}");
        List<String> visible = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            boolean denied = i == 2;
            String doc = fresh(i == 4 ? closed : shared, "trashed-" + i + ".txt");
            if (denied) {
                putAcl("documents/" + doc, "{\"entries\":[{\"principal\":\"user:trash-bob-" + run + "\",\"permissions\":[\"READ\"],\"effect\":\"deny\"}]}");
            }
            assertThat(admin.delete("api/v1/documents/" + doc).status()).isEqualTo(200);
            (denied || i == 4 ? hidden : visible).add(doc);
        }
        List<String> seen = new ArrayList<>();
        Set<Integer> totals = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonObject answer = bob.get("api/v1/trash?size=2&page=" + page).json();
            List<String> items = answer.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
            seen.addAll(items);
            totals.add(answer.getInt("total"));
            if (items.size() < 2) {
                break;
            }
        }
        assertThat(seen).as("no item twice across the pages").doesNotHaveDuplicates();
        assertThat(totals).as("every page's total is the number of items all pages hold").containsExactly(seen.size());
        List<String> all = admin.get("api/v1/trash?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class)
                .stream().map(o -> o.getString("id")).toList();
        assertThat(all).as("the admin sees them all").containsAll(visible).containsAll(hidden);
        JsonObject adminPage = admin.get("api/v1/trash?size=1").json();
        assertThat(adminPage.getJsonArray("items")).hasSize(1);
        assertThat(adminPage.getInt("total")).as("the whole trash, counted by the database").isGreaterThanOrEqualTo(all.size());
        assertThat(seen.stream().filter(visible::contains).toList()).as("every readable one, in the trash's order")
                .isEqualTo(all.stream().filter(visible::contains).toList()).containsExactlyInAnyOrderElementsOf(visible);
        assertThat(seen).as("none bob may not read").doesNotContainAnyElementsOf(hidden);
    }

    // --- locks -------------------------------------------------------------------------------------------

    @Test
    void aCheckoutBlocksEveryWritePathOfOthers() {
        Api holder = user("holder-" + run);
        Api other = user("other-" + run);
        String folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"locks\"}"));
        putAcl("folders/" + folder, "{\"entries\":[{\"principal\":\"user:holder-" + run + "\",\"role\":\"editor\",\"effect\":\"allow\"},"
                + "{\"principal\":\"user:other-" + run + "\",\"role\":\"manager\",\"effect\":\"allow\"}]}");
        String doc = fresh(folder, "locked.docx");
        String elsewhere = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + folder + "\",\"name\":\"elsewhere\"}"));
        admin.putContent(doc, "v2".getBytes());

        JsonObject lock = holder.post("api/v1/documents/" + doc + "/checkout").json();
        assertThat(lock.getBoolean("locked")).isTrue();
        assertThat(lock.getString("kind")).isEqualTo("CHECKOUT");
        assertThat(holder.post("api/v1/documents/" + doc + "/checkout").status()).as("idempotent for the holder").isEqualTo(200);

        List<Api.Response> refused = List.of(
                other.putContent(doc, "x".getBytes()),
                other.patchJson("api/v1/documents/" + doc, "{\"name\":\"renamed.docx\"}"),
                other.patchJson("api/v1/documents/" + doc, "{\"folderId\":\"" + elsewhere + "\"}"),
                other.delete("api/v1/documents/" + doc),
                other.post("api/v1/documents/" + doc + "/versions/1/restore"),
                other.post("api/v1/documents/" + doc + "/checkout"),
                other.post("api/v1/documents/" + doc + "/checkin"));
        for (Api.Response r : refused) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            JsonObject body = r.json();
            assertThat(body.getString("error")).isEqualTo("locked");
            assertThat(body.getJsonObject("lock").getString("kind")).isEqualTo("CHECKOUT");
            assertThat(body.getJsonObject("lock").getString("holder")).isEqualTo("holder-" + run);
        }
        JsonObject unchanged = admin.get("api/v1/documents/" + doc).json();
        assertThat(unchanged.getInt("version")).isEqualTo(2);
        assertThat(unchanged.getString("name")).isEqualTo("locked.docx");
        assertThat(unchanged.getBoolean("trashed")).isFalse();

        assertThat(holder.putContent(doc, "v3".getBytes()).status()).isEqualTo(200);
        Api.Response checkin = holder.send(holder.request("api/v1/documents/" + doc + "/checkin?comment=done")
                .header("Content-Type", "application/octet-stream").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray("v4".getBytes())));
        assertThat(checkin.status()).as(checkin.toString()).isEqualTo(200);
        assertThat(checkin.json().getBoolean("locked")).isFalse();
        assertThat(admin.download("api/v1/documents/" + doc + "/content").sha256()).isEqualTo(Api.sha256("v4".getBytes()));
        assertThat(versions(doc)).isEqualTo(4);
        assertThat(other.putContent(doc, "v5".getBytes()).status()).isEqualTo(200);

        // force-unlock by a manager is audited with the previous holder
        holder.post("api/v1/documents/" + doc + "/checkout");
        assertThat(other.delete("api/v1/documents/" + doc + "/lock").json().getBoolean("locked")).isFalse();
        assertThat(admin.get("api/v1/audit?type=LOCK_FORCE_RELEASED&documentId=" + doc).json().getJsonArray("items")
                .getJsonObject(0).getString("detail")).contains("previous holder=holder-" + run);
        assertThat(admin.get("api/v1/audit?type=LOCK_CONFLICT&documentId=" + doc).json().getInt("total")).isGreaterThanOrEqualTo(7);
    }

    @Test
    void thirtyTwoConcurrentCheckoutsHaveExactlyOneWinner() throws Exception {
        admin.postJson("api/v1/groups", "{\"name\":\"racers-" + run + "\"}");
        String folder = created(admin.postJson("api/v1/folders", "{\"parentId\":\"" + area + "\",\"name\":\"race\"}"));
        putAcl("folders/" + folder, "{\"entries\":[{\"principal\":\"group:racers-" + run + "\",\"role\":\"editor\",\"effect\":\"allow\"}]}");
        String doc = fresh(folder, "contended.docx");
        List<Api> racers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            racers.add(user("racer" + i + "-" + run, "racers-" + run));
        }
        racers.forEach(r -> assertThat(r.get("api/v1/me").status()).isEqualTo(200)); // warm the credential cache
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Callable<Integer>> calls = racers.stream().<Callable<Integer>>map(r -> () -> {
                start.await();
                return r.post("api/v1/documents/" + doc + "/checkout").status();
            }).toList();
            List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
            assertThat(statuses.stream().filter(s -> s == 409).count()).as(statuses.toString()).isEqualTo(31);
        } finally {
            pool.shutdownNow();
        }
        JsonObject lock = admin.get("api/v1/documents/" + doc + "/lock").json();
        assertThat(lock.getBoolean("locked")).isTrue();
        assertThat(lock.getString("holder")).startsWith("racer");
        assertThat(admin.get("api/v1/audit?type=LOCK_ACQUIRED&documentId=" + doc).json().getInt("total")).isEqualTo(1);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private Api user(String login, String... groups) {
        return admin.newUser(login, PASSWORD, groups);
    }

    private String fresh(String folder, String name) {
        return created(admin.upload(folder, name, "content".getBytes()));
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


}
