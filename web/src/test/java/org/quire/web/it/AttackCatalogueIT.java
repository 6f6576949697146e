package org.quire.web.it;

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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Api.created;

/**
 * The attack catalogue of issue 7: hostile requests across every surface (WOPI, the ONLYOFFICE callback and file
 * links, the REST API, the admin API), one row each. Every row is sent against one deployment and checked for
 * the status it must be refused with, for "nothing changed" through the API (versions, names, lock state, ACLs,
 * user flags, settings, the Document Server double's fetch counters) and for the audit row Quire writes for that
 * kind of refusal. Rows that are not refusals by Quire say so ({@code audit = null} and "(not audited: …)" in
 * the name): a request the HTTP container refuses before any Quire code runs, a URL that reaches no resource, a
 * check that is answered 200. A summary table is written to {@code target/attack-catalogue.md}.
 *
 * <p>XXE in the WOPI discovery is driven through the connection check with quire.wopi.discovery-url pointed at a
 * small extra server for one row (the last); the parser's refusal of DOCTYPEs, external entities and entity
 * expansion is also covered by {@code DiscoveryParserTest} (web/src/test/java/org/quire/web/wopi/discovery/).
 *
 * <p>CSRF rows sign in through the login form (cookie jar, CSRF token from the sign-in answer) and send the writes a
 * foreign page could make a browser send: no token, another session's token, the right token from a foreign
 * {@code Origin}, a text/plain form post, a sign-in posted from another site.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AttackCatalogueIT {

    static final String PASSWORD = "user-password-1";
    static final String WRONG_SECRET = "another-secret-another-secret-0123456789";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    static WopiClientDouble wopiClient;
    static DocumentServerDouble ds;
    static Fixture f;
    static final List<String> SUMMARY = new ArrayList<>();

    /** What every row shares: users, a folder with a sub-folder, documents and their tokens and links. */
    static final class Fixture {
        URI quire;
        Api admin, client, anonymous, alice, vic, mona, gus;
        String run, folder, sub, doc, other, changes, aliceToken, otherToken, vicToken, doraToken;
        String callbackUrl, key, otherCallbackUrl, changesCallbackUrl, changesKey, fileUrl, otherFileUrl;
        Session aliceSession, aliceOtherSession, adminSession;
        String backupsBefore, gusHome;
    }

    /** A browser's view of Quire: a cookie jar, the session's CSRF token from the sign-in answer. */
    static final class Session {
        static final String EVIL = "https://evil.example";
        final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        final URI quire;
        String csrf;

        Session(URI quire) {
            this.quire = quire;
        }

        String origin() {
            return quire.getScheme() + "://" + quire.getRawAuthority();
        }

        /** Signs in through the login form's JSON form, from the given origin; keeps the CSRF token on success. */
        Api.Response signIn(String login, String password, String origin) {
            Api.Response r = send(request("login").header("Content-Type", "application/json").header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + login + "\",\"password\":\"" + password + "\"}")));
            if (r.status() == 200) {
                csrf = r.json().getString("csrfToken");
            }
            return r;
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(quire.resolve(path)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        }

        Api.Response send(HttpRequest.Builder request) {
            try {
                var answer = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                return new Api.Response(answer.statusCode(), answer.body(), answer);
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A JSON write as the console sends it, with the given CSRF token (null: none) and Origin (null: none). */
        Api.Response write(String method, String path, String json, String token, String origin) {
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                b.header("X-CSRF-Token", token);
            }
            if (origin != null) {
                b.header("Origin", origin);
            }
            return send(b);
        }
    }

    /** One row of the catalogue: the request, the status it must be refused with, the audit type (null: not audited). */
    record Attack(String name, int status, String audit, boolean byDocument, Function<Fixture, Api.Response> request,
                  Predicate<Fixture> alsoUnchanged) {
    }

    static final Map<String, Attack> CATALOGUE = new LinkedHashMap<>();

    static void row(String name, int status, String audit, Function<Fixture, Api.Response> request) {
        row(name, status, audit, true, request, x -> true);
    }

    static void row(String name, int status, String audit, boolean byDocument, Function<Fixture, Api.Response> request,
                    Predicate<Fixture> alsoUnchanged) {
        if (CATALOGUE.put(name, new Attack(name, status, audit, byDocument, request, alsoUnchanged)) != null) {
            throw new IllegalStateException("duplicate row " + name);
        }
    }

    static {
        // --- WOPI access tokens (refused by the token authenticator: 401, TOKEN_REJECTED without a document) -----
        row("wopi: random string as access token", 401, "TOKEN_REJECTED", false, x -> wopiGet(x, x.doc, "garbage-token"), x -> true);
        row("wopi: token with a tampered signature", 401, "TOKEN_REJECTED", false, x -> wopiGet(x, x.doc, tamperSignature(x.aliceToken)), x -> true);
        row("wopi: token payload rewritten to another document", 401, "TOKEN_REJECTED", false,
                x -> wopiGet(x, x.other, rewritePayload(x.aliceToken, x.doc, x.other)), x -> true);
        row("wopi: token with alg none", 401, "TOKEN_REJECTED", false, x -> wopiGet(x, x.doc, algNone(x.aliceToken)), x -> true);
        row("wopi: token signed with another key", 401, "TOKEN_REJECTED", false, x -> wopiGet(x, x.doc, resign(x.aliceToken, WRONG_SECRET, 600)), x -> true);
        row("wopi: expired token (re-signed with a foreign key, exp in the past)", 401, "TOKEN_REJECTED", false,
                x -> wopiGet(x, x.doc, resign(x.aliceToken, WRONG_SECRET, -600)), x -> true);
        row("wopi: token of a disabled user", 401, "TOKEN_REJECTED", false, x -> wopiGet(x, x.doc, x.doraToken), x -> true);
        row("wopi: forged Bearer header instead of access_token", 401, "TOKEN_REJECTED", false,
                x -> x.client.send(x.client.request("wopi/files/" + x.doc).header("Authorization", "Bearer " + tamperSignature(x.aliceToken)).GET()), x -> true);
        row("wopi: token of another document, CheckFileInfo", 401, "TOKEN_REJECTED", true,
                x -> wopiGet(x, x.doc, x.otherToken), x -> true);
        row("wopi: token of another document, PutFile", 401, "TOKEN_REJECTED", true,
                x -> wopi(x, x.otherToken, x.doc, "/contents", "evil".getBytes(), "X-WOPI-Override", "PUT"), x -> true);
        row("wopi: token of another document, Lock", 401, "TOKEN_REJECTED", true,
                x -> wopi(x, x.otherToken, x.doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "L"), x -> true);
        row("wopi: viewer's token, PutFile", 401, "TOKEN_REJECTED", true,
                x -> wopi(x, x.vicToken, x.doc, "/contents", "evil".getBytes(), "X-WOPI-Override", "PUT"), x -> true);
        row("wopi: viewer's token, Lock", 401, "TOKEN_REJECTED", true,
                x -> wopi(x, x.vicToken, x.doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "L"), x -> true);
        row("wopi: viewer's token, RenameFile", 401, "TOKEN_REJECTED", true,
                x -> wopi(x, x.vicToken, x.doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", "pwned"), x -> true);
        row("wopi: an 8 KiB+ access token (not audited: refused by the HTTP container before Quire)", 400, null, false, x -> wopiGet(x, x.doc, "x".repeat(9000)), x -> true);
        row("rest: a WOPI token as REST credential", 401, "TOKEN_REJECTED", false,
                x -> x.anonymous.send(x.anonymous.request("api/v1/documents/" + x.doc).header("Authorization", "Bearer " + x.aliceToken).GET()), x -> true);

        // --- WOPI proofs (500 as the protocol wants, WOPI_PROOF_REJECTED without a document) --------------------
        row("wopi proof: none", 500, "WOPI_PROOF_REJECTED", false,
                x -> x.anonymous.send(x.anonymous.request(path(x.doc, "", x.aliceToken)).header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p")
                        .POST(HttpRequest.BodyPublishers.noBody())), x -> true);
        row("wopi proof: signed with an unknown key", 500, "WOPI_PROOF_REJECTED", false, x -> {
            try {
                return x.anonymous.send(wopiClient.signWithUnknownKey(x.anonymous.request(path(x.doc, "", x.aliceToken)), url(x, x.doc, x.aliceToken), x.aliceToken)
                        .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p").POST(HttpRequest.BodyPublishers.noBody()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, x -> true);
        row("wopi proof: timestamp 21 minutes old", 500, "WOPI_PROOF_REJECTED", false,
                x -> x.anonymous.send(wopiClient.sign(x.anonymous.request(path(x.doc, "", x.aliceToken)), url(x, x.doc, x.aliceToken), x.aliceToken,
                        Instant.now().minusSeconds(21 * 60)).header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p").POST(HttpRequest.BodyPublishers.noBody())), x -> true);
        row("wopi proof: over another URL", 500, "WOPI_PROOF_REJECTED", false,
                x -> x.anonymous.send(wopiClient.sign(x.anonymous.request(path(x.doc, "", x.aliceToken)), url(x, x.doc, x.aliceToken) + "&x=1", x.aliceToken)
                        .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p").POST(HttpRequest.BodyPublishers.noBody())), x -> true);
        row("wopi proof: over another token", 500, "WOPI_PROOF_REJECTED", false,
                x -> x.anonymous.send(wopiClient.sign(x.anonymous.request(path(x.doc, "", x.aliceToken)), url(x, x.doc, x.aliceToken), x.otherToken)
                        .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p").POST(HttpRequest.BodyPublishers.noBody())), x -> true);
        row("wopi proof: garbage base64", 500, "WOPI_PROOF_REJECTED", false,
                x -> x.anonymous.send(x.anonymous.request(path(x.doc, "", x.aliceToken)).header("X-WOPI-TimeStamp", ticksNow())
                        .header("X-WOPI-Proof", "!!not-base64!!").header("X-WOPI-ProofOld", "AAAA")
                        .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p").POST(HttpRequest.BodyPublishers.noBody())), x -> true);
        row("wopi proof: timestamp not a number", 500, "WOPI_PROOF_REJECTED", false,
                x -> x.anonymous.send(x.anonymous.request(path(x.doc, "", x.aliceToken)).header("X-WOPI-TimeStamp", "soon")
                        .header("X-WOPI-Proof", wopiClient.proofWithCurrentKey(x.aliceToken, url(x, x.doc, x.aliceToken), 1))
                        .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "p").POST(HttpRequest.BodyPublishers.noBody())), x -> true);

        // --- WOPI names, lock ids and sizes (400; not audited: a well-authenticated but invalid request) --------
        row("wopi RenameFile: slash", 400, "INPUT_REJECTED", true, x -> rename(x, "a/b"), x -> true);
        row("wopi RenameFile: UTF-7 backslash traversal", 400, "INPUT_REJECTED", true, x -> rename(x, "+AFw-..+AFw-etc"), x -> true);
        row("wopi RenameFile: UTF-7 control character", 400, "INPUT_REJECTED", true, x -> rename(x, "con+AAE-trol"), x -> true);
        row("wopi RenameFile: 300 characters", 400, "INPUT_REJECTED", true, x -> rename(x, "x".repeat(300)), x -> true);
        row("wopi PutRelativeFile: ../ traversal", 400, "INPUT_REJECTED", true, x -> relative(x, "../escape.docx"), x -> children(x) == 3);
        row("wopi PutRelativeFile: UTF-7 ../", 400, "INPUT_REJECTED", true, x -> relative(x, "+AC4ALgAv-escape.docx"), x -> children(x) == 3);
        row("wopi PutRelativeFile: control character", 400, "INPUT_REJECTED", true, x -> relative(x, "bad+AAA-name.docx"), x -> children(x) == 3);
        row("wopi Lock: lock id of 1025 characters", 400, "INPUT_REJECTED", true,
                x -> wopi(x, x.aliceToken, x.doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "y".repeat(1025)), x -> true);
        row("wopi Lock: a 16 KiB X-WOPI-Lock header (not audited: refused by the HTTP container before Quire)", 400, null, false,
                x -> wopi(x, x.aliceToken, x.doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "z".repeat(16 * 1024)), x -> true);
        row("wopi PutUserInfo: 1025 characters", 400, "INPUT_REJECTED", true,
                x -> wopi(x, x.aliceToken, x.doc, "", "u".repeat(1025).getBytes(), "X-WOPI-Override", "PUT_USER_INFO"),
                x -> !wopiGet(x, x.doc, x.aliceToken).json().containsKey("UserInfo") || wopiGet(x, x.doc, x.aliceToken).json().getString("UserInfo").length() <= 1024);
        row("wopi PutFile: body over the upload limit (under the session's own lock)", 413, "UPLOAD_REJECTED", true, x -> {
            assertThat(wopi(x, x.aliceToken, x.doc, "", null, "X-WOPI-Override", "LOCK", "X-WOPI-Lock", "big").status()).isEqualTo(200);
            try {
                return x.client.send(x.client.request(path(x.doc, "/contents", x.aliceToken)).expectContinue(true)
                        .header("X-WOPI-Override", "PUT").header("X-WOPI-Lock", "big").POST(bigBody()));
            } finally {
                assertThat(wopi(x, x.aliceToken, x.doc, "", null, "X-WOPI-Override", "UNLOCK", "X-WOPI-Lock", "big").status()).isEqualTo(200);
            }
        }, x -> true);

        // --- REST names and sizes --------------------------------------------------------------------------------
        row("rest upload: name ../etc/passwd", 400, "INPUT_REJECTED", false, x -> x.alice.upload(x.folder, "../etc/passwd", "x".getBytes()), x -> children(x) == 3);
        row("rest upload: name with NUL", 400, "INPUT_REJECTED", false, x -> x.alice.upload(x.folder, "a\u0000b.txt", "x".getBytes()), x -> children(x) == 3);
        row("rest upload: name with a newline", 400, "INPUT_REJECTED", false, x -> x.alice.upload(x.folder, "a\nb.txt", "x".getBytes()), x -> children(x) == 3);
        row("rest upload: name with a backslash traversal", 400, "INPUT_REJECTED", false, x -> x.alice.upload(x.folder, "..\\..\\boot.ini", "x".getBytes()), x -> children(x) == 3);
        row("rest rename: ../x.docx", 400, "INPUT_REJECTED", true, x -> x.alice.patchJson("api/v1/documents/" + x.doc, "{\"name\":\"../x.docx\"}"), x -> true);
        row("rest rename: a/b.docx", 400, "INPUT_REJECTED", true, x -> x.alice.patchJson("api/v1/documents/" + x.doc, "{\"name\":\"a/b.docx\"}"), x -> true);
        row("rest rename: control character", 400, "INPUT_REJECTED", true, x -> x.alice.patchJson("api/v1/documents/" + x.doc, "{\"name\":\"x\\u0001.docx\"}"), x -> true);
        row("rest rename: DEL character", 400, "INPUT_REJECTED", true, x -> x.alice.patchJson("api/v1/documents/" + x.doc, "{\"name\":\"x\\u007f.docx\"}"), x -> true);
        row("rest create folder: ..", 400, "INPUT_REJECTED", false,
                x -> x.alice.postJson("api/v1/folders", "{\"parentId\":\"" + x.folder + "\",\"name\":\"..\"}"), x -> children(x) == 3);
        row("rest create folder: name with a tab", 400, "INPUT_REJECTED", false,
                x -> x.alice.postJson("api/v1/folders", "{\"parentId\":\"" + x.folder + "\",\"name\":\"a\\tb\"}"), x -> children(x) == 3);
        row("rest: path traversal in the URL (not audited: no resource)", 404, null, false, x -> x.alice.get("api/v1/documents/../../etc/passwd"), x -> true);
        row("rest upload: over the upload limit", 413, "UPLOAD_REJECTED", false, x -> x.alice.send(x.alice.request("api/v1/folders/" + x.folder + "/documents?name=big.bin")
                .expectContinue(true).header("Content-Type", "application/octet-stream").POST(bigBody())), x -> children(x) == 3);
        row("rest new version: over the upload limit", 413, "UPLOAD_REJECTED", true, x -> x.alice.send(x.alice.request("api/v1/documents/" + x.doc + "/content")
                .expectContinue(true).header("Content-Type", "application/octet-stream").PUT(bigBody())), x -> true);
        // the editor's Save Copy As cleans the title it is given (as WOPI's SuggestedTarget): answered 201 with a clean name
        row("onlyoffice save-as: title ../x.docx is cleaned, not taken (201; the copy removed again)", 201, null, false,
                x -> cleanedSaveAs(x, "../x.docx"), x -> children(x) == 3);
        row("onlyoffice save-as: title with a control character is cleaned, not taken (201; the copy removed again)", 201, null, false,
                x -> cleanedSaveAs(x, "a\\u0007.docx"), x -> children(x) == 3);
        row("onlyoffice save-as: url on another origin (SSRF)", 403, "ACCESS_DENIED", true, x -> {
            String u = ds.serve("copy".getBytes()).replace("127.0.0.1", "localhost");
            Api.Response r = x.alice.postJson("api/v1/documents/" + x.doc + "/onlyoffice/save-as", saveAs(u, "copy.docx"));
            return ds.fetches(u) == 0 ? r : new Api.Response(-1, "fetched " + u, r.raw());
        }, x -> children(x) == 3);

        // --- names that lie (issue 20): bidi controls and invisible characters, 400 invalid_name on every route -----
        row("rest upload: right-to-left override, invoice\\u202Excod.exe shows as invoiceexe.docx", 400, "INPUT_REJECTED", false,
                x -> invalidName(x.alice.upload(x.folder, "invoice\u202Excod.exe", "x".getBytes())), x -> children(x) == 3);
        row("rest upload: zero-width space in the name", 400, "INPUT_REJECTED", false,
                x -> invalidName(x.alice.upload(x.folder, "re\u200Bport.docx", "x".getBytes())), x -> children(x) == 3);
        row("rest upload: byte-order mark at the start of the name", 400, "INPUT_REJECTED", false,
                x -> invalidName(x.alice.upload(x.folder, "\uFEFFtarget.docx", "x".getBytes())), x -> children(x) == 3);
        row("rest upload (multipart form): file name with a right-to-left override", 400, "INPUT_REJECTED", false,
                x -> invalidName(multipart(x, "invoice\u202Excod.exe")), x -> children(x) == 3);
        row("rest rename: right-to-left isolate U+2067", 400, "INPUT_REJECTED", true,
                x -> invalidName(x.alice.patchJson("api/v1/documents/" + x.doc, "{\"name\":\"target\\u2067cod.exe\"}")), x -> true);
        row("rest create folder: zero-width joiner", 400, "INPUT_REJECTED", false,
                x -> invalidName(x.alice.postJson("api/v1/folders", "{\"parentId\":\"" + x.folder + "\",\"name\":\"sub\\u200D\"}")), x -> children(x) == 3);
        row("onlyoffice rename (the editor's): right-to-left override", 400, "INPUT_REJECTED", false,
                x -> invalidName(x.alice.postJson("api/v1/documents/" + x.doc + "/onlyoffice/rename", "{\"name\":\"invoice\\u202Excod.exe\"}")), x -> true);
        row("onlyoffice save-as: title with a right-to-left override is refused before anything is fetched", 400, "INPUT_REJECTED", false, x -> {
            String u = ds.serve("copy".getBytes());
            Api.Response r = invalidName(x.alice.postJson("api/v1/documents/" + x.doc + "/onlyoffice/save-as", saveAs(u, "invoice\\u202Excod")));
            return ds.fetches(u) == 0 ? r : new Api.Response(-1, "fetched " + u, r.raw());
        }, x -> children(x) == 3);
        row("wopi RenameFile: right-to-left override (UTF-7), X-WOPI-InvalidFileNameError", 400, "INPUT_REJECTED", true,
                x -> wopiInvalidName(rename(x, "invoice+IC4-xcod")), x -> true);
        row("wopi PutRelativeFile, specific mode: zero-width space (UTF-7), X-WOPI-InvalidFileNameError", 400, "INPUT_REJECTED", true,
                x -> wopiInvalidName(relative(x, "re+IAs-port.docx")), x -> children(x) == 3);

        // --- ONLYOFFICE callback: tokens and links (403, CALLBACK_REJECTED on the document) ---------------------
        row("callback: body token with the wrong secret", 403, "CALLBACK_REJECTED", x -> save(x, DocumentServerDouble.sign(saveFields(x, x.key), WRONG_SECRET, Duration.ofMinutes(5)), null));
        row("callback: header token with the wrong secret", 403, "CALLBACK_REJECTED", x -> save(x, null, DocumentServerDouble.sign(Map.of("payload", saveFields(x, x.key)), WRONG_SECRET, Duration.ofMinutes(5))));
        row("callback: body token alg none", 403, "CALLBACK_REJECTED", x -> save(x, unsigned(saveFields(x, x.key)), null));
        row("callback: header token alg none", 403, "CALLBACK_REJECTED", x -> save(x, null, unsigned(Map.of("payload", saveFields(x, x.key)))));
        row("callback: expired body token", 403, "CALLBACK_REJECTED", x -> save(x, expired(saveFields(x, x.key)), null));
        row("callback: expired header token", 403, "CALLBACK_REJECTED", x -> save(x, null, expired(Map.of("payload", saveFields(x, x.key)))));
        row("callback: no token at all", 403, "CALLBACK_REJECTED", x -> save(x, null, null));
        row("callback: signed link tampered", 403, "CALLBACK_REJECTED",
                x -> ds.callback(x.quire, x.callbackUrl.replace("?t=", "?t=x"), saveFields(x, x.key), DocumentServerDouble.TokenForm.BOTH));
        row("callback: signed link of another document", 403, "CALLBACK_REJECTED",
                x -> ds.callback(x.quire, x.otherCallbackUrl.replace(x.other, x.doc), saveFields(x, x.key), DocumentServerDouble.TokenForm.BOTH));
        row("callback: key of another session", 403, "CALLBACK_REJECTED",
                x -> ds.callback(x.quire, x.callbackUrl, saveFields(x, "foreign-key-" + x.run), DocumentServerDouble.TokenForm.BOTH));
        row("callback: malformed JSON body", 400, "CALLBACK_REJECTED", x -> rawCallback(x, "{\"status\":2,"));
        row("callback: body over 1 MiB", 413, "CALLBACK_REJECTED", x -> rawCallback(x, "{\"status\":1,\"pad\":\"" + "p".repeat(1100 * 1024) + "\"}"));

        // --- ONLYOFFICE callback: SSRF (403, CALLBACK_REJECTED, the URL never fetched) --------------------------
        ssrf("callback SSRF: another host name for the Document Server (localhost)", u -> u.replace("127.0.0.1", "localhost"));
        ssrf("callback SSRF: another port (the WOPI client double)", u -> u.replace(":" + DocumentServerDouble.PORT, ":" + WopiClientDouble.PORT));
        ssrf("callback SSRF: file: URL", u -> "file:///etc/passwd");
        ssrf("callback SSRF: user info http://user@host", u -> u.replace("http://", "http://evil@"));
        ssrf("callback SSRF: user info with @ trick http://127.0.0.1:port@other", u -> u.replace("http://127.0.0.1:" + DocumentServerDouble.PORT, "http://127.0.0.1:" + DocumentServerDouble.PORT + "@localhost:" + DocumentServerDouble.PORT));
        ssrf("callback SSRF: IPv6 literal [::1]", u -> u.replace("127.0.0.1", "[::1]"));
        ssrf("callback SSRF: decimal IP 2130706433", u -> u.replace("127.0.0.1", "2130706433"));
        ssrf("callback SSRF: hex IP 0x7f.0.0.1", u -> u.replace("127.0.0.1", "0x7f.0.0.1"));
        ssrf("callback SSRF: short IP 127.1", u -> u.replace("127.0.0.1", "127.1"));
        ssrf("callback SSRF: gopher: scheme", u -> u.replace("http://", "gopher://"));
        row("callback SSRF: redirect from the Document Server origin to another host (not followed; EDITOR_SAVE_FAILED)", 500, "EDITOR_SAVE_FAILED", true, x -> {
            String target = ds.serve("redirected".getBytes()).replace("127.0.0.1", "localhost");
            Api.Response r = ds.callback(x.quire, x.callbackUrl, saveFields(x, x.key, ds.redirectTo(target)), DocumentServerDouble.TokenForm.BOTH);
            return ds.fetches(target) == 0 ? r : new Api.Response(-1, "redirect followed to " + target, r.raw());
        }, x -> true);
        row("callback SSRF: changesurl on another host (the save stands and its audit row names the refused archive; never fetched)", 200, "EDITOR_SAVED", false, x -> {
            String foreign = ds.serve("PK-changes".getBytes()).replace("127.0.0.1", "localhost");
            Map<String, Object> fields = new LinkedHashMap<>(saveFieldsFor(x.changesKey, ds.serve("saved with changes".getBytes()), x.run));
            fields.put("changesurl", foreign);
            Api.Response r = ds.callback(x.quire, x.changesCallbackUrl, fields, DocumentServerDouble.TokenForm.BOTH);
            String saved = x.admin.get("api/v1/audit?type=EDITOR_SAVED&documentId=" + x.changes + "&size=1").json()
                    .getJsonArray("items").getJsonObject(0).getString("detail", "");
            return ds.fetches(foreign) > 0 ? new Api.Response(-1, "changesurl fetched " + foreign, r.raw())
                    : !saved.contains("changes archive not stored") ? new Api.Response(-1, "the save's audit row does not name the refused archive: " + saved, r.raw())
                    : r;
        }, x -> true);

        // --- ONLYOFFICE file links, as the Document Server downloads (401) --------------------------------------
        row("onlyoffice file: no Document Server token", 401, "TOKEN_REJECTED", true, x -> ds.download(x.quire, x.fileUrl, false), x -> true);
        row("onlyoffice file: link signature tampered", 401, "TOKEN_REJECTED", true, x -> ds.download(x.quire, x.fileUrl.replace("?t=", "?t=x"), true), x -> true);
        row("onlyoffice file: link of another document", 401, "TOKEN_REJECTED", true, x -> ds.download(x.quire, x.otherFileUrl.replace(x.other, x.doc), true), x -> true);
        row("onlyoffice file: Document Server token with the wrong secret", 401, "TOKEN_REJECTED", true,
                x -> fileWith(x, DocumentServerDouble.sign(Map.of("payload", Map.of("url", DocumentServerDouble.onto(x.quire, x.fileUrl).toString())), WRONG_SECRET, Duration.ofMinutes(5))), x -> true);
        row("onlyoffice file: Document Server token alg none", 401, "TOKEN_REJECTED", true,
                x -> fileWith(x, unsigned(Map.of("payload", Map.of("url", DocumentServerDouble.onto(x.quire, x.fileUrl).toString())))), x -> true);
        row("onlyoffice file: expired Document Server token", 401, "TOKEN_REJECTED", true,
                x -> fileWith(x, expired(Map.of("payload", Map.of("url", DocumentServerDouble.onto(x.quire, x.fileUrl).toString())))), x -> true);

        // --- untrusted source addresses (403, UNTRUSTED_SOURCE_REJECTED without a document) -------------------
        row("untrusted: X-Forwarded-For 203.0.113.9 on WOPI Lock", 403, "UNTRUSTED_SOURCE_REJECTED", false,
                x -> x.client.send(x.client.request(path(x.doc, "", x.aliceToken)).header("X-Forwarded-For", "203.0.113.9")
                        .header("X-WOPI-Override", "LOCK").header("X-WOPI-Lock", "L").POST(HttpRequest.BodyPublishers.noBody())), x -> true);
        row("untrusted: spoofed X-Forwarded-For chain ending in 127.0.0.1", 403, "UNTRUSTED_SOURCE_REJECTED", false,
                x -> x.client.send(x.client.request(path(x.doc, "/contents", x.aliceToken)).header("X-Forwarded-For", "203.0.113.9, 127.0.0.1")
                        .header("X-WOPI-Override", "PUT").POST(HttpRequest.BodyPublishers.ofString("evil"))), x -> true);
        row("untrusted: X-Forwarded-For 203.0.113.9 on the callback", 403, "UNTRUSTED_SOURCE_REJECTED", false, x -> {
            Map<String, Object> fields = saveFields(x, x.key);
            return x.anonymous.send(x.anonymous.request(DocumentServerDouble.onto(x.quire, x.callbackUrl).toString().substring(x.quire.toString().length()))
                    .header("X-Forwarded-For", "203.0.113.9").header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + DocumentServerDouble.sign(Map.of("payload", fields), DocumentServerDouble.SECRET, Duration.ofMinutes(5)))
                    .POST(HttpRequest.BodyPublishers.ofString(DocumentServerDouble.json(fields))));
        }, x -> true);
        row("untrusted: loopback outside narrowed quire.trusted-networks, WOPI", 403, "UNTRUSTED_SOURCE_REJECTED", false,
                x -> narrowed(x, () -> wopiGet(x, x.doc, x.aliceToken)), x -> true);
        row("untrusted: loopback outside narrowed quire.trusted-networks, callback", 403, "UNTRUSTED_SOURCE_REJECTED", false,
                x -> narrowed(x, () -> ds.callback(x.quire, x.callbackUrl, saveFields(x, x.key), DocumentServerDouble.TokenForm.BOTH)), x -> true);

        // --- privilege escalation (403, ACCESS_DENIED) ---------------------------------------------------------
        row("acl: an editor (WRITE, not MANAGE) edits the document's ACL", 403, "ACCESS_DENIED", true,
                x -> putAcl(x.alice, "documents/" + x.doc, "{\"inherit\":true,\"entries\":[{\"principal\":\"user:alice-" + x.run + "\",\"role\":\"manager\",\"effect\":\"allow\"}]}"), x -> true);
        row("acl: an editor edits the folder's ACL", 403, "ACCESS_DENIED", false,
                x -> putAcl(x.alice, "folders/" + x.folder, "{\"inherit\":false,\"entries\":[{\"principal\":\"everyone\",\"role\":\"manager\",\"effect\":\"allow\"}]}"), x -> true);
        row("acl: a manager of a sub-folder grants on the parent (404: the parent is not readable to them)", 404, "ACCESS_DENIED", false,
                x -> putAcl(x.mona, "folders/" + x.folder, "{\"inherit\":false,\"entries\":[{\"principal\":\"user:mona-" + x.run + "\",\"role\":\"manager\",\"effect\":\"allow\"}]}"), x -> true);
        row("acl: a viewer edits the document's ACL", 403, "ACCESS_DENIED", true,
                x -> putAcl(x.vic, "documents/" + x.doc, "{\"inherit\":true,\"entries\":[{\"principal\":\"user:vic-" + x.run + "\",\"role\":\"manager\",\"effect\":\"allow\"}]}"), x -> true);
        row("admin: a user makes themselves admin", 403, "ACCESS_DENIED", false,
                x -> x.alice.patchJson("api/v1/admin/users/alice-" + x.run, "{\"admin\":true}"), x -> !userRow(x, "alice-" + x.run).getBoolean("admin"));
        row("admin: a user adds themselves to dms-admin", 403, "ACCESS_DENIED", false,
                x -> x.alice.patchJson("api/v1/admin/users/alice-" + x.run, "{\"groups\":[\"dms-admin\"]}"), x -> !userRow(x, "alice-" + x.run).getBoolean("admin"));
        row("admin: a user re-enables a disabled user", 403, "ACCESS_DENIED", false,
                x -> x.alice.patchJson("api/v1/admin/users/dora-" + x.run, "{\"disabled\":false}"), x -> userRow(x, "dora-" + x.run).getBoolean("disabled"));
        row("admin: a user creates a user", 403, "ACCESS_DENIED", false,
                x -> x.alice.postJson("api/v1/users", "{\"login\":\"sneaky-" + x.run + "\",\"password\":\"" + PASSWORD + "\"}"),
                x -> x.admin.get("api/v1/admin/users/sneaky-" + x.run).status() == 404);
        row("admin: a user reads the settings", 403, "ACCESS_DENIED", false, x -> x.alice.get("api/v1/admin/settings"), x -> true);
        row("admin: a user changes the settings", 403, "ACCESS_DENIED", false,
                x -> x.alice.send(x.alice.request("api/v1/admin/settings").header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"quire.trusted-networks\":\"0.0.0.0/0\"}"))), x -> true);
        row("admin: anonymous reads the settings", 401, "ACCESS_DENIED", false, x -> x.anonymous.get("api/v1/admin/settings"), x -> true);
        row("rest: a viewer uploads a new version", 403, "ACCESS_DENIED", true, x -> x.vic.putContent(x.doc, "evil".getBytes()), x -> true);
        row("rest: a stranger to the folder reads the document (404: not revealed)", 404, "ACCESS_DENIED", false,
                x -> x.mona.get("api/v1/documents/" + x.doc), x -> true);
        row("admin: the settings answer never contains the secrets (a read, answered 200)", 200, null, false, x -> {
            Api.Response r = x.admin.get("api/v1/admin/settings");
            return r.body().contains(DocumentServerDouble.SECRET) ? new Api.Response(-1, "secret in the answer", r.raw()) : r;
        }, x -> true);
    }

    static {
        // --- CSRF on the console and the document browser (403 csrf_token_invalid, CSRF_REJECTED) ---------------
        row("console CSRF: a session write without X-CSRF-Token (create a folder)", 403, "CSRF_REJECTED", false,
                x -> x.aliceSession.write("POST", "api/v1/folders", folderJson(x, "csrf-a"), null, null), x -> children(x) == 3);
        row("console CSRF: a session write with another session's token", 403, "CSRF_REJECTED", false,
                x -> x.aliceSession.write("POST", "api/v1/folders", folderJson(x, "csrf-b"), x.aliceOtherSession.csrf, null), x -> children(x) == 3);
        row("console CSRF: a session write with its own token from a cross-site Origin", 403, "CSRF_REJECTED", false,
                x -> x.aliceSession.write("POST", "api/v1/folders", folderJson(x, "csrf-c"), x.aliceSession.csrf, Session.EVIL), x -> children(x) == 3);
        row("console CSRF: a cross-site form post (text/plain body, as a foreign page can send)", 403, "CSRF_REJECTED", false,
                x -> x.aliceSession.send(x.aliceSession.request("api/v1/folders").header("Content-Type", "text/plain").header("Origin", Session.EVIL)
                        .POST(HttpRequest.BodyPublishers.ofString(folderJson(x, "csrf-d")))), x -> children(x) == 3);
        row("console CSRF: a session trashes a document without the token", 403, "CSRF_REJECTED", false,
                x -> x.aliceSession.write("DELETE", "api/v1/documents/" + x.doc, null, null, Session.EVIL), x -> children(x) == 3);
        row("console CSRF: an admin session opens the trusted networks without the token", 403, "CSRF_REJECTED", false,
                x -> x.adminSession.write("PUT", "api/v1/admin/settings", "{\"quire.trusted-networks\":\"0.0.0.0/0\"}", null, null), x -> true);
        row("backups: a user backs up the database (a copy of every table)", 403, "ACCESS_DENIED", false,
                x -> x.alice.post("api/v1/admin/backups"), x -> backups(x).equals(x.backupsBefore));
        row("backups: a user lists the backups (their folder on the server)", 403, "ACCESS_DENIED", false,
                x -> x.alice.get("api/v1/admin/backups"), x -> true);
        row("console CSRF: an admin session backs up without the token", 403, "CSRF_REJECTED", false,
                x -> x.adminSession.write("POST", "api/v1/admin/backups", null, null, Session.EVIL), x -> backups(x).equals(x.backupsBefore));
        row("console CSRF: an admin session makes a user admin with a guessed token", 403, "CSRF_REJECTED", false,
                x -> x.adminSession.write("PATCH", "api/v1/admin/users/alice-" + x.run, "{\"admin\":true}", "guess", null), x -> true);
        row("login CSRF: a sign-in posted from a foreign Origin starts no session", 403, "LOGIN_FAILED", false, x -> {
            Session victim = new Session(x.quire);
            Api.Response r = victim.signIn("alice-" + x.run, PASSWORD, Session.EVIL);
            int me = victim.send(victim.request("api/v1/me").GET()).status();
            return me == 401 ? r : new Api.Response(-1, "a session was started: /me answered " + me, r.raw());
        }, x -> true);

        // --- password guessing (issue 18): the thresholds lowered for the row, guesses from made-up addresses ----
        row("password guessing: the right password over Basic from an address that guessed until the lock", 429, "SIGN_IN_LOCKED", false, x -> {
            try (Guessing g = Guessing.lowered(x.quire, x.admin)) {
                String attacker = Guessing.address();
                g.lock("gus-" + x.run, attacker);
                return g.basic("gus-" + x.run, PASSWORD, attacker);
            }
        }, x -> x.admin.get("api/v1/admin/sign-in-failures").body().contains("\"subject\":\"gus-" + x.run + "\""));
        row("password guessing: the login form for an unknown login from an address that guessed until the lock", 429, "SIGN_IN_LOCKED", false, x -> {
            try (Guessing g = Guessing.lowered(x.quire, x.admin)) {
                String attacker = Guessing.address();
                g.lock("nobody-" + x.run, attacker);
                Session browser = new Session(x.quire);
                return browser.send(browser.request("login").header("Content-Type", "application/json").header("Origin", browser.origin())
                        .header("X-Forwarded-For", attacker)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody-" + x.run + "\",\"password\":\"guess\"}")));
            }
        }, x -> true);
        row("password guessing: a user lifts a sign-in lock", 403, "ACCESS_DENIED", false,
                x -> x.alice.delete("api/v1/admin/sign-in-failures/login/gus-" + x.run),
                x -> x.admin.get("api/v1/admin/sign-in-failures").body().contains("\"subject\":\"gus-" + x.run + "\""));
        row("password guessing: a user lists who is held back", 403, "ACCESS_DENIED", false,
                x -> x.alice.get("api/v1/admin/sign-in-failures"), x -> true);

        // --- one client starving the rest (issue 18): the share lowered to 2 for the row ---------------------------
        row("fair share: a user with two uploads held open sends a third (refused before any work, nothing stored)", 429, null, false,
                AttackCatalogueIT::overShare, x -> !x.admin.get("api/v1/folders/" + x.gusHome + "/children?size=100").body().contains("over-share"));
    }

    /** Two uploads of gus held open with the share at 2, then a third; the held ones are finished (and stored) after. */
    static Api.Response overShare(Fixture x) {
        assertThat(x.admin.putJson("api/v1/admin/settings", "{\"quire.limits.requests-per-client\":2}").status()).isEqualTo(200);
        List<FairShareIT.Held> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(FairShareIT.holdUpload(x.quire, "gus-" + x.run, PASSWORD, x.gusHome, "held-" + i + ".bin"));
            }
            for (int i = 0; i < 75 && x.gus.get("api/v1/me").status() != 429; i++) { // the held requests reach Quire in their own time
                Guessing.sleep(200);
            }
            Api.Response r = x.gus.upload(x.gusHome, "over-share.bin", "over".getBytes(StandardCharsets.UTF_8));
            for (FairShareIT.Held h : held) {
                if (!h.finish().startsWith("HTTP/1.1 201")) {
                    return new Api.Response(-1, "a held upload was not stored", r.raw());
                }
            }
            held.clear();
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            for (FairShareIT.Held h : held) {
                try {
                    h.socket().close();
                } catch (java.io.IOException ignored) {
                    // closing
                }
            }
            x.admin.putJson("api/v1/admin/settings", "{\"quire.limits.requests-per-client\":null}");
        }
    }

    static String folderJson(Fixture x, String name) {
        return "{\"parentId\":\"" + x.folder + "\",\"name\":\"" + name + "-" + x.run + "\"}";
    }

    static {
        // last: it points the discovery URL elsewhere for a moment (restored in a finally block)
        row("wopi discovery: XXE (external entities) not resolved, discovery fails cleanly (not audited: a check, not a refusal)", 200, null, false,
                AttackCatalogueIT::xxeDiscovery, x -> true);
    }

    /**
     * Serves a discovery with a DOCTYPE declaring external entities (a local file and an HTTP probe) from a small
     * extra server, points quire.wopi.discovery-url at it, runs the connection check and restores the URL. The row
     * answers the check's status when the discovery was refused and nothing was resolved, -1 otherwise.
     */
    static Api.Response xxeDiscovery(Fixture x) {
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server;
        try {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        int port = server.getAddress().getPort();
        server.createContext("/probe", e -> {
            probes.incrementAndGet();
            e.sendResponseHeaders(200, 2);
            e.getResponseBody().write("pw".getBytes());
            e.close();
        });
        server.createContext("/hosting/discovery", e -> {
            byte[] xml = ("<?xml version=\"1.0\"?><!DOCTYPE wopi-discovery [<!ENTITY file SYSTEM \"file:///etc/passwd\">"
                    + "<!ENTITY probe SYSTEM \"http://127.0.0.1:" + port + "/probe\">]>"
                    + "<wopi-discovery><net-zone name=\"external-http\"><app name=\"&file;&probe;\"><action name=\"edit\" ext=\"docx\" "
                    + "urlsrc=\"http://127.0.0.1:" + port + "/x?&file;\"/></app></net-zone></wopi-discovery>").getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().set("Content-Type", "text/xml");
            e.sendResponseHeaders(200, xml.length);
            e.getResponseBody().write(xml);
            e.close();
        });
        server.start();
        try {
            assertThat(putSettings(x, "{\"quire.wopi.discovery-url\":\"http://127.0.0.1:" + port + "/hosting/discovery\"}").status()).isEqualTo(200);
            Api.Response r = x.admin.post("api/v1/admin/check-connection");
            JsonObject discovery = r.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("wopi-discovery")).findFirst().orElseThrow();
            String config = x.alice.get("api/v1/documents/" + x.doc + "/wopi?action=edit").body();
            boolean clean = !discovery.getBoolean("ok") && probes.get() == 0 && !r.body().contains("root:") && !config.contains("root:");
            return clean ? r : new Api.Response(-1, "XXE: probes=" + probes.get() + " " + r.body(), r.raw());
        } finally {
            putSettings(x, "{\"quire.wopi.discovery-url\":null}");
            server.stop(0);
        }
    }

    static void ssrf(String name, Function<String, String> rewrite) {
        row(name, 403, "CALLBACK_REJECTED", true, x -> {
            String good = ds.serve(("ssrf " + name).getBytes());
            String bad = rewrite.apply(good);
            Api.Response r = ds.callback(x.quire, x.callbackUrl, saveFields(x, x.key, bad), DocumentServerDouble.TokenForm.BOTH);
            return ds.fetches(good) == 0 ? r : new Api.Response(-1, "fetched " + bad, r.raw());
        }, x -> true);
    }

    static Stream<String> catalogue() {
        return CATALOGUE.keySet().stream();
    }

    // --- the run ----------------------------------------------------------------------------------------------

    @BeforeAll
    static void startDoubles() throws java.io.IOException {
        wopiClient = new WopiClientDouble();
        ds = DocumentServerDouble.start();
    }

    @AfterAll
    static void stopDoublesAndWriteTheSummary() throws java.io.IOException {
        if (wopiClient != null) {
            wopiClient.close();
        }
        if (ds != null) {
            ds.close();
        }
        StringBuilder md = new StringBuilder("# Attack catalogue\n\n").append(SUMMARY.size()).append(" rows run (AttackCatalogueIT).\n\n")
                .append("| case | expected | answered | audited | result |\n| --- | --- | --- | --- | --- |\n");
        SUMMARY.forEach(md::append);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "attack-catalogue.md"), md.toString());
    }

    @BeforeEach
    void fixture() {
        if (f != null) {
            return;
        }
        Fixture x = new Fixture();
        x.quire = RestApiIT.loopback(base);
        x.admin = new Api(x.quire, "admin", RestApiIT.ADMIN_PASSWORD);
        x.client = x.admin.as(null, null).signingWith(wopiClient);
        x.anonymous = x.admin.as(null, null);
        x.run = UUID.randomUUID().toString().substring(0, 8);
        String root = x.admin.get("api/v1/folders/root").json().getString("id");
        x.folder = created(x.admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"attacks-" + x.run + "\"}"));
        x.sub = created(x.admin.postJson("api/v1/folders", "{\"parentId\":\"" + x.folder + "\",\"name\":\"sub\"}"));
        x.alice = user(x, "alice-" + x.run);
        x.vic = user(x, "vic-" + x.run);
        x.mona = user(x, "mona-" + x.run);
        Api dora = user(x, "dora-" + x.run);
        x.gus = user(x, "gus-" + x.run);
        x.gusHome = x.gus.get("api/v1/me").json().getString("homeFolderId");
        assertThat(putAcl(x.admin, "folders/" + x.folder, "{\"inherit\":false,\"entries\":["
                + "{\"principal\":\"user:alice-" + x.run + "\",\"role\":\"editor\",\"effect\":\"allow\"},"
                + "{\"principal\":\"user:dora-" + x.run + "\",\"role\":\"editor\",\"effect\":\"allow\"},"
                + "{\"principal\":\"user:vic-" + x.run + "\",\"role\":\"viewer\",\"effect\":\"allow\"}]}").status()).isEqualTo(200);
        assertThat(putAcl(x.admin, "folders/" + x.sub, "{\"inherit\":true,\"entries\":["
                + "{\"principal\":\"user:mona-" + x.run + "\",\"role\":\"manager\",\"effect\":\"allow\"}]}").status()).isEqualTo(200);
        x.doc = created(x.alice.upload(x.folder, "target.docx", "original".getBytes()));
        x.other = created(x.alice.upload(x.folder, "other.docx", "other".getBytes()));
        x.changes = created(x.alice.upload(x.sub, "changes.docx", "changes".getBytes()));
        x.aliceToken = token(x.alice, x.doc, "edit");
        x.otherToken = token(x.alice, x.other, "edit");
        x.vicToken = token(x.vic, x.doc, "view");
        x.doraToken = token(dora, x.doc, "edit");
        assertThat(x.admin.patchJson("api/v1/admin/users/dora-" + x.run, "{\"disabled\":true}").status()).isEqualTo(200);
        JsonObject config = config(x.alice, x.doc);
        x.callbackUrl = config.getJsonObject("editorConfig").getString("callbackUrl");
        x.key = config.getJsonObject("document").getString("key");
        x.fileUrl = config.getJsonObject("document").getString("url");
        JsonObject otherConfig = config(x.alice, x.other);
        x.otherCallbackUrl = otherConfig.getJsonObject("editorConfig").getString("callbackUrl");
        x.otherFileUrl = otherConfig.getJsonObject("document").getString("url");
        JsonObject changesConfig = config(x.alice, x.changes);
        x.changesCallbackUrl = changesConfig.getJsonObject("editorConfig").getString("callbackUrl");
        x.changesKey = changesConfig.getJsonObject("document").getString("key");
        x.aliceSession = session(x, "alice-" + x.run, PASSWORD);
        x.aliceOtherSession = session(x, "alice-" + x.run, PASSWORD);
        x.adminSession = session(x, "admin", RestApiIT.ADMIN_PASSWORD);
        x.backupsBefore = backups(x);
        f = x;
    }

    static Session session(Fixture x, String login, String password) {
        Session s = new Session(x.quire);
        Api.Response r = s.signIn(login, password, s.origin());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(s.send(s.request("api/v1/me").GET()).status()).isEqualTo(200);
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void attack(String name) {
        Attack a = CATALOGUE.get(name);
        String before = state(f);
        int auditBefore = a.audit() == null ? 0 : audits(f, a.audit(), a.byDocument() ? f.doc : null);
        Api.Response r;
        try {
            r = a.request().apply(f);
        } catch (RuntimeException e) {
            SUMMARY.add(line(a, "error: " + e, "?", "FAIL"));
            throw e;
        }
        int auditAfter = a.audit() == null ? 0 : audits(f, a.audit(), a.byDocument() ? f.doc : null);
        String after = state(f);
        boolean audited = a.audit() != null && auditAfter > auditBefore;
        boolean pass = r.status() == a.status() && before.equals(after) && a.alsoUnchanged().test(f) && (a.audit() == null || audited);
        SUMMARY.add(line(a, String.valueOf(r.status()), a.audit() == null ? "not audited" : audited ? a.audit() : "MISSING " + a.audit(), pass ? "ok" : "FAIL"));
        assertThat(r.status()).as(name + ": " + abbreviate(r.body())).isEqualTo(a.status());
        assertThat(after).as("nothing changed").isEqualTo(before);
        assertThat(a.alsoUnchanged().test(f)).as("nothing changed (row's own check)").isTrue();
        if (a.audit() != null) {
            assertThat(auditAfter).as("an audit row " + a.audit()).isGreaterThan(auditBefore);
        }
    }

    private static String line(Attack a, String answered, String audited, String result) {
        return "| " + a.name().replace("|", "\\|") + " | " + a.status() + " | " + answered + " | " + audited + " | " + result + " |\n";
    }

    /** What must not change: versions, names, lock state and ACLs of the documents and the folder, user flags, the settings. */
    static String state(Fixture x) {
        StringBuilder s = new StringBuilder();
        for (String d : new String[]{x.doc, x.other}) {
            JsonObject doc = x.admin.get("api/v1/documents/" + d).json();
            s.append(doc.getString("name")).append('|')
                    .append(x.admin.get("api/v1/documents/" + d + "/versions").json().getInt("total")).append('|')
                    .append(x.admin.get("api/v1/documents/" + d + "/lock").json().getBoolean("locked")).append('|')
                    .append(x.admin.get("api/v1/documents/" + d + "/acl").body()).append('|')
                    .append(x.admin.download("api/v1/documents/" + d + "/content").sha256()).append('\n');
        }
        s.append(x.admin.get("api/v1/folders/" + x.folder + "/acl").body()).append('\n');
        s.append(x.admin.get("api/v1/folders/" + x.sub + "/acl").body()).append('\n');
        for (String u : new String[]{"alice-", "vic-", "mona-", "dora-"}) {
            JsonObject row = userRow(x, u + x.run);
            s.append(u).append(row.getBoolean("admin")).append(row.getBoolean("disabled")).append(row.get("groups")).append('\n');
        }
        s.append(x.admin.get("api/v1/admin/settings").body());
        return s.toString();
    }

    static int audits(Fixture x, String type, String doc) {
        return x.admin.get("api/v1/audit?type=" + type + (doc == null ? "" : "&documentId=" + doc) + "&size=1").json().getInt("total");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static String path(String doc, String suffix, String token) {
        return "wopi/files/" + doc + suffix + "?access_token=" + Api.enc(token);
    }

    static String url(Fixture x, String doc, String token) {
        return x.quire.resolve(path(doc, "", token)).toString();
    }

    static Api.Response wopiGet(Fixture x, String doc, String token) {
        return x.client.get(path(doc, "", token));
    }

    static Api.Response wopi(Fixture x, String token, String doc, String suffix, byte[] body, String... headers) {
        HttpRequest.Builder b = x.client.request(path(doc, suffix, token));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return x.client.send(b);
    }

    static Api.Response rename(Fixture x, String name) {
        return wopi(x, x.aliceToken, x.doc, "", null, "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", name);
    }

    static Api.Response relative(Fixture x, String name) {
        return wopi(x, x.aliceToken, x.doc, "", "relative".getBytes(), "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-RelativeTarget", name);
    }

    /** Children of the attacked folder: the sub-folder and the two documents. */
    /** The newest backup's name ("" when none): a refused backup leaves it as it was (a count would not: old ones are pruned). */
    static String backups(Fixture x) {
        jakarta.json.JsonObject state = x.admin.get("api/v1/admin/backups").json();
        return !state.containsKey("last") || state.isNull("last") ? "" : state.getJsonObject("last").getString("name");
    }

    static int children(Fixture x) {
        return x.admin.get("api/v1/folders/" + x.folder + "/children").json().getJsonArray("items").size();
    }

    static String ticksNow() {
        return String.valueOf(WopiClientDouble.EPOCH_TICKS + Instant.now().getEpochSecond() * 10_000_000L);
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String tamperSignature(String jwt) {
        String[] p = jwt.split("\\.");
        return p[0] + "." + p[1] + "." + new StringBuilder(p[2]).reverse();
    }

    static String rewritePayload(String jwt, String from, String to) {
        String[] p = jwt.split("\\.");
        return p[0] + "." + b64(new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8).replace(from, to)) + "." + p[2];
    }

    static String algNone(String jwt) {
        return b64("{\"alg\":\"none\"}") + "." + jwt.split("\\.")[1] + ".";
    }

    /** The token's claims, signed HS256 with {@code secret}, expiring {@code seconds} from now. */
    @SuppressWarnings("unchecked")
    static String resign(String jwt, String secret, long seconds) {
        Map<String, Object> claims = new LinkedHashMap<>(fromJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)));
        claims.put("exp", Instant.now().getEpochSecond() + seconds);
        return Jwts.builder().claims(claims).signWith(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256).compact();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fromJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(Map<String, ?> claims) {
        Map<String, Object> c = new LinkedHashMap<>(claims);
        c.put("exp", Instant.now().getEpochSecond() + 300);
        return b64("{\"alg\":\"none\"}") + "." + b64(DocumentServerDouble.json(c)) + ".";
    }

    static String expired(Map<String, ?> claims) {
        long now = Instant.now().getEpochSecond();
        return Jwts.builder().claims(claims).issuedAt(new Date((now - 900) * 1000)).expiration(new Date((now - 600) * 1000))
                .signWith(new SecretKeySpec(DocumentServerDouble.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256).compact();
    }

    static Map<String, Object> saveFields(Fixture x, String key) {
        return saveFields(x, key, ds.serve(("evil " + UUID.randomUUID()).getBytes()));
    }

    static Map<String, Object> saveFields(Fixture x, String key, String url) {
        return saveFieldsFor(key, url, x.run);
    }

    static Map<String, Object> saveFieldsFor(String key, String url, String run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("status", 2);
        m.put("url", url);
        m.put("filetype", "docx");
        m.put("users", List.of("alice-" + run));
        return m;
    }

    static Api.Response save(Fixture x, String bodyToken, String headerToken) {
        Map<String, Object> fields = saveFields(x, x.key);
        Api.Response r = ds.post(x.quire, x.callbackUrl, fields, bodyToken, headerToken);
        return ds.fetches((String) fields.get("url")) == 0 ? r : new Api.Response(-1, "fetched the saved file", r.raw());
    }

    static Api.Response rawCallback(Fixture x, String body) {
        String token = DocumentServerDouble.sign(Map.of("payload", Map.of("status", 1, "key", x.key)), DocumentServerDouble.SECRET, Duration.ofMinutes(5));
        URI target = DocumentServerDouble.onto(x.quire, x.callbackUrl);
        return x.anonymous.send(x.anonymous.request(target.toString().substring(x.quire.toString().length()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Api.Response fileWith(Fixture x, String dsToken) {
        URI target = DocumentServerDouble.onto(x.quire, x.fileUrl);
        return x.anonymous.send(x.anonymous.request(target.toString().substring(x.quire.toString().length()))
                .header("Authorization", "Bearer " + dsToken).GET());
    }

    /** A Save Copy As with a hostile title: the copy's name must be clean; the copy is trashed again so the folder is as before. */
    static Api.Response cleanedSaveAs(Fixture x, String titleJson) {
        Api.Response r = x.alice.postJson("api/v1/documents/" + x.doc + "/onlyoffice/save-as", saveAs(ds.serve("copy".getBytes()), titleJson));
        if (r.status() != 201) {
            return r;
        }
        String name = r.json().getString("name");
        x.admin.delete("api/v1/documents/" + r.json().getString("id"));
        boolean clean = !name.contains("/") && !name.contains("\\") && !name.equals("..") && !name.equals(".") && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        return clean ? r : new Api.Response(-1, "unclean name taken: " + name, r.raw());
    }

    /** {@code r} when it is the REST error invalid_name, otherwise a failing answer that says what came instead. */
    static Api.Response invalidName(Api.Response r) {
        boolean ok = r.status() == 400 && r.body() != null && r.body().contains("\"invalid_name\"");
        return ok ? r : new Api.Response(r.status() == 400 ? -1 : r.status(), "not invalid_name: " + r.body(), r.raw());
    }

    /** {@code r} when it carries WOPI's X-WOPI-InvalidFileNameError, otherwise a failing answer. */
    static Api.Response wopiInvalidName(Api.Response r) {
        String reason = r.header("X-WOPI-InvalidFileNameError");
        return reason != null && !reason.isBlank() ? r : new Api.Response(-1, "no X-WOPI-InvalidFileNameError: " + r.status() + " " + r.body(), r.raw());
    }

    /** A browser form's upload: multipart/form-data with the file name (UTF-8) in the part's Content-Disposition. */
    static Api.Response multipart(Fixture x, String fileName) {
        String boundary = "quire-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nx\r\n--" + boundary + "--\r\n";
        return x.alice.send(x.alice.request("api/v1/folders/" + x.folder + "/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    static String saveAs(String url, String titleJson) {
        return "{\"url\":\"" + url + "\",\"title\":\"" + titleJson + "\",\"fileType\":\"docx\"}";
    }

    /** Runs {@code attack} with quire.trusted-networks narrowed so that loopback is outside; restores it after. */
    static Api.Response narrowed(Fixture x, java.util.function.Supplier<Api.Response> attack) {
        String before = x.admin.get("api/v1/admin/settings").body();
        assertThat(putSettings(x, "{\"quire.trusted-networks\":\"10.0.0.0/8\"}").status()).isEqualTo(200);
        try {
            return attack.get();
        } finally {
            assertThat(putSettings(x, "{\"quire.trusted-networks\":null}").status()).isEqualTo(200);
            assertThat(before).isNotNull();
        }
    }

    static Api.Response putSettings(Fixture x, String json) {
        return x.admin.send(x.admin.request("api/v1/admin/settings").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Api.Response putAcl(Api api, String item, String json) {
        return api.send(api.request("api/v1/" + item + "/acl").header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static JsonObject userRow(Fixture x, String login) {
        Api.Response user = x.admin.get("api/v1/admin/users/" + Api.enc(login));
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        return user.json();
    }

    static Path big;

    static HttpRequest.BodyPublisher bigBody() {
        try {
            return HttpRequest.BodyPublishers.ofFile(bigFile());
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file one MiB over the upload limit (64 MiB in arquillian.xml), made once. */
    static synchronized Path bigFile() {
        try {
            if (big == null) {
                big = Files.createTempFile("attack-big", ".bin");
                big.toFile().deleteOnExit();
                try (var out = Files.newOutputStream(big)) {
                    byte[] chunk = new byte[1 << 20];
                    for (long written = 0; written <= RestApiIT.UPLOAD_LIMIT; written += chunk.length) {
                        out.write(chunk);
                    }
                }
            }
            return big;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Api user(Fixture x, String login) {
        return x.admin.newUser(login, PASSWORD);
    }

    static String token(Api user, String doc, String action) {
        Api.Response r = user.get("api/v1/documents/" + doc + "/wopi?action=" + action);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getString("accessToken");
    }

    static JsonObject config(Api user, String doc) {
        Api.Response r = user.get("api/v1/documents/" + doc + "/onlyoffice?mode=edit");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }


    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
