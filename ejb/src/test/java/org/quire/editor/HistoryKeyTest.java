package org.quire.editor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of older versions in the editor's history (docs/ARCHITECTURE.md, "ONLYOFFICE history"). */
class HistoryKeyTest {

    private static final String DOCUMENT = "AbC-dEf_0123456789xyzQ";
    private static final String SHA_A = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String SHA_B = "ffffffffffffffff000000000000000000000000000000000000000000000000";

    @Test
    void theSameSavedStateAlwaysGetsTheSameValidKey() {
        DocumentKey key = HistoryKey.of(DOCUMENT, 3, SHA_A);
        assertThat(key).isEqualTo(HistoryKey.of(DOCUMENT, 3, SHA_A));
        assertThat(key.value()).isEqualTo(DOCUMENT + ".3.h0f1e2d3c4b5a6978").matches("[0-9A-Za-z._=-]{1,128}");
    }

    @Test
    void differentVersionsDocumentsOrContentGetDifferentKeys() {
        DocumentKey key = HistoryKey.of(DOCUMENT, 3, SHA_A);
        assertThat(HistoryKey.of(DOCUMENT, 4, SHA_A)).isNotEqualTo(key);
        assertThat(HistoryKey.of("AbC-dEf_0123456789xyzR", 3, SHA_A)).isNotEqualTo(key);
        assertThat(HistoryKey.of(DOCUMENT, 3, SHA_B)).isNotEqualTo(key);
    }

    @Test
    void historyKeysNeverLookLikeIssuedEditorKeys() {
        // issued keys end in 12 random characters; history keys in "h" + 16 hex digits
        String issuedTail = DocumentKey.issue(DOCUMENT, 3).value().substring((DOCUMENT + ".3.").length());
        String historyTail = HistoryKey.of(DOCUMENT, 3, SHA_A).value().substring((DOCUMENT + ".3.").length());
        assertThat(issuedTail).hasSize(12);
        assertThat(historyTail).hasSize(17).startsWith("h");
    }

    @Test
    void longVersionNumbersStillFitAndNonsenseIsRefused() {
        assertThat(HistoryKey.of(DOCUMENT, Integer.MAX_VALUE, SHA_A).value()).hasSizeLessThanOrEqualTo(DocumentKey.MAX_LENGTH);
        assertThatThrownBy(() -> HistoryKey.of(DOCUMENT, 0, SHA_A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryKey.of(DOCUMENT, 1, "abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
