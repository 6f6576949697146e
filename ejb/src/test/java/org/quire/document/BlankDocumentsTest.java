package org.quire.document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quire.platform.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blank templates are real OOXML packages: every part parses, every declared part and relationship target exists. */
class BlankDocumentsTest {

    static final String RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
    static final String TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
    static final String OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    @ParameterizedTest
    @EnumSource(BlankDocuments.class)
    void eachTemplateIsAZipWithContentTypesRelationshipsAndItsMainPart(BlankDocuments kind) throws Exception {
        Map<String, byte[]> zip = unzip(kind.bytes());
        List<String> names = new ArrayList<>(zip.keySet());
        assertThat(names.get(0)).as("[Content_Types].xml comes first").isEqualTo("[Content_Types].xml");
        assertThat(names).contains("_rels/.rels");
        String main = switch (kind) {
            case DOCX -> "word/document.xml";
            case XLSX -> "xl/workbook.xml";
            case PPTX -> "ppt/presentation.xml";
        };
        String mainType = switch (kind) {
            case DOCX -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
            case XLSX -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
            case PPTX -> "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
        };
        assertThat(names).contains(main);

        // every part is well-formed XML
        Map<String, Document> xml = new LinkedHashMap<>();
        for (var e : zip.entrySet()) {
            xml.put(e.getKey(), parse(e.getValue()));
        }

        // the package relationship points at the main part
        Element officeDocument = relationships(xml.get("_rels/.rels")).stream()
                .filter(r -> r.getAttribute("Type").equals(OFFICE_DOCUMENT)).findFirst().orElseThrow();
        assertThat(officeDocument.getAttribute("Target")).isEqualTo(main);

        // content types: rels and xml defaults, an override for each part that is not a relationship part, and no override for a missing part
        Map<String, String> overrides = new LinkedHashMap<>();
        NodeList o = xml.get("[Content_Types].xml").getElementsByTagNameNS(TYPES_NS, "Override");
        for (int i = 0; i < o.getLength(); i++) {
            Element e = (Element) o.item(i);
            overrides.put(e.getAttribute("PartName"), e.getAttribute("ContentType"));
        }
        assertThat(overrides).containsEntry("/" + main, mainType);
        for (String part : overrides.keySet()) {
            assertThat(zip).as("override for an existing part").containsKey(part.substring(1));
        }
        for (String name : names) {
            if (!name.endsWith(".rels") && !name.equals("[Content_Types].xml")) {
                assertThat(overrides).as("content type of " + name).containsKey("/" + name);
            }
        }

        // every relationship of every part resolves to a part of the package
        for (String name : names) {
            if (!name.endsWith(".rels")) {
                continue;
            }
            String source = name.replace("_rels/", "").replaceAll("\\.rels$", "");
            String base = source.contains("/") ? source.substring(0, source.lastIndexOf('/') + 1) : "";
            for (Element r : relationships(xml.get(name))) {
                String target = java.net.URI.create("/" + base).resolve(r.getAttribute("Target")).getPath().substring(1);
                assertThat(zip).as(name + " → " + r.getAttribute("Target")).containsKey(target);
            }
        }
    }

    @Test
    void theWordTemplateHasABodyWithOneParagraph() throws Exception {
        Document doc = parse(unzip(BlankDocuments.DOCX.bytes()).get("word/document.xml"));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("document");
        assertThat(doc.getElementsByTagNameNS("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "body").getLength()).isEqualTo(1);
    }

    @Test
    void namesGetTheirExtensionAndUnknownTypesAreRefused() {
        assertThat(BlankDocuments.of("DOCX").nameWithExtension("Minutes")).isEqualTo("Minutes.docx");
        assertThat(BlankDocuments.of("xlsx").nameWithExtension("Budget.XLSX")).isEqualTo("Budget.XLSX");
        assertThat(BlankDocuments.of("pptx").nameWithExtension(null)).isEqualTo("New presentation.pptx");
        assertThatThrownBy(() -> BlankDocuments.of("odt")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BlankDocuments.of(null)).isInstanceOf(InvalidInputException.class);
    }

    private static List<Element> relationships(Document rels) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = rels.getElementsByTagNameNS(RELS_NS, "Relationship");
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        }
        return parts;
    }

    private static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
