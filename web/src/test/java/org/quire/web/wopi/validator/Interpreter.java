package org.quire.web.wopi.validator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs {@link Suite} test cases against a WOPI host with the semantics of microsoft/wopi-validator-core
 * (WOPI.md §1.4–§1.12): prerequisites re-run per test case (a non-passing one skips the case), fresh state seeded
 * with {@code OriginalAccessToken}/{@code OriginalWopiSrc}, requests in order, the first failing validator fails
 * the case, state saved only after a request passed, cleanup always (errors swallowed). Unlike the CLI it signs
 * every WOPI request with proof keys when a {@link ProofSigner} is given, so the ProofKeys group really runs.
 */
final class Interpreter {

    /** The validator's {@code -w -t -l}: a bare WOPISrc of a {@code .wopitest} file, its token and TTL. */
    record Target(String wopiSrc, String accessToken, long accessTokenTtl) {
    }

    /** Signs the proof data (WOPI.md §2.6) for the given token, URL (as sent; the signer uppercases) and ticks. */
    interface ProofSigner {
        String signCurrent(String token, String url, long ticks);

        String signOld(String token, String url, long ticks);
    }

    enum Outcome { PASS, FAIL, SKIP }

    record CaseResult(String group, String name, String category, Outcome outcome, String detail) {
    }

    record GroupResult(String name, List<CaseResult> cases, String note) {
        long count(Outcome o) {
            return cases.stream().filter(c -> c.outcome() == o).count();
        }

        Outcome outcome() {
            if (count(Outcome.FAIL) > 0) {
                return Outcome.FAIL;
            }
            return count(Outcome.PASS) > 0 ? Outcome.PASS : Outcome.SKIP;
        }
    }

