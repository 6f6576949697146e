package org.quire.web.onlyoffice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatMatrixTest {

    private final FormatMatrix formats = new FormatMatrix();

    @Test
    void editorsAndEditabilityComeFromTheMatrix() {
        assertThat(formats.of("Report.DOCX")).hasValueSatisfying(f -> {
            assertThat(f.documentType()).isEqualTo("word");
            assertThat(f.editable()).isTrue();
        });
        assertThat(formats.of("a.xlsx").orElseThrow().documentType()).isEqualTo("cell");
        assertThat(formats.of("a.pptx").orElseThrow().documentType()).isEqualTo("slide");
        assertThat(formats.of("old.doc").orElseThrow().editable()).isFalse();
        assertThat(formats.of("old.doc").orElseThrow().viewable()).isTrue();
        assertThat(formats.of("notes.odt").orElseThrow().editable()).isFalse(); // lossy-edit opens for viewing
        assertThat(formats.of("archive.zip").filter(FormatMatrix.Format::viewable)).isEmpty();
        assertThat(formats.of("noextension")).isEmpty();
    }
}
