package org.quire.web.onlyoffice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversionTargetsTest {

    private final FormatMatrix formats = new FormatMatrix();
    private final ConversionTargets targets = new ConversionTargets();

    @Test
    void legacyFormatsConvertToTheOoxmlFormatOfTheirEditor() {
        assertThat(targets.ooxmlTarget(formats.of("old.doc").orElseThrow())).contains("docx");
        assertThat(targets.ooxmlTarget(formats.of("old.xls").orElseThrow())).contains("xlsx");
        assertThat(targets.ooxmlTarget(formats.of("old.ppt").orElseThrow())).contains("pptx");
        assertThat(targets.ooxmlTarget(formats.of("notes.odt").orElseThrow())).contains("docx");
        assertThat(targets.ooxmlTarget(formats.of("data.csv").orElseThrow())).contains("xlsx");
        assertThat(targets.ooxmlTarget(formats.of("report.docx").orElseThrow())).as("already OOXML").isEmpty();
        assertThat(targets.converts("docx", "pdf")).isTrue();
        assertThat(targets.converts("DOCX", "PDF")).isTrue();
        assertThat(targets.converts("docx", "xlsx")).isFalse();
        assertThat(targets.targetsOf("zip")).isEmpty();
    }
}
