package org.quire.tree;

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

    /** Names that lie (issue 20): "invoice\u202Excod.exe" displays as "invoiceexe.docx". */
    @ParameterizedTest
    @ValueSource(strings = {"invoice\u202Excod.exe", "a\u202Ab", "a\u202Bb", "a\u202Cb", "a\u202Db", "a\u2066b", "a\u2067b", "a\u2068b",
            "a\u2069b", "zero\u200Bwidth", "a\u200Cb", "a\u200Db", "lrm\u200E.txt", "rlm\u200F.txt", "\uFEFFbom.txt", "soft\u00ADhyphen",
            "arabic\u061Cmark", "tag\uDB40\uDC01.txt"})
    void refusesBidiControlsAndInvisibleFormatCharacters(String lying) {
        assertThatThrownBy(() -> ItemName.of(lying)).isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("invalid_name");
        assertThatThrownBy(() -> ItemName.of(lying)).hasMessageContaining("U+");
    }

    @Test
    void everyFormatCharacterIsRefusedAndNothingElseForThatReason() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.getType(c) == Character.FORMAT) {
                int codePoint = c;
                assertThatThrownBy(() -> ItemName.of("a" + Character.toString(codePoint) + "b")).as("U+%04X", c).isInstanceOf(InvalidInputException.class);
            }
        }
        assertThat(ItemName.of("日本語 العربية עברית 🙂.docx").value()).isEqualTo("日本語 العربية עברית 🙂.docx");
    }

    @Test
    void namesAreStoredInNfcSoComposedAndDecomposedAreOneName() {
        String composed = "caf\u00E9.docx";
        String decomposed = "cafe\u0301.docx";
        assertThat(ItemName.of(decomposed).value()).isEqualTo(composed);
        assertThat(ItemName.of(decomposed).key()).isEqualTo(ItemName.of(composed).key());
        assertThat(ItemName.of("CAFE\u0301.DOCX").key()).isEqualTo(ItemName.of(composed).key());
        assertThat(ItemName.of("\u212B.txt").value()).isEqualTo("\u00C5.txt"); // the Ångström sign is NFC Å
    }

    @Test
    void cleaningReplacesSeparatorsButLeavesLiesToBeRefused() {
        assertThat(ItemName.cleaned(" a/b\\c\u0001d ")).isEqualTo("a_b_c_d");
        assertThat(ItemName.cleaned("x\u202Ey")).isEqualTo("x\u202Ey");
        assertThatThrownBy(() -> ItemName.of(ItemName.cleaned("x\u202Ey"))).isInstanceOf(InvalidInputException.class);
        assertThat(ItemName.withoutInvisible("invoice\u202Excod.exe")).isEqualTo("invoicexcod.exe");
        assertThat(ItemName.withoutInvisible("\uFEFFa\u200Bb\uDB40\uDC01")).isEqualTo("ab");
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
