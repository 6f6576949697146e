package org.quire.web.wopi.validator;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quire.web.it.Api;
import org.quire.web.it.WopiClientDouble;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft's WOPI Validator suite (TestCases.xml as shipped, interpreted by {@link Interpreter}) against the
 * deployed Quire, every request signed with the WOPI client double's proof keys so that the ProofKeys group
 * really runs. Each group gets a fresh {@code test.wopitest} in a folder of its own. Every case of a group whose
 * prerequisites Quire's CheckFileInfo claims must pass; the per-group table goes to the log and to
 * target/wopi-validator-report.md.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WopiValidatorIT {

    static final String ADMIN_PASSWORD = "it-admin-secret"; // -Dquire.admin.password in arquillian.xml

    /** Issue 4 requires these operations, so their groups must run (not be skipped) and pass. */
    static final List<String> MUST_RUN = List.of("CheckFileInfoSchema", "BaseWopiViewing", "Locks", "GetLock", "ExtendedLockLength",
            "EditFlows", "FileVersion", "PutUserInfo", "PutRelativeFile", "RenameFileIfCreateChildFileIsNotSupported", "ProofKeys");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    @Test
    void everyGroupWhosePrerequisitesQuireClaimsPasses() throws Exception {
        Api admin = new Api(URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()), "admin", ADMIN_PASSWORD);
        Path dir = Suite.locate();
        Suite suite = Suite.parse(dir.resolve("TestCases.xml"));
        List<Interpreter.GroupResult> results;
        try (WopiClientDouble client = new WopiClientDouble()) {
            Interpreter.ProofSigner signer = new Interpreter.ProofSigner() {
                @Override
                public String signCurrent(String token, String url, long ticks) {
                    return client.proofWithCurrentKey(token, url, ticks);
                }

                @Override
                public String signOld(String token, String url, long ticks) {
                    return client.proofWithOldKey(token, url, ticks);
                }
            };
            String root = admin.get("api/v1/folders/root").json().getString("id");
            results = new Interpreter(suite, dir.resolve("JsonSchemas"), signer, false).runAll(() -> freshTestFile(admin, root));
        }
        String report = "# WOPI Validator suite against Quire\n\nTestCases.xml from " + dir + "\n\n" + Interpreter.report(results);
        System.out.println(report);
        Path out = Path.of("target", "wopi-validator-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);

        assertThat(results.stream().flatMap(g -> g.cases().stream()).filter(c -> c.outcome() == Interpreter.Outcome.FAIL)
                .map(c -> c.group() + " / " + c.name() + ": " + c.detail()).toList())
                .as("failing cases in groups whose prerequisites Quire's CheckFileInfo claims (see target/wopi-validator-report.md)").isEmpty();
        for (String name : MUST_RUN) {
            Interpreter.GroupResult g = results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertThat(g.outcome()).as(name + " must run and pass: " + (g.cases().isEmpty() ? "" : g.cases().get(0).detail()))
                    .isEqualTo(Interpreter.Outcome.PASS);
        }
    }

    /** The validator's file: a new {@code test.wopitest} in a new folder, and an edit token for it from Quire's REST API. */
    private static Interpreter.Target freshTestFile(Api admin, String root) {
        Api.Response folder = admin.postJson("api/v1/folders", "{\"parentId\":\"" + root + "\",\"name\":\"wopi-validator-" + UUID.randomUUID() + "\"}");
        assertThat(folder.status()).as(folder.toString()).isEqualTo(201);
        Api.Response doc = admin.upload(folder.json().getString("id"), "test.wopitest",
                "Quire WOPI validator test file".getBytes(StandardCharsets.UTF_8));
        assertThat(doc.status()).as(doc.toString()).isEqualTo(201);
        Api.Response wopi = admin.get("api/v1/documents/" + doc.json().getString("id") + "/wopi?action=edit");
        assertThat(wopi.status()).as(wopi.toString()).isEqualTo(200);
        JsonObject j = wopi.json();
        return new Interpreter.Target(j.getString("wopiSrc"), j.getString("accessToken"), j.getJsonNumber("accessTokenTtl").longValueExact());
    }
}