    record Response(int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.allValues(name);
            return values.isEmpty() ? null : String.join(",", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static final long EPOCH_TICKS = 621_355_968_000_000_000L;
    static final String INVALID_PROOF = Base64.getEncoder().encodeToString("INVALID".getBytes(StandardCharsets.UTF_8));
    private static final Set<String> TIME_KEYS = Set.of("AccessTokenExpiry", "ServerTime", "AccessTokenValidFrom");

    private final Suite suite;
    private final Path schemaDir;
    private final ProofSigner signer;
    private final boolean includeDelayTests;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, JsonObject> schemas = new HashMap<>();

    Interpreter(Suite suite, Path schemaDir, ProofSigner signer, boolean includeDelayTests) {
        this.suite = suite;
        this.schemaDir = schemaDir;
        this.signer = signer;
        this.includeDelayTests = includeDelayTests;
    }

    /** Every group in document order; {@code freshFile} is asked for one new {@code .wopitest} file per group that runs. */
    List<GroupResult> runAll(Supplier<Target> freshFile) {
        List<GroupResult> results = new ArrayList<>();
        for (Suite.Group group : suite.groups()) {
            results.add(runGroup(group, freshFile));
        }
        return results;
    }

    GroupResult runGroup(Suite.Group group, Supplier<Target> freshFile) {
        List<CaseResult> cases = new ArrayList<>();
        if (group.hasDelay() && !includeDelayTests) {
            group.cases().forEach(tc -> cases.add(new CaseResult(group.name(), tc.name(), tc.category(), Outcome.SKIP,
                    "HasDelay group, not run (the validator's -d not given)")));
            return new GroupResult(group.name(), cases, "HasDelay");
        }
        Target target = freshFile.get();
        for (Suite.TestCase tc : group.cases()) {
            cases.add(runCase(group, tc, target));
        }
        return new GroupResult(group.name(), cases, "");
    }

    CaseResult runCase(Suite.Group group, Suite.TestCase tc, Target target) {
        for (String prereqName : group.prereqs()) {
            Suite.TestCase prereq = suite.prereqs().get(prereqName);
            if (prereq == null) {
                return new CaseResult(group.name(), tc.name(), tc.category(), Outcome.FAIL, "unsupported construct: unknown prereq test case " + prereqName);
            }
            CaseResult r = execute(group.name(), prereq, target);
            if (r.outcome() != Outcome.PASS) {
                if (r.detail().contains("unsupported construct")) {
                    return new CaseResult(group.name(), tc.name(), tc.category(), Outcome.FAIL, "prerequisite " + prereqName + ": " + r.detail());
                }
                return new CaseResult(group.name(), tc.name(), tc.category(), Outcome.SKIP, "Prerequisites failed: " + prereqName + ": " + r.detail());
            }
        }
        CaseResult r = execute(group.name(), tc, target);
        return r;
    }

    /** One test case without its group's prerequisites. */
    CaseResult execute(String group, Suite.TestCase tc, Target target) {
        if (!tc.unsupported().isEmpty()) {
            return new CaseResult(group, tc.name(), tc.category(), Outcome.FAIL, "unsupported construct(s): " + String.join("; ", tc.unsupported()));
        }
        Map<String, String> state = new HashMap<>();
        state.put("OriginalAccessToken", target.accessToken());
        state.put("OriginalWopiSrc", target.wopiSrc());
        try {
            int index = 0;
            for (Suite.Request request : tc.requests()) {
                index++;
                Response response;
                try {
                    response = send(request, state, target);
                } catch (UnsupportedConstruct e) {
                    return new CaseResult(group, tc.name(), tc.category(), Outcome.FAIL, "request " + index + " " + request.describe() + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    return new CaseResult(group, tc.name(), tc.category(), Outcome.FAIL, "request " + index + " " + request.describe() + " threw " + e);
                }
                List<String> errors;
                try {
                    errors = validate(request, response, state);
                } catch (UnsupportedConstruct e) {
                    errors = List.of(e.getMessage());
                }
                if (!errors.isEmpty()) {
                    String body = response.text();
                    return new CaseResult(group, tc.name(), tc.category(), Outcome.FAIL, redact("request " + index + " " + shorten(request.describe())
                            + " -> " + response.status() + ": " + String.join("; ", errors)
                            + (body.isEmpty() ? "" : " (body: " + shorten(body) + ")")));
                }
                saveState(request, response, state);
            }
            return new CaseResult(group, tc.name(), tc.category(), Outcome.PASS, "");
        } finally {
            for (Suite.Request cleanup : tc.cleanup()) {
                try {
                    send(cleanup, state, target);
                } catch (RuntimeException ignored) {
                    // as the validator: cleanup errors are swallowed
                }
            }
        }
    }

    // --- requests (WOPI.md §1.5, §1.6) --------------------------------------------------------------------

    Response send(Suite.Request r, Map<String, String> state, Target target) {
        String type = r.type();
        if (!Suite.REQUESTS.containsKey(type)) {
            throw new UnsupportedConstruct("request <" + type + ">");
        }
        String pathOverride = Set.of("GetFile", "PutFile").contains(type) ? "/contents" : "";
        String token = state.get("OriginalAccessToken");
        String url = null;
        String override = r.attr("OverrideUrl");
        if (override != null) {
            String resolved;
            if (override.startsWith("$State:")) {
                String key = override.substring("$State:".length());
                if (!state.containsKey(key)) {
                    throw new IllegalStateException("state key " + key + " was never saved");
                }
                resolved = state.get(key);
            } else {
                resolved = override;
            }
            if (resolved != null) {
                url = appendPath(resolved, pathOverride);
                token = queryParameter(resolved, "access_token");
            } else if (Set.of("DeleteFile", "GetFromFileUrl").contains(type)) {
                throw new IllegalStateException("OverrideUrl " + override + " resolved to null");
            }
        }
        if (url == null) {
            String src = state.get("OriginalWopiSrc");
            url = src + pathOverride + (!src.contains("?") ? "?" : src.endsWith("&") ? "" : "&") + "access_token=" + urlKeyValueEncode(token)
                    + "&access_token_ttl=" + target.accessTokenTtl();
        }
        Suite.Node proofMutator = null;
        for (Suite.Node m : r.mutators()) {
            switch (m.kind()) {
                case "AccessToken" -> {
                    token = m.attr("Mutation") != null ? m.attr("Mutation") : UUID.randomUUID().toString();
                    url = replaceQueryParameter(url, "access_token", URLEncoder.encode(token, StandardCharsets.UTF_8));
                }
                case "ProofKey" -> proofMutator = m;
                default -> throw new UnsupportedConstruct("mutator " + m.kind());
            }
        }
        byte[] body = new byte[0];
        Map<String, String> headers = new LinkedHashMap<>();
        String override_ = null;
        boolean get = false;
        switch (type) {
            case "CheckFileInfo" -> get = true;
            case "GetFile" -> {
                get = true;
                if (nonEmpty(r.attr("NewLock"))) {
                    headers.put("X-WOPI-Lock", r.attr("NewLock"));
                }
            }
            case "GetFromFileUrl" -> get = true;
            case "PutFile" -> {
                override_ = "PUT";
                if (nonEmpty(r.attr("Lock"))) {
                    headers.put("X-WOPI-Lock", r.attr("Lock"));
                }
                body = resource(r.attr("ResourceId"));
            }
            case "Lock" -> {
                override_ = "LOCK";
                headers.put("X-WOPI-Lock", nullToEmpty(r.attr("Lock")));
                if (r.attr("LockUserVisible") != null) {
                    headers.put("X-WOPI-LockUserVisible", Boolean.parseBoolean(r.attr("LockUserVisible").trim()) ? "True" : "False");
                }
            }
            case "Unlock" -> {
                override_ = "UNLOCK";
                headers.put("X-WOPI-Lock", nullToEmpty(r.attr("Lock")));
            }
            case "RefreshLock" -> {
                override_ = "REFRESH_LOCK";
                headers.put("X-WOPI-Lock", nullToEmpty(r.attr("Lock")));
            }
            case "UnlockAndRelock" -> {
                override_ = "LOCK";
                headers.put("X-WOPI-Lock", nullToEmpty(r.attr("NewLock")));
                headers.put("X-WOPI-OldLock", nullToEmpty(r.attr("OldLock")));
            }
            case "GetLock" -> override_ = "GET_LOCK";
            case "PutRelativeFile" -> {
                override_ = "PUT_RELATIVE";
                body = resource(r.attr("ResourceId"));
                headers.put("X-WOPI-Size", String.valueOf(body.length));
                // Uri.UnescapeDataString(HttpUtility.UrlEncode(name, UTF7)): UTF-7 with spaces as '+'
                String name = Utf7.encode(nullToEmpty(r.attr("Name"))).replace(' ', '+');
                switch (r.attr("PutRelativeFileMode") == null ? "" : r.attr("PutRelativeFileMode")) {
                    case "Suggested" -> headers.put("X-WOPI-SuggestedTarget", name);
                    case "ExactName" -> {
                        headers.put("X-WOPI-RelativeTarget", name);
                        if (r.attr("OverwriteRelative") != null) {
                            headers.put("X-WOPI-OverwriteRelativeTarget", Boolean.parseBoolean(r.attr("OverwriteRelative").trim()) ? "True" : "False");
                        }
                    }
                    case "Conflicting" -> {
                        headers.put("X-WOPI-SuggestedTarget", name);
                        headers.put("X-WOPI-RelativeTarget", name);
                    }
                    default -> throw new UnsupportedConstruct("PutRelativeFileMode '" + r.attr("PutRelativeFileMode") + "'");
                }
            }
            case "RenameFile" -> {
                override_ = "RENAME_FILE";
                headers.put("X-WOPI-RequestedName", Utf7.encode(nullToEmpty(r.attr("Name"))));
                headers.put("X-WOPI-Lock", nullToEmpty(r.attr("Lock")));
                headers.put("X-WOPI-CoauthLockId", nullToEmpty(r.attr("CoauthLockId")));
            }
            case "DeleteFile" -> {
                if (override == null) {
                    throw new IllegalStateException("DeleteFile without OverrideUrl (the validator builds a null URI)");
                }
                override_ = "DELETE";
            }
            case "PutUserInfo" -> {
                override_ = "PUT_USER_INFO";
                body = nullToEmpty(r.body()).getBytes(StandardCharsets.UTF_8);
            }
            case "GetShareUrl" -> {
                override_ = "GET_SHARE_URL";
                headers.put("X-WOPI-UrlType", nullToEmpty(r.attr("UrlType")));
            }
            default -> throw new UnsupportedConstruct("request <" + type + ">");
        }
        if (override_ != null) {
            headers.put("X-WOPI-Override", override_);
        }
        boolean toWopi = !"GetFromFileUrl".equals(type);
        if (toWopi && signer != null) {
            headers.putAll(proofHeaders(token, url, proofMutator));
        }
        if (toWopi) {
            headers.put("Authorization", "Bearer " + nullToEmpty(token));
        }
        return exchange(get ? "GET" : "POST", url, headers, body);
    }

    Map<String, String> proofHeaders(String token, String url, Suite.Node mutator) {
        String t = nullToEmpty(token);
        long ticks = ticks(Instant.now());
        if (mutator != null && mutator.attr("Timestamp") != null) {
            ticks = ticks(parseTimestamp(mutator.attr("Timestamp")));
        }
        String proof = signer.signCurrent(t, url, ticks);
        String proofOld = signer.signOld(t, url, ticks);
        if (mutator != null) {
            switch (mutator.attributes().getOrDefault("KeyRelation", "Synced")) {
                case "Synced" -> {
                    if (mutator.bool("MutateCurrent", false)) {
                        proof = INVALID_PROOF;
                    }
                    if (mutator.bool("MutateOld", false)) {
                        proofOld = INVALID_PROOF;
                    }
                }
                case "Behind" -> {
                    proof = proofOld;
                    proofOld = INVALID_PROOF;
                }
                case "Ahead" -> {
                    proofOld = proof;
                    proof = INVALID_PROOF;
                }
                default -> throw new UnsupportedConstruct("ProofKey KeyRelation " + mutator.attr("KeyRelation"));
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-WOPI-TimeStamp", String.valueOf(ticks));
        h.put("X-WOPI-Proof", proof);
        h.put("X-WOPI-ProofOld", proofOld);
        return h;
    }

    static long ticks(Instant at) {
        return EPOCH_TICKS + at.getEpochSecond() * 10_000_000L + at.getNano() / 100;
    }

    private static Instant parseTimestamp(String s) {
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(s.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new UnsupportedConstruct("ProofKey Timestamp '" + s + "'");
            }
        }
    }

    private Response exchange(String method, String url, Map<String, String> headers, byte[] body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
            headers.forEach(b::header);
            b.method(method, "GET".equals(method) && body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transportError(e);
        } catch (Exception e) {
            return transportError(e);
        }
    }

    /** As the validator: no HTTP response becomes status 306 with X-WOPI-ValidatorError. */
    private static Response transportError(Exception e) {
        return new Response(306, HttpHeaders.of(Map.of("X-WOPI-ValidatorError", List.of(String.valueOf(e))), (a, b) -> true), new byte[0]);
    }

    private byte[] resource(String id) {
        Suite.Resource resource = id == null ? null : suite.resources().get(id);
        if (resource == null) {
            throw new UnsupportedConstruct("resource '" + id + "'");
        }
        if (resource.filePath().startsWith("Microsoft.Office.WopiValidator.Core.Resources.")) {
            throw new UnsupportedConstruct("embedded (zip-chunking) resource '" + id + "'");
        }
        return resource.body();
    }

    // --- validators (WOPI.md §1.8) --------------------------------------------------------------------------

    List<String> validate(Suite.Request r, Response response, Map<String, String> state) {
        List<String> errors = new ArrayList<>();
        String contentLength = response.header("Content-Length");
        if (contentLength != null && !contentLength.trim().equals(String.valueOf(response.body().length))) {
            errors.add("Content-Length " + contentLength + " but body has " + response.body().length + " bytes");
        }
        if (r.validators() == null) {
            if (response.status() != 200) {
                errors.add("expected status 200 but was " + response.status());
            }
            return errors;
        }
        if (response.status() == 306 && response.header("X-WOPI-ValidatorError") != null) {
            errors.add("transport error: " + response.header("X-WOPI-ValidatorError"));
        }
        for (Suite.Node v : r.validators()) {
            errors.addAll(check(v, response, state));
        }
        return errors;
    }

    private List<String> check(Suite.Node v, Response response, Map<String, String> state) {
        return switch (v.kind()) {
            case "ResponseCodeValidator" -> {
                int expected = Integer.parseInt(v.attr("ExpectedCode").trim());
                yield response.status() == expected ? List.of() : List.of("expected status " + expected + " but was " + response.status());
            }
            case "LockMismatchValidator" -> {
                List<String> e = new ArrayList<>();
                if (response.status() != 409) {
                    e.add("expected status 409 but was " + response.status());
                }
                String expected = nullToEmpty(v.attr("ExpectedLock"));
                e.addAll(header(response, "X-WOPI-Lock", expected, !expected.isEmpty(), true));
                yield e;
            }
            case "ResponseHeaderValidator" -> {
                String expected = v.attr("ExpectedValue");
                String key = v.attr("ExpectedStateKey");
                if (key != null && nonEmpty(state.get(key))) {
                    expected = state.get(key);
                }
                yield header(response, v.attr("Header"), expected, v.bool("IsRequired", false), v.bool("ShouldMatch", true));
            }
            case "ResponseContentValidator" -> {
                byte[] expected = v.attr("ExpectedResourceId") != null ? resource(v.attr("ExpectedResourceId"))
                        : nullToEmpty(v.attr("ExpectedBodyContent")).getBytes(StandardCharsets.UTF_8);
                yield Arrays.equals(expected, response.body()) ? List.of()
                        : List.of("body is not the expected content '" + shorten(new String(expected, StandardCharsets.UTF_8)) + "' but '" + shorten(response.text()) + "'");
            }
            case "JsonSchemaValidator" -> {
                JsonValue json;
                try {
                    json = parseJson(response.text());
                } catch (RuntimeException e) {
                    yield List.of("schema " + v.attr("Schema") + ": body is not JSON: " + e.getMessage());
                }
                List<String> e = JsonSchemaSubset.validate(schema(v.attr("Schema")), json);
                yield e.isEmpty() ? List.of() : List.of("schema " + v.attr("Schema") + ": " + String.join(", ", e));
            }
            case "JsonResponseContentValidator" -> json(v, response, state);
            case "Or" -> {
                List<String> all = new ArrayList<>();
                for (Suite.Node c : v.children()) {
                    List<String> e = check(c, response, state);
                    if (e.isEmpty()) {
                        yield List.of();
                    }
                    all.addAll(e);
                }
                yield List.of("none of Or passed: " + String.join(" | ", all));
            }
            case "And" -> {
                List<String> all = new ArrayList<>();
                v.children().forEach(c -> all.addAll(check(c, response, state)));
                yield all;
            }
            default -> throw new UnsupportedConstruct("validator <" + v.kind() + ">");
        };
    }

    private static List<String> header(Response response, String name, String expected, boolean required, boolean shouldMatch) {
        String actual = response.header(name);
        if (actual == null) {
            return required ? List.of("required header " + name + " is missing") : List.of();
        }
        if (expected == null) {
            return List.of();
        }
        boolean equal = actual.equalsIgnoreCase(expected);
        if (shouldMatch && !equal) {
            return List.of("header " + name + " is '" + shorten(actual) + "', expected '" + shorten(expected) + "'");
        }
        if (!shouldMatch && (equal || (expected.isEmpty() && actual.isEmpty()))) {
            return List.of("header " + name + " is '" + shorten(actual) + "', expected anything else");
        }
        return List.of();
    }

    private List<String> json(Suite.Node v, Response response, Map<String, String> state) {
        String text = response.text();
        if (!v.bool("ShouldExist", true)) {
            return text.isEmpty() ? List.of() : List.of("expected an empty body but got '" + shorten(text) + "'");
        }
        if (text.isBlank()) {
            return List.of("expected a JSON body but the body is empty");
        }
        JsonObject object;
        try {
            if (!(parseJson(text) instanceof JsonObject o)) {
                return List.of("body is not a JSON object: " + shorten(text));
            }
            object = o;
        } catch (RuntimeException e) {
            return List.of("body is not JSON: " + e.getMessage() + " in '" + shorten(text) + "'");
        }
        List<String> errors = new ArrayList<>();
        for (Suite.Node p : v.children()) {
            String error = property(p, object, state);
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    /** One JSON property validator; null when it passes. */
    private String property(Suite.Node p, JsonObject object, Map<String, String> state) {
        String name = p.attr("Name");
        JsonValue value = object.get(name);
        boolean required = p.bool("IsRequired", false);
        boolean nullOrEmpty = value == null || value == JsonValue.NULL
                || (value instanceof JsonString s && s.getString().isEmpty())
                || (value instanceof JsonArray a && a.isEmpty())
                || (value instanceof JsonObject o && o.isEmpty());
        String expected = p.attr("ExpectedValue");
        String key = p.attr("ExpectedStateKey");
        if (key != null && nonEmpty(state.get(key))) {
            expected = state.get(key);
        }
        String label = p.kind() + " " + name;
        switch (p.kind()) {
            case "BooleanProperty" -> {
                if (nullOrEmpty) {
                    return required ? label + " is required but missing or empty" : null;
                }
                if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                    return label + " is not a boolean: " + value;
                }
                if (expected == null) {
                    return null;
                }
                boolean e = Boolean.parseBoolean(expected.trim());
                return (value == JsonValue.TRUE) == e ? null : label + " is " + value + ", expected " + e;
            }
            case "IntegerProperty", "LongProperty" -> {
                if (nullOrEmpty) {
                    return required ? label + " is required but missing or empty" : null;
                }
                if (!(value instanceof JsonNumber n) || !n.toString().matches("-?\\d+")) {
                    return label + " is not an integer: " + value;
                }
                long actual;
                try {
                    actual = "IntegerProperty".equals(p.kind()) ? n.intValueExact() : n.longValueExact();
                } catch (ArithmeticException e) {
                    return label + " is out of range: " + value;
                }
                if (expected == null) {
                    if (TIME_KEYS.contains(name)) {
                        long now = System.currentTimeMillis();
                        long tenYears = 10L * 366 * 24 * 3600 * 1000;
                        return Math.abs(actual - now) <= tenYears ? null : label + " " + actual + " is not within 10 years of now (Unix ms)";
                    }
                    return null;
                }
                return actual == Long.parseLong(expected.trim()) ? null : label + " is " + actual + ", expected " + expected;
            }
            case "StringProperty" -> {
                if (nullOrEmpty) {
                    return required ? label + " is required but missing or empty" : null;
                }
                if (!(value instanceof JsonString s)) {
                    return label + " is not a string: " + value;
                }
                String actual = s.getString();
                boolean ignoreCase = p.bool("IgnoreCase", false);
                if (expected != null) {
                    boolean equal = ignoreCase ? actual.equalsIgnoreCase(expected) : actual.equals(expected);
                    if (equal != p.bool("ShouldMatch", true)) {
                        return label + " is '" + shorten(actual) + "', expected " + (equal ? "anything but " : "") + "'" + shorten(expected) + "'";
                    }
                }
                String endsWith = p.attr("EndsWith");
                if (endsWith != null) {
                    boolean ends = ignoreCase ? actual.toLowerCase(Locale.ROOT).endsWith(endsWith.toLowerCase(Locale.ROOT)) : actual.endsWith(endsWith);
                    if (!ends) {
                        return label + " '" + shorten(actual) + "' does not end with '" + endsWith + "'";
                    }
                }
                return null;
            }
            case "StringRegexProperty" -> {
                // as JsonStringRegexPropertyValidator: only an absent, optional property passes unexamined; JSON null
                // makes the validator throw (a failure); "" is matched against the pattern like any other string
                if (value == null) {
                    return required ? label + " is required but missing" : null;
                }
                if (!(value instanceof JsonString s)) {
                    return label + " is not a string: " + value;
                }
                if (expected == null) {
                    throw new UnsupportedConstruct(label + " without a pattern");
                }
                boolean matches = Pattern.compile(expected).matcher(s.getString()).find();
                boolean shouldMatch = p.bool("ShouldMatch", true);
                return matches == shouldMatch ? null : label + " '" + shorten(s.getString()) + "' " + (shouldMatch ? "does not match" : "matches") + " /" + expected + "/";
            }
            case "AbsoluteUrlProperty" -> {
                if (nullOrEmpty) {
                    return required ? label + " is required but missing or empty" : null;
                }
                if (!(value instanceof JsonString s) || !JsonSchemaSubset.absoluteUri(s.getString())) {
                    return label + " is not an absolute URL: " + value;
                }
                if (p.bool("MustIncludeAccessToken", false) && queryParameter(s.getString(), "access_token") == null) {
                    return label + " '" + shorten(s.getString()) + "' has no access_token query parameter";
                }
                return null;
            }
            case "ArrayProperty" -> {
                if (nullOrEmpty) {
                    return required ? label + " is required but missing or empty" : null;
                }
                if (!(value instanceof JsonArray a)) {
                    return label + " is not an array: " + value;
                }
                String contains = p.attr("ContainsValue");
                if (contains == null) {
                    return null;
                }
                boolean found = a.stream().anyMatch(x -> x instanceof JsonString xs && xs.getString().equalsIgnoreCase(contains));
                return found ? null : label + " " + a + " does not contain '" + contains + "'";
            }
            default -> throw new UnsupportedConstruct("JSON property validator <" + p.kind() + ">");
        }
    }

    private void saveState(Suite.Request r, Response response, Map<String, String> state) {
        for (Suite.State s : r.states()) {
            String value = null;
            if ("Header".equals(s.sourceType())) {
                value = response.header(s.source());
            } else {
                try {
                    if (parseJson(response.text()) instanceof JsonObject o) {
                        JsonValue v = o.get(s.source());
                        if (v instanceof JsonString js) {
                            value = js.getString();
                        } else if (v instanceof JsonNumber n) {
                            value = n.toString();
                        } else if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                            value = v == JsonValue.TRUE ? "True" : "False";
                        } else if (v != null && v != JsonValue.NULL) {
                            value = v.toString();
                        }
                    }
                } catch (RuntimeException ignored) {
                    // as StateEntry: exceptions give null
                }
            }
            state.put(s.name(), value == null || value.isEmpty() ? null : value);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private JsonObject schema(String id) {
        if (!Suite.SCHEMAS.contains(id)) {
            throw new UnsupportedConstruct("JSON schema '" + id + "'");
        }
        return schemas.computeIfAbsent(id, k -> {
            try {
                String text = Files.readString(schemaDir.resolve(k + ".json"), StandardCharsets.UTF_8);
                return (JsonObject) parseJson(text);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read schema " + k, e);
            }
        });
    }

    static JsonValue parseJson(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonReader reader = Json.createReader(new StringReader(t))) {
            JsonStructure s = reader.read();
            return s;
        }
    }

    /** .NET UrlKeyValueEncode: every character but ASCII letters and digits as %XX of its UTF-8 bytes, uppercase hex. */
    static String urlKeyValueEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : nullToEmpty(s).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String appendPath(String url, String suffix) {
        if (suffix.isEmpty()) {
            return url;
        }
        int q = url.indexOf('?');
        return q < 0 ? url + suffix : url.substring(0, q) + suffix + url.substring(q);
    }

    static String queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        String query = url.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String replaceQueryParameter(String url, String name, String encodedValue) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url + "?" + name + "=" + encodedValue;
        }
        String[] pairs = url.substring(q + 1).split("&", -1);
        boolean replaced = false;
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i].equals(name) || pairs[i].startsWith(name + "=")) {
                pairs[i] = name + "=" + encodedValue;
                replaced = true;
            }
        }
        String query = String.join("&", pairs);
        return url.substring(0, q) + "?" + (replaced ? query : query + "&" + name + "=" + encodedValue);
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Reports carry no access tokens (they appear in returned URLs such as PutRelativeFile's Url). */
    static String redact(String s) {
        return s.replaceAll("access_token=[^&\"\\s]+", "access_token=<redacted>");
    }

    static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }

    /** The per-group table (Markdown). */
    static String report(List<GroupResult> results) {
        StringBuilder md = new StringBuilder("| # | Group | Result | Pass | Fail | Skip | Note |\n|---|---|---|---|---|---|---|\n");
        int i = 0;
        for (GroupResult g : results) {
            i++;
            String note = g.note();
            if (note.isEmpty() && g.outcome() == Outcome.SKIP && !g.cases().isEmpty()) {
                String d = g.cases().get(0).detail();
                int colon = d.indexOf(':', "Prerequisites failed: ".length());
                note = d.startsWith("Prerequisites failed: ") && colon > 0 ? "prereq " + d.substring("Prerequisites failed: ".length(), colon) : shorten(d);
            }
            md.append("| ").append(i).append(" | ").append(g.name()).append(" | ").append(g.outcome().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(g.count(Outcome.PASS)).append(" | ").append(g.count(Outcome.FAIL)).append(" | ")
                    .append(g.count(Outcome.SKIP)).append(" | ").append(note.replace("|", "\\|")).append(" |\n");
        }
        long pass = results.stream().mapToLong(g -> g.count(Outcome.PASS)).sum();
        long fail = results.stream().mapToLong(g -> g.count(Outcome.FAIL)).sum();
        long skip = results.stream().mapToLong(g -> g.count(Outcome.SKIP)).sum();
        md.append("\nTotal: ").append(pass).append(" pass, ").append(fail).append(" fail, ").append(skip).append(" skip\n");
        List<CaseResult> failures = results.stream().flatMap(g -> g.cases().stream()).filter(c -> c.outcome() == Outcome.FAIL).toList();
        if (!failures.isEmpty()) {
            md.append("\nFailures:\n");
            failures.forEach(c -> md.append("- ").append(c.group()).append(" / ").append(c.name()).append(": ")
                    .append(c.detail().replace("\n", " ")).append('\n'));
        }
        return md.toString();
    }
}
