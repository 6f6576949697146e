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
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API on a real Payara Micro over real HTTP, with the WAR exactly as built. Runs against H2
 * (default) and, in the postgres execution, against PostgreSQL. Every test works in a folder of its own,
 * so runs against a database that outlives the build do not interfere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestApiIT {

    static final String ADMIN_PASSWORD = "it-admin-secret";
    static final long UPLOAD_LIMIT = 64L * 1024 * 1024; // -Dquire.upload.max-bytes in arquillian.xml
    static final SecureRandom RANDOM = new SecureRandom();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    Api admin;
    String folderId;

    @BeforeEach
    void folderOfMyOwn() {
        admin = new Api(loopback(base), "admin", ADMIN_PASSWORD);
        String root = admin.get("api/v1/folders/root").json().getString("id");
        Api.Response created = admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"it-" + UUID.randomUUID() + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        folderId = created.json().getString("id");
    }

    // --- authentication ------------------------------------------------------------------------------

    @Test
    void requestsWithoutOrWithWrongCredentialsAreRefused() {
        Api anonymous = admin.as(null, null);
        Api.Response challenge = anonymous.get("api/v1/me");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(challenge.json().getString("error")).isEqualTo("unauthorized");
        assertThat(anonymous.upload(folderId, "anon.txt", new byte[]{1}).status()).isEqualTo(401);
        assertThat(admin.as("admin", "wrong-password").get("api/v1/me").status()).isEqualTo(401);
        assertThat(childNames()).isEmpty();
    }

    @Test
    void meDescribesTheCaller() {
        JsonObject me = admin.get("api/v1/me").json();
        assertThat(me.getString("login")).isEqualTo("admin");
        assertThat(me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).contains("dms-admin", "dms-user");
    }

    @Test
    void adminCreatesUsersAndGroupsAndOnlyAdminsMay() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api.Response group = admin.postJson("api/v1/groups", "{\"name\":\"sales-" + suffix + "\"}");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        Api.Response user = admin.postJson("api/v1/users", "{\"login\":\"bob-" + suffix + "\",\"displayName\":\"Bob\",\"email\":\"bob@example.com\","
                + "\"password\":\"bob-password\",\"groups\":[\"sales-" + suffix + "\"]}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        assertThat(user.header("Location")).contains("/api/v1/users/");
        assertThat(user.json().getJsonArray("roles").toString()).contains("dms-user").doesNotContain("dms-admin");
        assertThat(user.json().getJsonArray("groups").toString()).contains("sales-" + suffix);

        Api bob = admin.as("bob-" + suffix, "bob-password");
        assertThat(bob.get("api/v1/me").json().getString("displayName")).isEqualTo("Bob");
        Api.Response forbidden = bob.postJson("api/v1/users", "{\"login\":\"eve-" + suffix + "\",\"password\":\"eve-password\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().getString("error")).isEqualTo("forbidden");
        assertThat(bob.get("api/v1/users").status()).isEqualTo(403);
        assertThat(admin.get("api/v1/users").body()).doesNotContain("eve-" + suffix).contains("bob-" + suffix);

        assertThat(admin.postJson("api/v1/users", "{\"login\":\"bob-" + suffix + "\",\"password\":\"another-pw\"}").status()).isEqualTo(409);
        Api.Response weak = admin.postJson("api/v1/users", "{\"login\":\"weak-" + suffix + "\",\"password\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().getString("error")).isEqualTo("weak_password");
        assertThat(admin.postJson("api/v1/users", "{\"login\":\"../x\",\"password\":\"long-enough\"}").status()).isEqualTo(400);
    }

    // --- upload and download ---------------------------------------------------------------------------

    @Test
    void emptyAndOneByteDocumentsRoundTripExactly() {
        for (byte[] bytes : List.of(new byte[0], new byte[]{42})) {
            String name = "size-" + bytes.length + ".bin";
            Api.Response created = admin.upload(folderId, name, bytes);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonObject doc = created.json();
            assertThat(created.header("Location")).endsWith("/api/v1/documents/" + doc.getString("id"));
            assertThat(doc.getJsonNumber("size").longValue()).isEqualTo(bytes.length);
            assertThat(doc.getString("sha256")).isEqualTo(Api.sha256(bytes));
            assertThat(doc.getInt("version")).isEqualTo(1);
            assertThat(doc.getString("folderId")).isEqualTo(folderId);

            Api.Download download = admin.download("api/v1/documents/" + doc.getString("id") + "/content");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.size()).isEqualTo(bytes.length);
            assertThat(download.sha256()).isEqualTo(Api.sha256(bytes));
            assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
            assertThat(download.header("ETag")).isEqualTo("\"" + Api.sha256(bytes) + "\"");
        }
    }

    /** Uploads into one folder at the same time (a browser dropping many files) all succeed: none fails another. */
    @Test
    void concurrentUploadsIntoOneFolderAllSucceed() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                byte[] bytes = ("file " + i).getBytes();
                String name = "parallel-" + i + ".txt";
                answers.add(pool.submit(() -> admin.upload(folderId, name, bytes)));
                answers.add(pool.submit(() -> admin.postJson("api/v1/folders", "{\"parentId\":\"" + folderId + "\",\"name\":\"sub-" + name + "\"}")));
            }
            for (var answer : answers) {
                Api.Response r = answer.get(120, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get("api/v1/folders/" + folderId + "/children?size=100").json().getInt("total")).isEqualTo(48);
    }

    @Test
    void fiftyMegabytesRoundTripByteForByte() throws Exception {
        Path file = randomFile(50L * 1024 * 1024);
        String sha = sha256(file);
        Api.Response created = admin.send(admin.request("api/v1/folders/" + folderId + "/documents?name=big.bin")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("sha256")).isEqualTo(sha);
        assertThat(created.json().getJsonNumber("size").longValue()).isEqualTo(Files.size(file));

        Api.Download download = admin.download("api/v1/documents/" + created.json().getString("id") + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.size()).isEqualTo(Files.size(file));
        assertThat(download.sha256()).isEqualTo(sha);
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(Files.size(file)));
        Files.delete(file);
    }

    @Test
    void multipartUploadTakesTheFilePart() {
        byte[] bytes = "multipart content\n".getBytes();
        String boundary = "quire-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + new String(bytes) + "\r\n--" + boundary + "--\r\n";
        Api.Response created = admin.send(admin.request("api/v1/folders/" + folderId + "/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("name")).isEqualTo("notes.txt");
        assertThat(created.json().getString("mimeType")).isEqualTo("text/plain");
        assertThat(created.json().getString("sha256")).isEqualTo(Api.sha256(bytes));
    }

    /** A browser form sends the part's file name as UTF-8; it arrives as the same name, in NFC (issue 20). */
    @Test
    void multipartFileNamesAreUtf8AndStoredInNfc() {
        String boundary = "quire-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Cafe\u0301 \u00fcber.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nx\r\n--" + boundary + "--\r\n";
        Api.Response created = admin.send(admin.request("api/v1/folders/" + folderId + "/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("name")).isEqualTo("Caf\u00e9 \u00fcber.txt");
    }

    @Test
    void downloadsHonourRangesAndConditionalRequests() {
        byte[] bytes = "0123456789".getBytes();
        String id = admin.upload(folderId, "digits.txt", bytes).json().getString("id");
        String path = "api/v1/documents/" + id + "/content";

        Api.Download middle = admin.download(path, "Range", "bytes=2-5");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.sha256()).isEqualTo(Api.sha256("2345".getBytes()));
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 2-5/10");

        Api.Download suffix = admin.download(path, "Range", "bytes=-3");
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.sha256()).isEqualTo(Api.sha256("789".getBytes()));

        Api.Download outside = admin.download(path, "Range", "bytes=10-");
        assertThat(outside.status()).isEqualTo(416);
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */10");

        String etag = "\"" + Api.sha256(bytes) + "\"";
        assertThat(admin.download(path, "If-None-Match", etag).status()).isEqualTo(304);
        Api.Download staleIfRange = admin.download(path, "Range", "bytes=0-0", "If-Range", "\"other\"");
        assertThat(staleIfRange.status()).isEqualTo(200);
        assertThat(staleIfRange.size()).isEqualTo(10);
    }

    // --- versions ----------------------------------------------------------------------------------------

    @Test
    void newVersionsAreNumberedAndOldOnesStayReadable() {
        byte[] v1 = "first".getBytes();
        byte[] v2 = "second".getBytes();
        String id = admin.upload(folderId, "history.txt", v1).json().getString("id");

        Api.Response updated = admin.putContent(id, v2);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().getInt("version")).isEqualTo(2);
        assertThat(updated.json().getString("sha256")).isEqualTo(Api.sha256(v2));

        JsonObject versions = admin.get("api/v1/documents/" + id + "/versions").json();
        assertThat(versions.getInt("total")).isEqualTo(2);
        JsonObject newest = versions.getJsonArray("items").getJsonObject(0);
        JsonObject oldest = versions.getJsonArray("items").getJsonObject(1);
        assertThat(newest.getInt("number")).isEqualTo(2);
        assertThat(newest.getString("source")).isEqualTo("UPLOAD");
        assertThat(newest.getString("author")).isEqualTo("admin");
        assertThat(oldest.getInt("number")).isEqualTo(1);
        assertThat(oldest.getString("sha256")).isEqualTo(Api.sha256(v1));

        assertThat(admin.download("api/v1/documents/" + id + "/versions/1/content").sha256()).isEqualTo(Api.sha256(v1));
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256(v2));
        assertThat(admin.get("api/v1/documents/" + id + "/versions/9").status()).isEqualTo(404);
    }

    @Test
    void restoreMakesANewVersionWithTheOldContent() {
        byte[] v1 = "original".getBytes();
        String id = admin.upload(folderId, "restore.txt", v1).json().getString("id");
        admin.putContent(id, "changed".getBytes());

        Api.Response restored = admin.post("api/v1/documents/" + id + "/versions/1/restore");
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().getInt("version")).isEqualTo(3);
        assertThat(restored.json().getString("sha256")).isEqualTo(Api.sha256(v1));

        JsonObject v3 = admin.get("api/v1/documents/" + id + "/versions").json().getJsonArray("items").getJsonObject(0);
        assertThat(v3.getInt("number")).isEqualTo(3);
        assertThat(v3.getString("source")).isEqualTo("RESTORE");
        assertThat(v3.getString("comment")).contains("version 1");
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256(v1));
        assertThat(admin.get("api/v1/documents/" + id + "/versions").json().getInt("total")).isEqualTo(3);
    }

    // --- names, rename, move, trash ----------------------------------------------------------------------

    @Test
    void badNamesAreRefusedAndNothingIsStored() {
        for (String bad : List.of("a/b.txt", "a\\b.txt", "..", ".", "tab\there.txt", "x".repeat(256), " lead.txt")) {
            Api.Response r = admin.upload(folderId, bad, new byte[]{1, 2, 3});
            assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
            assertThat(r.json().getString("error")).isEqualTo("invalid_name");
        }
        assertThat(admin.upload(folderId, "", new byte[]{1}).status()).isEqualTo(400);
        Api.Response noName = admin.send(admin.request("api/v1/folders/" + folderId + "/documents")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1})));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().getString("message")).contains("name is required");
        Api.Response badFolder = admin.postJson("api/v1/folders", "{\"parentId\":\"" + folderId + "\",\"name\":\"a/b\"}");
        assertThat(badFolder.status()).isEqualTo(400);
        assertThat(admin.postJson("api/v1/folders", "{\"name\":\"x\"}").status()).isEqualTo(400);
        assertThat(admin.postJson("api/v1/folders", "not json").status()).isEqualTo(400);
        assertThat(admin.patchJson("api/v1/folders/" + folderId, "{}").status()).isEqualTo(400);
        assertThat(childNames()).isEmpty();
        assertThat(admin.upload(folderId, "a..b ok.txt", new byte[]{1}).status()).isEqualTo(201);
        assertThat(admin.upload(folderId, "x".repeat(251) + ".txt", new byte[]{1}).status()).isEqualTo(201);
    }

    /** Issue 20: names are stored in NFC, so a decomposed and a composed "é" are one name; names that lie are refused. */
    @Test
    void namesAreStoredInNfcAndNamesThatLieAreRefused() {
        String nfd = "Re\u0301sume\u0301.docx";
        String nfc = "R\u00e9sum\u00e9.docx";
        Api.Response created = admin.upload(folderId, nfd, "a".getBytes());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("name")).isEqualTo(nfc);
        Api.Response twin = admin.upload(folderId, nfc, "b".getBytes());
        assertThat(twin.status()).as(twin.toString()).isEqualTo(409);
        assertThat(twin.json().getString("error")).isEqualTo("name_taken");
        String other = admin.upload(folderId, "other.docx", "c".getBytes()).json().getString("id");
        assertThat(admin.patchJson("api/v1/documents/" + other, "{\"name\":\"re\\u0301sume\\u0301.DOCX\"}").status()).isEqualTo(409);
        Api.Response folder = admin.postJson("api/v1/folders", "{\"parentId\":\"" + folderId + "\",\"name\":\"Cafe\\u0301\"}");
        assertThat(folder.status()).as(folder.toString()).isEqualTo(201);
        assertThat(folder.json().getString("name")).isEqualTo("Caf\u00e9");

        Api.Response lying = admin.upload(folderId, "invoice\u202Excod.exe", "d".getBytes());
        assertThat(lying.status()).as(lying.toString()).isEqualTo(400);
        assertThat(lying.json().getString("error")).isEqualTo("invalid_name");
        assertThat(lying.json().getString("message")).contains("U+202E");
        assertThat(childNames()).containsExactlyInAnyOrder("Caf\u00e9", nfc, "other.docx");
    }

    @Test
    void renameToATakenNameIgnoringCaseIsAConflict() {
        admin.upload(folderId, "Report.docx", "a".getBytes());
        String other = admin.upload(folderId, "draft.docx", "b".getBytes()).json().getString("id");

        Api.Response conflict = admin.patchJson("api/v1/documents/" + other, "{\"name\":\"REPORT.docx\"}");
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.json().getString("error")).isEqualTo("name_taken");
        assertThat(admin.get("api/v1/documents/" + other).json().getString("name")).isEqualTo("draft.docx");
        assertThat(admin.upload(folderId, "report.DOCX", "c".getBytes()).status()).isEqualTo(409);

        Api.Response renamed = admin.patchJson("api/v1/documents/" + other, "{\"name\":\"final.xlsx\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().getString("name")).isEqualTo("final.xlsx");
        assertThat(renamed.json().getString("mimeType")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(childNames()).containsExactly("final.xlsx", "Report.docx");
    }

    @Test
    void documentsMoveBetweenFolders() {
        String target = admin.postJson("api/v1/folders", "{\"parentId\":\"" + folderId + "\",\"name\":\"Sub\"}").json().getString("id");
        String id = admin.upload(folderId, "moving.txt", "m".getBytes()).json().getString("id");
        Api.Response moved = admin.patchJson("api/v1/documents/" + id, "{\"folderId\":\"" + target + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().getString("folderId")).isEqualTo(target);
        assertThat(childNames()).containsExactly("Sub");
        assertThat(admin.get("api/v1/folders/" + target + "/children").body()).contains("moving.txt");
        assertThat(admin.patchJson("api/v1/documents/" + id, "{\"folderId\":\"nope\"}").status()).isEqualTo(404);
    }

    @Test
    void trashHidesADocumentAndRestoreBringsItBack() {
        String id = admin.upload(folderId, "bin.txt", "t".getBytes()).json().getString("id");
        Api.Response trashed = admin.delete("api/v1/documents/" + id);
        assertThat(trashed.status()).isEqualTo(200);
        assertThat(trashed.json().getBoolean("trashed")).isTrue();
        assertThat(childNames()).isEmpty();
        assertThat(admin.get("api/v1/trash?size=500").body()).contains(id);
        assertThat(admin.putContent(id, "x".getBytes()).status()).isEqualTo(409);

        // the name is free while the original is in the trash; restoring into a taken name is a conflict
        String replacement = admin.upload(folderId, "bin.txt", "r".getBytes()).json().getString("id");
        assertThat(admin.post("api/v1/documents/" + id + "/restore").status()).isEqualTo(409);
        admin.patchJson("api/v1/documents/" + replacement, "{\"name\":\"bin-2.txt\"}");

        Api.Response restored = admin.post("api/v1/documents/" + id + "/restore");
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().getBoolean("trashed")).isFalse();
        assertThat(childNames()).containsExactly("bin-2.txt", "bin.txt");
        assertThat(admin.download("api/v1/documents/" + id + "/content").sha256()).isEqualTo(Api.sha256("t".getBytes()));
    }

    // --- limits, errors, audit ----------------------------------------------------------------------------

    @Test
    void oversizedUploadsAreRefusedWith413AndNothingIsStored() throws Exception {
        Path tooBig = randomFile(UPLOAD_LIMIT + 1);
        // declared length over the limit: refused before the body is read (the client waits for 100-continue)
        Api.Response declared = admin.send(admin.request("api/v1/folders/" + folderId + "/documents?name=huge.bin")
                .expectContinue(true)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(tooBig)));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().getString("error")).isEqualTo("upload_too_large");

        // chunked, no length: refused while streaming
        Api.Response streamed = admin.send(admin.request("api/v1/folders/" + folderId + "/documents?name=huge2.bin")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> open(tooBig))));
        assertThat(streamed.status()).isEqualTo(413);

        String existing = admin.upload(folderId, "small.bin", new byte[]{7}).json().getString("id");
        Api.Response newVersion = admin.send(admin.request("api/v1/documents/" + existing + "/content")
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofInputStream(() -> open(tooBig))));
        assertThat(newVersion.status()).isEqualTo(413);

        assertThat(childNames()).containsExactly("small.bin");
        assertThat(admin.get("api/v1/documents/" + existing + "/versions").json().getInt("total")).isEqualTo(1);
        assertThat(admin.get("api/v1/audit?type=UPLOAD_REJECTED&size=500").json().getInt("total")).isGreaterThanOrEqualTo(3);
        assertThat(tempFilesOfTheStore()).isEmpty();
        Files.delete(tooBig);
    }

    @Test
    void unknownIdsAnswer404WithAJsonError() {
        Api.Response r = admin.get("api/v1/documents/AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getString("error")).isEqualTo("document_not_found");
        assertThat(admin.get("api/v1/documents/../../etc/passwd").status()).isEqualTo(404);
        assertThat(admin.get("api/v1/folders/xyz/children").status()).isEqualTo(404);
    }

    @Test
    void everyChangeIsAudited() {
        String id = admin.upload(folderId, "audited.txt", "a".getBytes()).json().getString("id");
        admin.putContent(id, "b".getBytes());
        admin.patchJson("api/v1/documents/" + id, "{\"name\":\"audited-2.txt\"}");
        admin.delete("api/v1/documents/" + id);
        admin.post("api/v1/documents/" + id + "/restore");
        JsonObject page = admin.get("api/v1/audit?documentId=" + id).json();
        // the administrator works here without an ACL grant, so each change also records ADMIN_OVERRIDE
        List<JsonObject> changes = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> !e.getString("type").equals("ADMIN_OVERRIDE")).toList();
        assertThat(changes).extracting(e -> e.getString("type"))
                .containsExactly("DOCUMENT_RESTORED", "DOCUMENT_TRASHED", "DOCUMENT_RENAMED", "DOCUMENT_VERSION_ADDED", "DOCUMENT_CREATED");
        JsonObject created = changes.get(4);
        assertThat(created.getString("user")).isEqualTo("admin");
        assertThat(created.getString("address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(admin.as("nobody", "x").get("api/v1/audit").status()).isEqualTo(401);
    }

    @Test
    void folderListingsPage() {
        for (int i = 0; i < 5; i++) {
            admin.postJson("api/v1/folders", "{\"parentId\":\"" + folderId + "\",\"name\":\"f" + i + "\"}");
            admin.upload(folderId, "d" + i + ".txt", new byte[]{(byte) i});
        }
        JsonObject page1 = admin.get("api/v1/folders/" + folderId + "/children?page=1&size=4").json();
        assertThat(page1.getInt("total")).isEqualTo(10);
        assertThat(page1.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(o -> o.getString("name"))
                .containsExactly("f4", "d0.txt", "d1.txt", "d2.txt");
        assertThat(admin.get("api/v1/folders/" + folderId + "/children?size=0").status()).isEqualTo(400);
    }

    @Test
    void listingsCarryTheDocumentShapeWithItsLockSummary() {
        byte[] v1 = "first".getBytes();
        byte[] v2 = "second version".getBytes();
        JsonObject plain = admin.upload(folderId, "plain.txt", v1).json();
        String checkedOut = admin.upload(folderId, "held.docx", v1).json().getString("id");
        assertThat(admin.putContent(checkedOut, v2).status()).isEqualTo(200);
        assertThat(admin.post("api/v1/documents/" + checkedOut + "/checkout").status()).isEqualTo(200);

        List<JsonObject> items = admin.get("api/v1/folders/" + folderId + "/children").json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).extracting(o -> o.getString("name")).containsExactly("held.docx", "plain.txt");
        JsonObject held = items.get(0);
        assertThat(held.getString("type")).isEqualTo("document");
        assertThat(held.getString("id")).isEqualTo(checkedOut);
        assertThat(held.getString("folderId")).isEqualTo(folderId);
        assertThat(held.getInt("version")).isEqualTo(2);
        assertThat(held.getJsonNumber("size").longValue()).isEqualTo(v2.length);
        assertThat(held.getString("sha256")).isEqualTo(Api.sha256(v2));
        assertThat(held.getString("mimeType")).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(held.getString("owner")).isEqualTo("admin");
        assertThat(held.getString("created")).isNotBlank();
        assertThat(held.getString("modified")).isNotBlank();
        assertThat(held.getBoolean("trashed")).isFalse();
        assertThat(held.getBoolean("locked")).isTrue();
        assertThat(held.getString("lockKind")).isEqualTo("CHECKOUT");
        JsonObject unlocked = items.get(1);
        assertThat(unlocked.getString("id")).isEqualTo(plain.getString("id"));
        assertThat(unlocked.getInt("version")).isEqualTo(1);
        assertThat(unlocked.getString("sha256")).isEqualTo(Api.sha256(v1));
        assertThat(unlocked.getString("mimeType")).isEqualTo("text/plain");
        assertThat(unlocked.getBoolean("locked")).isFalse();
        assertThat(unlocked.containsKey("lockKind")).isFalse();

        // the single document and the trash listing carry the same shape
        JsonObject single = admin.get("api/v1/documents/" + checkedOut).json();
        assertThat(single.getBoolean("locked")).isTrue();
        assertThat(single.getString("lockKind")).isEqualTo("CHECKOUT");
        assertThat(single.getString("sha256")).isEqualTo(Api.sha256(v2));
        assertThat(admin.delete("api/v1/documents/" + plain.getString("id")).status()).isEqualTo(200);
        JsonObject trashed = admin.get("api/v1/trash?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("id").equals(plain.getString("id"))).findFirst().orElseThrow();
        assertThat(trashed.getBoolean("trashed")).isTrue();
        assertThat(trashed.getString("sha256")).isEqualTo(Api.sha256(v1));
        assertThat(trashed.getInt("version")).isEqualTo(1);
        assertThat(trashed.getBoolean("locked")).isFalse();

        // after check-in the listing shows the document unlocked again
        assertThat(admin.post("api/v1/documents/" + checkedOut + "/checkin").status()).isEqualTo(200);
        JsonObject released = admin.get("api/v1/folders/" + folderId + "/children").json().getJsonArray("items").getJsonObject(0);
        assertThat(released.getBoolean("locked")).isFalse();
    }

    @Test
    void healthIsReady() {
        URI root = loopback(base).resolve("/health/ready");
        Api.Response r = admin.as(null, null).send(java.net.http.HttpRequest.newBuilder(root).GET());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"database\"").contains("\"blob-store\"").contains("UP");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Arquillian reports the machine's address; tests talk to the server over loopback only. */
    static URI loopback(URL url) {
        return URI.create("http://127.0.0.1:" + url.getPort() + url.getPath());
    }

    private List<String> childNames() {
        return admin.get("api/v1/folders/" + folderId + "/children?size=500").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("name")).toList();
    }

    private static Path randomFile(long size) throws IOException {
        Path file = Files.createTempFile("quire-it-", ".bin");
        byte[] buffer = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                RANDOM.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> tempFilesOfTheStore() throws IOException {
        String it = System.getProperty("quire.it.dir");
        String container = System.getProperty("arquillian.launch", "micro-embedded");
        Path tmp = Path.of(it, container.equals("micro-postgres") ? "pg-data" : "embedded-data", "store", "tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }
}
