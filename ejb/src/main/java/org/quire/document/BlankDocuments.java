package org.quire.document;

import org.quire.platform.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Minimal valid Office Open XML packages for "new blank document / spreadsheet / presentation": the parts are text
 * resources under {@code org/quire/document/blank/<type>/} (readable, reviewable), zipped here with their package
 * part names — {@code [Content_Types].xml} first, then the package relationships and the main part, as Word,
 * Excel, PowerPoint and ONLYOFFICE expect.
 */
public enum BlankDocuments {

    DOCX("docx", parts(
            "[Content_Types].xml", "content-types.xml",
            "_rels/.rels", "package.rels",
            "word/document.xml", "document.xml",
            "word/_rels/document.xml.rels", "document.xml.rels",
            "word/styles.xml", "styles.xml")),
    XLSX("xlsx", parts(
            "[Content_Types].xml", "content-types.xml",
            "_rels/.rels", "package.rels",
            "xl/workbook.xml", "workbook.xml",
            "xl/_rels/workbook.xml.rels", "workbook.xml.rels",
            "xl/worksheets/sheet1.xml", "sheet1.xml",
            "xl/styles.xml", "styles.xml")),
    PPTX("pptx", parts(
            "[Content_Types].xml", "content-types.xml",
            "_rels/.rels", "package.rels",
            "ppt/presentation.xml", "presentation.xml",
            "ppt/_rels/presentation.xml.rels", "presentation.xml.rels",
            "ppt/slideMasters/slideMaster1.xml", "slideMaster1.xml",
            "ppt/slideMasters/_rels/slideMaster1.xml.rels", "slideMaster1.xml.rels",
            "ppt/slideLayouts/slideLayout1.xml", "slideLayout1.xml",
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels", "slideLayout1.xml.rels",
            "ppt/slides/slide1.xml", "slide1.xml",
            "ppt/slides/_rels/slide1.xml.rels", "slide1.xml.rels",
            "ppt/theme/theme1.xml", "theme1.xml"));

    private final String extension;
    /** Package part name → resource file name. */
    private final Map<String, String> parts;

    BlankDocuments(String extension, Map<String, String> parts) {
        this.extension = extension;
        this.parts = parts;
    }

    public String extension() {
        return extension;
    }

    public Map<String, String> partNames() {
        return parts;
    }

    /** {@code docx}, {@code xlsx} or {@code pptx} (any case); anything else is a 400. */
    public static BlankDocuments of(String type) {
        if (type != null) {
            for (BlankDocuments kind : values()) {
                if (kind.extension.equals(type.strip().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
        }
        throw new InvalidInputException("invalid_type", "type is docx, xlsx or pptx.");
    }

    /** The name with this type's extension: {@code Minutes} → {@code Minutes.docx}; {@code Minutes.docx} stays. */
    public String nameWithExtension(String name) {
        if (name == null || name.isBlank()) {
            return switch (this) {
                case DOCX -> "New document.docx";
                case XLSX -> "New spreadsheet.xlsx";
                case PPTX -> "New presentation.pptx";
            };
        }
        String trimmed = name.strip();
        return trimmed.toLowerCase(Locale.ROOT).endsWith("." + extension) ? trimmed : trimmed + "." + extension;
    }

    /** The package's bytes (a few kilobytes; built each time, so no shared mutable state). */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                try (InputStream in = BlankDocuments.class.getResourceAsStream("blank/" + extension + "/" + part.getValue())) {
                    if (in == null) {
                        throw new IllegalStateException("missing template part " + extension + "/" + part.getValue());
                    }
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, String> parts(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
