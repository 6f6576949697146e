package org.quire.document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quire.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "tab\tname", "new\nline", "nul\u0000", "del\u007f", " lead", "trail ", "sep\u2028"})
    void refusesInvalidNames(String bad) {
        assertThatThrownBy(() -> ItemName.of(bad)).isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("invalid_name");
    }

    @Test
    void refusesNullAndOverlongNames() {
        assertThatThrownBy(() -> ItemName.of(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ItemName.of("x".repeat(256))).isInstanceOf(InvalidInputException.class);
        assertThat(ItemName.of("x".repeat(255)).value()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.docx", "a..b.txt", "...", "Ünïcødé 文件.xlsx", "no extension", ".hidden", "x"})
    void acceptsOrdinaryNames(String good) {
        assertThat(ItemName.of(good).value()).isEqualTo(good);
    }

    @Test
    void keyIgnoresCaseWithoutLocaleSurprises() {
        assertThat(ItemName.of("REPORT.DOCX").key()).isEqualTo(ItemName.of("report.docx").key());
        assertThat(ItemName.of("TITLE.txt").key()).isEqualTo("title.txt"); // not the Turkish dotless i
    }

    @Test
    void extensionIsLowerCaseAndEmptyWhenAbsent() {
        assertThat(ItemName.of("Budget.XLSX").extension()).isEqualTo("xlsx");
        assertThat(ItemName.of("archive.tar.gz").extension()).isEqualTo("gz");
        assertThat(ItemName.of(".profile").extension()).isEmpty();
        assertThat(ItemName.of("README").extension()).isEmpty();
        assertThat(ItemName.of("dot.").extension()).isEmpty();
    }

    @Test
    void mimeTypesComeFromTheExtension() {
        assertThat(MimeTypes.forName(ItemName.of("a.DOCX"))).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(MimeTypes.forName(ItemName.of("a.pdf"))).isEqualTo("application/pdf");
        assertThat(MimeTypes.forName(ItemName.of("a.unknownext"))).isEqualTo(MimeTypes.DEFAULT);
    }
}
