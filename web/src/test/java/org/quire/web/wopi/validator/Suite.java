package org.quire.web.wopi.validator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft's WOPI Validator test definitions (TestCases.xml, as shipped) as a model. Parsing is strict in one
 * direction only: every element and attribute the interpreter does not implement is recorded on the test case
 * that contains it ({@link TestCase#unsupported()}), and such a test case fails when it is reached.
 */
record Suite(Map<String, Resource> resources, Map<String, TestCase> prereqs, List<Group> groups) {

    record Resource(String id, String name, String filePath) {
        /** The synthetic body (WOPI.md §1.10): UTF-8 of Id + FilePath + Name, empty for ZeroByteFile.wopitest. */
        byte[] body() {
            return "ZeroByteFile.wopitest".equals(name) ? new byte[0] : (id + filePath + name).getBytes(StandardCharsets.UTF_8);
        }
    }

    record Group(String name, boolean hasDelay, List<String> prereqs, List<TestCase> cases) {
    }

    record TestCase(String name, String category, String description, List<Request> requests, List<Request> cleanup,
                    List<String> unsupported) {
    }

    /** {@code validators == null}: no {@code <Validators>} element, the default {@code ResponseCodeValidator(200)} applies. */
    record Request(String type, Map<String, String> attributes, List<State> states, List<Node> mutators, List<Node> validators,
                   String body) {
        String attr(String name) {
            return attributes.get(name);
        }

        String describe() {
            return type + (attributes.isEmpty() ? "" : attributes.toString());
        }
    }

    record State(String name, String source, String sourceType) {
    }

    /** A validator or mutator element: its name, attributes and children. */
    record Node(String kind, Map<String, String> attributes, List<Node> children) {
        String attr(String name) {
            return attributes.get(name);
        }

        boolean bool(String name, boolean fallback) {
            String v = attributes.get(name);
            return v == null ? fallback : Boolean.parseBoolean(v.trim());
        }
    }

    // --- what the interpreter implements ------------------------------------------------------------------

    static final Map<String, Set<String>> REQUESTS = Map.ofEntries(
            Map.entry("CheckFileInfo", Set.of("OverrideUrl")),
            // GetFile@Lock is read by nobody in the validator (it reads NewLock): ignored, as there (WOPI.md §1.16.3)
            Map.entry("GetFile", Set.of("OverrideUrl", "NewLock", "Lock")),
            Map.entry("PutFile", Set.of("OverrideUrl", "Lock", "ResourceId")),
            Map.entry("Lock", Set.of("OverrideUrl", "Lock", "LockUserVisible")),
            Map.entry("Unlock", Set.of("OverrideUrl", "Lock")),
            Map.entry("RefreshLock", Set.of("OverrideUrl", "Lock")),
            Map.entry("UnlockAndRelock", Set.of("OverrideUrl", "NewLock", "OldLock")),
            Map.entry("GetLock", Set.of("OverrideUrl")),
            Map.entry("PutRelativeFile", Set.of("OverrideUrl", "PutRelativeFileMode", "Name", "ResourceId", "OverwriteRelative")),
            Map.entry("RenameFile", Set.of("OverrideUrl", "Name", "Lock", "CoauthLockId")),
            Map.entry("DeleteFile", Set.of("OverrideUrl")),
            Map.entry("PutUserInfo", Set.of("OverrideUrl")),
            Map.entry("GetFromFileUrl", Set.of("OverrideUrl")),
            Map.entry("GetShareUrl", Set.of("OverrideUrl", "UrlType")));

    static final Map<String, Set<String>> VALIDATORS = Map.ofEntries(
            Map.entry("ResponseCodeValidator", Set.of("ExpectedCode")),
            Map.entry("LockMismatchValidator", Set.of("ExpectedLock")),
            Map.entry("ResponseHeaderValidator", Set.of("Header", "ExpectedValue", "ExpectedStateKey", "IsRequired", "ShouldMatch")),
            Map.entry("ResponseContentValidator", Set.of("ExpectedResourceId", "ExpectedBodyContent")),
            Map.entry("JsonSchemaValidator", Set.of("Schema")),
            Map.entry("JsonResponseContentValidator", Set.of("ShouldExist")),
            Map.entry("Or", Set.of()),
            Map.entry("And", Set.of()));

    static final Map<String, Set<String>> PROPERTIES = Map.ofEntries(
            Map.entry("BooleanProperty", Set.of("Name", "ExpectedValue", "ExpectedStateKey", "IsRequired")),
            Map.entry("IntegerProperty", Set.of("Name", "ExpectedValue", "ExpectedStateKey", "IsRequired")),
            Map.entry("LongProperty", Set.of("Name", "ExpectedValue", "ExpectedStateKey", "IsRequired")),
            Map.entry("StringProperty", Set.of("Name", "ExpectedValue", "ExpectedStateKey", "IsRequired", "EndsWith", "IgnoreCase", "ShouldMatch")),
            Map.entry("StringRegexProperty", Set.of("Name", "ExpectedValue", "ExpectedStateKey", "IsRequired", "ShouldMatch")),
            Map.entry("AbsoluteUrlProperty", Set.of("Name", "IsRequired", "MustIncludeAccessToken")),
            Map.entry("ArrayProperty", Set.of("Name", "IsRequired", "ContainsValue")));

    static final Map<String, Set<String>> MUTATORS = Map.of(
            "AccessToken", Set.of("Mutation"),
            "ProofKey", Set.of("MutateCurrent", "MutateOld", "KeyRelation", "Timestamp"));

    static final Set<String> SCHEMAS = Set.of("CsppCheckFileInfoSchema", "CsppPlusCheckFileInfoSchema");
    static final Set<String> CATEGORIES = Set.of("WopiCore", "OfficeOnline", "OfficeNativeClient", "WopiCoauth");
    private static final String PLAIN_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    /**
     * The shipped suite directory (TestCases.xml, JsonSchemas/): system property {@code quire.wopi-validator.dir},
     * else {@code shared/wopi-validator} beside an ancestor of the working directory, else /work/shared/wopi-validator.
     */
    static Path locate() {
        String configured = System.getProperty("quire.wopi-validator.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/wopi-validator");
            if (Files.isRegularFile(candidate.resolve("TestCases.xml"))) {
                return candidate;
            }
        }
        return Path.of("/work/shared/wopi-validator");
    }

    // --- parsing ------------------------------------------------------------------------------------------

    static Suite parse(Path xml) throws Exception {
        try (InputStream in = Files.newInputStream(xml)) {
            return parse(in);
        }
    }

    static Suite parse(InputStream xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document doc = builder.parse(xml);
        Element root = doc.getDocumentElement();
        if (!"WopiValidation".equals(root.getTagName())) {
            throw new IllegalArgumentException("not a WopiValidation document: " + root.getTagName());
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        Map<String, TestCase> prereqs = new LinkedHashMap<>();
        List<Group> groups = new ArrayList<>();
        for (Element child : children(root)) {
            switch (child.getTagName()) {
                case "Resources" -> {
                    for (Element file : children(child)) {
                        if (!"File".equals(file.getTagName())) {
                            throw new IllegalArgumentException("unknown resource element " + file.getTagName());
                        }
                        resources.put(file.getAttribute("Id"), new Resource(file.getAttribute("Id"), file.getAttribute("Name"), file.getAttribute("FilePath")));
                    }
                }
                case "PrereqCases" -> {
                    for (Element tc : children(child)) {
                        TestCase parsed = testCase(tc);
                        prereqs.put(parsed.name(), parsed);
                    }
                }
                case "TestGroup" -> groups.add(group(child));
                default -> throw new IllegalArgumentException("unknown element " + child.getTagName() + " under WopiValidation");
            }
        }
        // a ResourceId that names no resource is a construct we cannot run
        return new Suite(Collections.unmodifiableMap(resources), Collections.unmodifiableMap(prereqs), List.copyOf(groups));
    }

    private static Group group(Element e) {
        List<String> prereqs = new ArrayList<>();
        List<TestCase> cases = new ArrayList<>();
        for (Element child : children(e)) {
            switch (child.getTagName()) {
                case "PrereqTests" -> children(child).forEach(p -> prereqs.add(p.getTextContent().trim()));
                case "TestCases" -> children(child).forEach(tc -> cases.add(testCase(tc)));
                default -> throw new IllegalArgumentException("unknown element " + child.getTagName() + " in group " + e.getAttribute("Name"));
            }
        }
        return new Group(e.getAttribute("Name"), Boolean.parseBoolean(e.getAttribute("HasDelay").trim()), List.copyOf(prereqs), List.copyOf(cases));
    }

    private static TestCase testCase(Element e) {
        List<String> unsupported = new ArrayList<>();
        String name = e.getAttribute("Name");
        for (String a : attributeNames(e)) {
            // UiScreenshot, DocumentationLink, FailMessage: reporting only; Document: ignored by the validator
            if (!Set.of("Name", "Category", "UiScreenshot", "DocumentationLink", "FailMessage", "Document").contains(a)) {
                unsupported.add("TestCase attribute " + a);
            }
        }
        if (!CATEGORIES.contains(e.getAttribute("Category"))) {
            unsupported.add("TestCase Category '" + e.getAttribute("Category") + "'");
        }
        String description = "";
        List<Request> requests = new ArrayList<>();
        List<Request> cleanup = new ArrayList<>();
        for (Element child : children(e)) {
            switch (child.getTagName()) {
                case "Description" -> description = child.getTextContent().trim().replaceAll("\\s+", " ");
                case "Requests" -> children(child).forEach(r -> requests.add(request(r, unsupported)));
                case "CleanupRequests" -> children(child).forEach(r -> cleanup.add(request(r, unsupported)));
                default -> unsupported.add("TestCase child <" + child.getTagName() + ">");
            }
        }
        if (requests.isEmpty()) {
            unsupported.add("TestCase without requests");
        }
        return new TestCase(name, e.getAttribute("Category"), description, List.copyOf(requests), List.copyOf(cleanup), List.copyOf(unsupported));
    }

    private static Request request(Element e, List<String> unsupported) {
        String type = e.getTagName();
        Map<String, String> attributes = attributes(e);
        Set<String> allowed = REQUESTS.get(type);
        if (allowed == null) {
            unsupported.add("request <" + type + ">");
        } else {
            attributes.keySet().stream().filter(a -> !allowed.contains(a)).forEach(a -> unsupported.add("attribute " + a + " on <" + type + ">"));
        }
        String mode = attributes.get("PutRelativeFileMode");
        if (mode != null && !Set.of("Suggested", "ExactName", "Conflicting").contains(mode)) {
            unsupported.add("PutRelativeFileMode '" + mode + "'");
        }
        List<State> states = new ArrayList<>();
        List<Node> mutators = new ArrayList<>();
        List<Node> validators = null;
        String body = null;
        for (Element child : children(e)) {
            switch (child.getTagName()) {
                case "SaveState" -> {
                    for (Element s : children(child)) {
                        Map<String, String> a = attributes(s);
                        String sourceType = a.getOrDefault("SourceType", "JsonBody");
                        if (!"State".equals(s.getTagName()) || !Set.of("Name", "Source", "SourceType").containsAll(a.keySet())
                                || !Set.of("JsonBody", "Header").contains(sourceType)) {
                            unsupported.add("SaveState entry " + s.getTagName() + a);
                        } else if ("JsonBody".equals(sourceType) && !a.getOrDefault("Source", "").matches(PLAIN_NAME)) {
                            unsupported.add("JSONPath '" + a.get("Source") + "' in SaveState (only plain property names are implemented)");
                        }
                        states.add(new State(a.get("Name"), a.get("Source"), sourceType));
                    }
                }
                case "Mutators" -> {
                    for (Element m : children(child)) {
                        Node node = node(m);
                        Set<String> known = MUTATORS.get(node.kind());
                        if (known == null || !known.containsAll(node.attributes().keySet()) || !node.children().isEmpty()) {
                            unsupported.add("mutator " + node.kind() + node.attributes());
                        } else if (node.attr("KeyRelation") != null && !Set.of("Synced", "Ahead", "Behind").contains(node.attr("KeyRelation"))) {
                            unsupported.add("ProofKey KeyRelation '" + node.attr("KeyRelation") + "'");
                        }
                        mutators.add(node);
                    }
                }
                case "Validators" -> {
                    validators = new ArrayList<>();
                    for (Element v : children(child)) {
                        Node node = node(v);
                        checkValidator(node, unsupported);
                        validators.add(node);
                    }
                }
                case "RequestBody" -> {
                    if (!"PutUserInfo".equals(type)) {
                        unsupported.add("RequestBody on <" + type + ">");
                    }
                    body = child.getTextContent();
                }
                default -> unsupported.add("request child <" + child.getTagName() + "> in <" + type + ">");
            }
        }
        return new Request(type, Collections.unmodifiableMap(attributes), List.copyOf(states), List.copyOf(mutators),
                validators == null ? null : List.copyOf(validators), body);
    }

    private static void checkValidator(Node v, List<String> unsupported) {
        Set<String> allowed = VALIDATORS.get(v.kind());
        if (allowed == null) {
            unsupported.add("validator <" + v.kind() + ">");
            return;
        }
        v.attributes().keySet().stream().filter(a -> !allowed.contains(a)).forEach(a -> unsupported.add("attribute " + a + " on <" + v.kind() + ">"));
        switch (v.kind()) {
            case "Or", "And" -> v.children().forEach(c -> checkValidator(c, unsupported));
            case "JsonResponseContentValidator" -> {
                for (Node p : v.children()) {
                    Set<String> known = PROPERTIES.get(p.kind());
                    if (known == null) {
                        unsupported.add("JSON property validator <" + p.kind() + ">");
                        continue;
                    }
                    p.attributes().keySet().stream().filter(a -> !known.contains(a)).forEach(a -> unsupported.add("attribute " + a + " on <" + p.kind() + ">"));
                    if (!p.attributes().getOrDefault("Name", "").matches(PLAIN_NAME)) {
                        unsupported.add("JSONPath '" + p.attr("Name") + "' (only plain property names are implemented)");
                    }
                }
            }
            case "JsonSchemaValidator" -> {
                if (!SCHEMAS.contains(v.attr("Schema"))) {
                    unsupported.add("JSON schema '" + v.attr("Schema") + "'");
                }
            }
            default -> {
                if (!v.children().isEmpty()) {
                    unsupported.add("children of <" + v.kind() + ">");
                }
            }
        }
    }

    private static Node node(Element e) {
        List<Node> children = new ArrayList<>();
        children(e).forEach(c -> children.add(node(c)));
        return new Node(e.getTagName(), Collections.unmodifiableMap(attributes(e)), List.copyOf(children));
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            org.w3c.dom.Node a = e.getAttributes().item(i);
            map.put(a.getNodeName(), a.getNodeValue());
        }
        return map;
    }

    private static List<String> attributeNames(Element e) {
        return new ArrayList<>(attributes(e).keySet());
    }

    private static List<Element> children(Element e) {
        List<Element> list = new ArrayList<>();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                list.add((Element) n);
            }
        }
        return list;
    }
}
