package org.quire.web.wopi.validator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quire.web.wopi.validator.Interpreter.Outcome.FAIL;
import static org.quire.web.wopi.validator.Interpreter.Outcome.PASS;
import static org.quire.web.wopi.validator.Interpreter.Outcome.SKIP;

/** The interpreter against the shipped TestCases.xml and a tiny fake WOPI host that is right, or wrong in one way. */
class WopiValidatorInterpreterTest {

    static Path dir;
    static Suite suite;
    static KeyPair current;
    static KeyPair old;

    @BeforeAll
    static void load() throws Exception {
        dir = Suite.locate();
        suite = Suite.parse(dir.resolve("TestCases.xml"));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        current = g.generateKeyPair();
        old = g.generateKeyPair();
    }

    // --- the model of the shipped XML -------------------------------------------------------------------

    @Test
    void theXmlIsTheOneShipped() throws Exception {
        // microsoft/wopi-validator-core @ 6ca021a, unmodified (../shared/wopi-validator/README.md)
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve("TestCases.xml")));
        assertThat(java.util.HexFormat.of().formatHex(digest)).isEqualTo("d02770c82dde85bc394f733de37bb97eb29f2a0c3fed58cb02d53bb424b56d16");
    }

    @Test
    void theShippedSuiteIsModelledCompletely() {
        assertThat(suite.groups()).hasSize(33);
        assertThat(suite.groups().stream().mapToInt(g -> g.cases().size()).sum()).isEqualTo(224);
        assertThat(suite.prereqs()).hasSize(27);
        assertThat(suite.resources()).hasSize(19);
        assertThat(suite.groups().stream().filter(Suite.Group::hasDelay).map(Suite.Group::name)).containsExactly("CoauthLockExpiration");
        Suite.Group locks = group("Locks");
        assertThat(locks.prereqs()).containsExactly("WopiValidatorPrereq", "FileEditingPrereq", "LocksPrereq");
        assertThat(locks.cases()).hasSize(13);
    }

    @Test
    void everyCaseOfTheCoreGroupsIsFullyImplementedAndTheRestIsFlagged() {
        List<String> core = List.of("CheckFileInfoSchema", "BaseWopiViewing", "Locks", "GetLock", "ExtendedLockLength", "EditFlows",
                "FileVersion", "PutUserInfo", "PutRelativeFile", "PutRelativeFileUnsupported", "RenameFileIfCreateChildFileIsNotSupported",
                "FileUrlUsage", "FileUrlViewOnly", "ProofKeys", "GetSharingUrlForFileWithTypeReadOnly",
                "GetSharingUrlForFileWithTypeReadWrite", "GetSharingUrlForFileWithUnknownType");
        for (String name : core) {
            for (Suite.TestCase tc : group(name).cases()) {
                assertThat(tc.unsupported()).as(name + "/" + tc.name()).isEmpty();
            }
        }
        for (String prereq : List.of("WopiValidatorPrereq", "LocksPrereq", "FileUrlUsagePrereq", "SupportsCoauthPrereq")) {
            assertThat(suite.prereqs().get(prereq).unsupported()).as(prereq).isEmpty();
        }
        // coauth, containers and activities are not implemented: every such case carries the reason it would fail
        assertThat(group("CoauthLocks").cases()).allSatisfy(tc -> assertThat(tc.unsupported()).isNotEmpty());
        assertThat(group("AddActivities").cases()).allSatisfy(tc -> assertThat(tc.unsupported()).anyMatch(u -> u.contains("AddActivities")));
        assertThat(suite.prereqs().get("UserCanCreateChildFilePrereq").unsupported()).anyMatch(u -> u.contains("EnumerateAncestors"));
    }

    @Test
    void syntheticBodiesAreIdPathAndName() {
        assertThat(new String(suite.resources().get("WordSimpleDocument").body(), StandardCharsets.UTF_8))
                .isEqualTo("WordSimpleDocumentResources\\WordSimpleDocument.docxWordSimpleDocument.docx");
        assertThat(suite.resources().get("ZeroByteFile").body()).isEmpty();
    }

    @Test
    void utf7IsDotNets() {
        assertThat(Utf7.encode("madeup_name.wopitestx")).isEqualTo("madeup+AF8-name.wopitestx");
        assertThat(Utf7.encode("madeup_renamed")).isEqualTo("madeup+AF8-renamed");
        assertThat(Utf7.encode("new_file.wopitest")).isEqualTo("new+AF8-file.wopitest");
        assertThat(Utf7.encode("a+b")).isEqualTo("a+-b");
        assertThat(Utf7.encode("x_")).isEqualTo("x+AF8-");
        assertThat(Utf7.encode("Grüße.txt")).isEqualTo("Gr+APwA3w-e.txt");
        assertThat(Utf7.encode("ValidatorTestFile.wopitest")).isEqualTo("ValidatorTestFile.wopitest");
        for (String s : List.of("madeup_name.wopitestx", "a+b", "Grüße ~ 日本.txt", "x_", "\uD83D\uDE00")) {
            assertThat(Utf7.decode(Utf7.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void tokensAreEncodedAsUrlKeyValueEncodeDoes() {
        assertThat(Interpreter.urlKeyValueEncode("a.b-c_d")).isEqualTo("a%2Eb%2Dc%5Fd");
        assertThat(Interpreter.urlKeyValueEncode("ü")).isEqualTo("%C3%BC");
        assertThat(Interpreter.replaceQueryParameter("http://h/w?access_token=abc&access_token_ttl=0", "access_token", "INVALID"))
                .isEqualTo("http://h/w?access_token=INVALID&access_token_ttl=0");
        assertThat(Interpreter.appendPath("http://h/wopi/files/1?access_token=x", "/contents")).isEqualTo("http://h/wopi/files/1/contents?access_token=x");
        assertThat(Interpreter.queryParameter("http://h/w?a=1&access_token=x%2Ey", "access_token")).isEqualTo("x.y");
    }

    @Test
    void theCheckFileInfoSchemasAreEvaluatedStrictly() throws Exception {
        JsonObject cspp = (JsonObject) Interpreter.parseJson(Files.readString(dir.resolve("JsonSchemas/CsppCheckFileInfoSchema.json")));
        JsonObject plus = (JsonObject) Interpreter.parseJson(Files.readString(dir.resolve("JsonSchemas/CsppPlusCheckFileInfoSchema.json")));
        String ok = "{\"BaseFileName\":\"a.wopitest\",\"OwnerId\":\"o\",\"Size\":3,\"UserId\":\"u\",\"Version\":\"1\",\"CloseUrl\":\"\","
                + "\"HostEditUrl\":\"http://h/e\",\"SupportsLocks\":true,\"LastModifiedTime\":\"2026-11-27T00:00:00.0000000Z\"}";
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok))).isEmpty();
        assertThat(JsonSchemaSubset.validate(plus, Interpreter.parseJson(ok))).anyMatch(e -> e.contains("SupportsCoauth"));
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok.replace("\"Size\":3", "\"Size\":3.0")))).anyMatch(e -> e.contains("Size"));
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok.replace("\"Version\":\"1\"", "\"Version\":1")))).anyMatch(e -> e.contains("Version"));
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok.replace("\"SupportsLocks\":true", "\"SupportsLocks\":\"true\"")))).isNotEmpty();
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok.replace("http://h/e", "not a url")))).anyMatch(e -> e.contains("HostEditUrl"));
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok.replace("\"OwnerId\":\"o\",", "")))).anyMatch(e -> e.contains("OwnerId"));
        assertThat(JsonSchemaSubset.validate(cspp, Interpreter.parseJson(ok.replace("}", ",\"SupportsCoauth\":false}")))).anyMatch(e -> e.contains("SupportsCoauth"));
        JsonObject unknownKeyword = (JsonObject) Interpreter.parseJson("{\"type\":\"object\",\"patternProperties\":{}}");
        assertThatThrownBy(() -> JsonSchemaSubset.validate(unknownKeyword, Interpreter.parseJson(ok))).isInstanceOf(UnsupportedConstruct.class)
                .hasMessageContaining("patternProperties");
    }

    // --- against the fake host --------------------------------------------------------------------------

    @Test
    void aCorrectHostPassesEveryGroupItClaimsIncludingProofKeys() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", current, old)) {
            Map<String, Interpreter.GroupResult> r = runAll(host, new RsaProofSigner(current, old));
            System.out.println(Interpreter.report(List.copyOf(r.values())));
            for (String g : List.of("CheckFileInfoSchema", "BaseWopiViewing", "Locks", "GetLock", "ExtendedLockLength", "EditFlows",
                    "FileVersion", "PutUserInfo", "PutRelativeFileUnsupported", "FileUrlUsage", "FileUrlViewOnly", "ProofKeys")) {
                assertThat(r.get(g).outcome()).as(g + ": " + r.get(g).cases()).isEqualTo(PASS);
                assertThat(r.get(g).count(SKIP)).as(g).isZero();
            }
            assertThat(r.get("ProofKeys").count(PASS)).isEqualTo(7);
            for (String g : List.of("PutRelativeFile", "RenameFileIfCreateChildFileIsNotSupported", "Container", "AddActivities",
                    "CoauthLocks", "CoauthLockExpiration", "GetSharingUrlForFileWithTypeReadOnly")) {
                assertThat(r.get(g).outcome()).as(g).isEqualTo(SKIP);
            }
            assertThat(r.values().stream().mapToLong(g -> g.count(FAIL)).sum()).isZero();
        }
    }

    @Test
    void aHostWithPutRelativeRenameAndDeleteRunsThoseGroupsAndCleansUp() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", current, old, true)) {
            Map<String, Interpreter.GroupResult> r = runAll(host, new RsaProofSigner(current, old));
            for (String g : List.of("PutRelativeFile", "RenameFileIfCreateChildFileIsNotSupported", "Locks", "EditFlows", "ProofKeys")) {
                assertThat(r.get(g).outcome()).as(g + ": " + r.get(g).cases()).isEqualTo(PASS);
                assertThat(r.get(g).count(SKIP)).as(g).isZero();
            }
            assertThat(r.get("PutRelativeFile").count(PASS)).isEqualTo(14);
            assertThat(r.get("PutRelativeFileUnsupported").outcome()).isEqualTo(SKIP);
            assertThat(r.values().stream().mapToLong(g -> g.count(FAIL)).sum()).isZero();
            // every file PutRelativeFile created was deleted again by the cleanup requests
            assertThat(host.names()).containsExactly("test.wopitest");
        }
    }

    @Test
    void namesThatAreNotUtf7DecodedFailTheEncodingCases() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, true, FakeWopiHost.Bug.UTF7_NOT_DECODED)) {
            Interpreter.GroupResult g = run(host, null, "PutRelativeFile");
            assertThat(failed(g)).contains("PutRelativeFile.FileNameReturnedIsCorrectlyEncoded").doesNotContain("PutRelativeFile.RelativeName");
            assertThat(g.cases()).filteredOn(c -> c.name().equals("PutRelativeFile.FileNameReturnedIsCorrectlyEncoded")).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("madeup+AF8-name.wopitestx").contains("madeup_name.wopitestx"));
            assertThat(failed(run(host, null, "RenameFileIfCreateChildFileIsNotSupported")))
                    .containsExactly("PutRelativeAndRenameFile.FileNameAfterRenameIsCorrectlyEncoded");
        }
    }

    @Test
    void aRenameThatLosesTheExtensionAndARelativeUrlWithoutTokenFail() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, true, FakeWopiHost.Bug.RENAME_DROPS_EXTENSION)) {
            assertThat(failed(run(host, null, "RenameFileIfCreateChildFileIsNotSupported")))
                    .containsExactly("PutRelativeAndRenameFile.RenameShouldNotChangeFileExtension");
        }
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, true, FakeWopiHost.Bug.RELATIVE_URL_WITHOUT_TOKEN)) {
            Interpreter.GroupResult g = run(host, null, "PutRelativeFile");
            assertThat(failed(g)).contains("PutRelativeFile.SuggestedExtension", "PutRelativeFile.RelativeName");
            assertThat(g.cases()).filteredOn(c -> c.name().equals("PutRelativeFile.RelativeName")).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("has no access_token query parameter"));
        }
    }

    @Test
    void withoutProofsTheThreeProofKeyCasesThatExpect500FailAsWithTheCli() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", current, old, FakeWopiHost.Bug.IGNORE_PROOFS)) {
            Interpreter.GroupResult proofKeys = run(host, new RsaProofSigner(current, old), "ProofKeys");
            assertThat(failed(proofKeys)).containsExactlyInAnyOrder("ProofKeys.CurrentInvalid.OldValidSignedWithOldKey",
                    "ProofKeys.CurrentInvalid.OldInvalid", "ProofKeys.TimestampOlderThan20Min");
            assertThat(proofKeys.cases()).filteredOn(c -> c.outcome() == FAIL).allSatisfy(c -> assertThat(c.detail()).contains("expected status 500 but was 200"));
        }
    }

    @Test
    void aHostRequiringProofsFailsEverythingWhenNothingIsSigned() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", current, old)) {
            Interpreter.GroupResult schema = run(host, null, "CheckFileInfoSchema");
            assertThat(schema.count(SKIP)).isEqualTo(3); // WopiValidatorPrereq gets 500
            assertThat(schema.cases().get(0).detail()).contains("WopiValidatorPrereq").contains("500");
        }
    }

    @Test
    void lockMismatchWithoutTheLockHeaderFails() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, FakeWopiHost.Bug.NO_LOCK_HEADER_ON_409)) {
            Interpreter.GroupResult locks = run(host, null, "Locks");
            assertThat(failed(locks)).contains("LockMismatchAfterUnlockAndRelockRequest").doesNotContain("LockLengthValidation", "SuccessfulLockSequence");
            assertThat(locks.cases()).filteredOn(c -> c.name().equals("LockMismatchAfterUnlockAndRelockRequest")).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("request 3").contains("required header X-WOPI-Lock is missing"));
            // that case has no cleanup, so its lock stays and later cases fail on it, exactly as with the validator
            assertThat(failed(locks)).contains("DoubleLockSequence");
        }
    }

    @Test
    void aSizeOfTheWrongTypeFailsTheSchemaAndSkipsEverythingBehindTheValidatorPrereq() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, FakeWopiHost.Bug.SIZE_AS_STRING)) {
            Interpreter.GroupResult schema = run(host, null, "CheckFileInfoSchema");
            assertThat(schema.outcome()).isEqualTo(SKIP);
            assertThat(schema.cases().get(0).detail()).contains("WopiValidatorPrereq").contains("Size");
        }
    }

    @Test
    void aFileThatIsNoWopitestSkipsAll() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.docx", null, null)) {
            assertThat(runAll(host, null).values()).allSatisfy(g -> assertThat(g.outcome()).isEqualTo(SKIP));
        }
    }

    @Test
    void acceptingAnUnlockedPutOnANonEmptyFileFails() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, FakeWopiHost.Bug.PUT_UNLOCKED_NON_EMPTY_ACCEPTED)) {
            assertThat(failed(run(host, null, "EditFlows"))).containsExactly("PutUnlockedFileNotZeroBytes");
        }
    }

    @Test
    void staleContentFailsTheContentValidator() throws Exception {
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null, FakeWopiHost.Bug.GET_FILE_STALE)) {
            Interpreter.GroupResult edit = run(host, null, "EditFlows");
            assertThat(failed(edit)).containsExactlyInAnyOrder("BasicEdit", "PutUnlockedFile");
            assertThat(edit.cases()).filteredOn(c -> c.name().equals("BasicEdit")).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("body is not the expected content"));
        }
    }

    @Test
    void anUnsupportedConstructFailsACaseWhosePrerequisitesPassButNeverPassesIt() throws Exception {
        String xml = """
                <WopiValidation>
                  <Resources><File Id="R" Name="r.docx" FilePath="Resources\\r.docx"/></Resources>
                  <PrereqCases>
                    <TestCase Name="P" Category="WopiCore"><Requests><CheckFileInfo/></Requests></TestCase>
                    <TestCase Name="Q" Category="WopiCore"><Requests><EnumerateAncestors/></Requests></TestCase>
                  </PrereqCases>
                  <TestGroup Name="G">
                    <PrereqTests><PrereqTest>P</PrereqTest></PrereqTests>
                    <TestCases>
                      <TestCase Name="UnknownRequest" Category="WopiCore"><Requests><CheckFileInfo/><GetCoauthLock CoauthLockId="x"/></Requests></TestCase>
                      <TestCase Name="UnknownValidator" Category="WopiCore"><Requests><CheckFileInfo><Validators><FramesValidator/></Validators></CheckFileInfo></Requests></TestCase>
                      <TestCase Name="UnknownAttribute" Category="WopiCore"><Requests><Lock Lock="L" CoauthLockType="x"/></Requests></TestCase>
                      <TestCase Name="JsonPath" Category="WopiCore"><Requests><CheckFileInfo><Validators><JsonResponseContentValidator>
                        <StringProperty Name="A[0].Url"/></JsonResponseContentValidator></Validators></CheckFileInfo></Requests></TestCase>
                      <TestCase Name="Comparator" Category="WopiCore"><Requests><CheckFileInfo><Validators>
                        <ResponseHeaderValidator Header="X" ExpectedValue="1" Comparator="&gt;"/></Validators></CheckFileInfo></Requests></TestCase>
                      <TestCase Name="OtherSchema" Category="WopiCore"><Requests><CheckFileInfo><Validators><JsonSchemaValidator Schema="CoauthTableSchema"/></Validators></CheckFileInfo></Requests></TestCase>
                      <TestCase Name="Fine" Category="WopiCore"><Requests><CheckFileInfo/></Requests></TestCase>
                    </TestCases>
                  </TestGroup>
                  <TestGroup Name="H">
                    <PrereqTests><PrereqTest>Q</PrereqTest></PrereqTests>
                    <TestCases><TestCase Name="BehindUnsupportedPrereq" Category="WopiCore"><Requests><CheckFileInfo/></Requests></TestCase></TestCases>
                  </TestGroup>
                </WopiValidation>
                """;
        Suite custom = Suite.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        try (FakeWopiHost host = new FakeWopiHost("test.wopitest", null, null)) {
            List<Interpreter.GroupResult> results = new Interpreter(custom, dir.resolve("JsonSchemas"), null, false).runAll(host::target);
            Map<String, Interpreter.CaseResult> byName = results.stream().flatMap(g -> g.cases().stream())
                    .collect(Collectors.toMap(Interpreter.CaseResult::name, Function.identity()));
            for (String n : List.of("UnknownRequest", "UnknownValidator", "UnknownAttribute", "JsonPath", "Comparator", "OtherSchema", "BehindUnsupportedPrereq")) {
                assertThat(byName.get(n).outcome()).as(n).isEqualTo(FAIL);
                assertThat(byName.get(n).detail()).as(n).contains("unsupported construct");
            }
            assertThat(byName.get("Fine").outcome()).isEqualTo(PASS);
            assertThat(byName.get("UnknownRequest").detail()).contains("GetCoauthLock");
        }
    }

    @Test
    void tokensAreRedactedFromReports() {
        assertThat(Interpreter.redact("{\"Url\":\"http://h/wopi/files/2?access_token=eyJ.a-b_c&x=1\"}"))
                .isEqualTo("{\"Url\":\"http://h/wopi/files/2?access_token=<redacted>&x=1\"}");
    }

    @Test
    void doctypesAreRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><WopiValidation>&e;</WopiValidation>";
        assertThatThrownBy(() -> Suite.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("DOCTYPE");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static Suite.Group group(String name) {
        return suite.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    private static Interpreter.GroupResult run(FakeWopiHost host, Interpreter.ProofSigner signer, String group) {
        return new Interpreter(suite, dir.resolve("JsonSchemas"), signer, false).runGroup(group(group), host::target);
    }

    private static Map<String, Interpreter.GroupResult> runAll(FakeWopiHost host, Interpreter.ProofSigner signer) {
        return new Interpreter(suite, dir.resolve("JsonSchemas"), signer, false).runAll(host::target).stream()
                .collect(Collectors.toMap(Interpreter.GroupResult::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static List<String> failed(Interpreter.GroupResult g) {
        return g.cases().stream().filter(c -> c.outcome() == FAIL).map(Interpreter.CaseResult::name).toList();
    }
}
