package org.quire.web.onlyoffice;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The Save-As name rule and the editor page's Content-Security-Policy. */
class EditorEventsTest {

    private final EditorEvents events = events();

    private static EditorEvents events() {
        EditorEvents e = new EditorEvents();
        e.formats = new FormatMatrix();
        return e;
    }

    @Test
    void theCopyIsNamedFromTheTitleWithTheRequestedExtension() {
        assertThat(events.copyName("Report copy.docx", "docx", "Report")).isEqualTo("Report copy.docx");
        assertThat(events.copyName("Report copy", "docx", "Report")).isEqualTo("Report copy.docx");
        assertThat(events.copyName("Report.docx", "PDF", "Report")).as("a known extension is replaced").isEqualTo("Report.pdf");
        assertThat(events.copyName("v1.2 notes", "odt", "x")).as("an unknown 'extension' is part of the name").isEqualTo("v1.2 notes.odt");
    }

    @Test
    void illegalCharactersAreReplacedAndLongTitlesShortened() {
        assertThat(events.copyName("a/b\\c\u0007.docx", "docx", "x")).isEqualTo("a_b_c_.docx");
        String copy = events.copyName("x".repeat(400), "xlsx", "x");
        assertThat(copy).hasSize(255).endsWith(".xlsx");
        assertThat(events.copyName("  .docx ", "docx", "Source")).as("nothing usable left: the source's name").isEqualTo("Source.docx");
    }

    @Test
    void thePagePolicyAdmitsScriptsAndFramesFromQuireAndTheDocumentServerOnly() {
        String origin = EditorPage.origin(URI.create("https://docs.example.org:8443/ds/"));
        assertThat(origin).isEqualTo("https://docs.example.org:8443");
        assertThat(EditorPage.origin(URI.create("http://user:pw@[::1]/"))).isEqualTo("http://[::1]");
        String csp = EditorPage.contentSecurityPolicy(origin);
        assertThat(csp).contains("script-src 'self' https://docs.example.org:8443;")
                .contains("frame-src 'self' https://docs.example.org:8443;")
                .contains("object-src 'none'").contains("frame-ancestors 'self'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
    }
}
