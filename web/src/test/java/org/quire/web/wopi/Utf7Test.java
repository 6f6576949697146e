package org.quire.web.wopi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf7Test {

    @Test
    void decodesWhatWopiClientsSend() {
        assertThat(Utf7.decode("madeup+AF8-renamed")).contains("madeup_renamed");
        assertThat(Utf7.decode("Report 2026")).contains("Report 2026");
        assertThat(Utf7.decode("a+-b")).contains("a+b");
        assertThat(Utf7.decode(Utf7.encode("Übersicht – 東京"))).contains("Übersicht – 東京");
    }

    @Test
    void refusesWhatIsNotUtf7() {
        assertThat(Utf7.decode("naïve")).isEmpty();
        assertThat(Utf7.decode(null)).isEmpty();
    }

    @Test
    void helpers() {
        assertThat(FilesResource.extension("a.b.docx")).isEqualTo(".docx");
        assertThat(FilesResource.extension(".profile")).isEmpty();
        assertThat(FilesResource.authors("bob, carol,bob", "alice")).isEqualTo("bob, carol");
        assertThat(FilesResource.authors("<script>", "alice")).isEqualTo("alice");
        assertThat(FilesResource.authors(null, "alice")).isEqualTo("alice");
        assertThat(FilesResource.version(3, "ab".repeat(32))).isEqualTo("v3-abababababababab");
        assertThat(FilesResource.suggestedName("plan.docx", ".pdf")).isEqualTo("plan.pdf");
        assertThat(FilesResource.suggestedName("plan.docx", "copy.docx")).isEqualTo("copy.docx");
        assertThat(FilesResource.suggestedName("plan.docx", "a/b\\c.docx")).isEqualTo("a_b_c.docx");
        assertThat(FilesResource.suggestedName("plan.docx", "..")).isEqualTo("plan..");
        assertThat(FilesResource.suggestedName("plan.docx", "x".repeat(300) + ".docx")).hasSize(255).endsWith(".docx");
    }
}
