package org.quire.editor;

import org.junit.jupiter.api.Test;
import org.quire.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditorOperationsTest {

    @Test
    void aRenameFromTheEditorKeepsTheExtension() {
        assertThat(EditorOperations.keepingExtension("report.docx", "Plan")).isEqualTo("Plan.docx");
        assertThat(EditorOperations.keepingExtension("report.docx", "Plan.DOCX")).isEqualTo("Plan.DOCX");
        assertThat(EditorOperations.keepingExtension("report.docx", "Plan.txt")).isEqualTo("Plan.txt.docx");
        assertThat(EditorOperations.keepingExtension("README", "Notes")).isEqualTo("Notes");
    }

    @Test
    void forgottenKeysNameTheirDocumentAndVersion() {
        DocumentKey issued = DocumentKey.issue("AbCdEfGhIjKlMnOpQrSt-_", 7);
        assertThat(EditorOperations.keyParts(issued.value())).hasValueSatisfying(p -> {
            assertThat(p[0]).isEqualTo("AbCdEfGhIjKlMnOpQrSt-_");
            assertThat(p[1]).isEqualTo("7");
        });
        assertThat(EditorOperations.keyParts("someone-elses-key")).isEmpty();
        assertThat(EditorOperations.keyParts("a.b.c")).isEmpty();
        assertThat(EditorOperations.keyParts("bad key/")).isEmpty();
    }

    @Test
    void coEditingModesAreFastOrStrict() {
        assertThat(CoEditingMode.of(" Strict ")).isEqualTo(CoEditingMode.STRICT);
        assertThat(CoEditingMode.FAST.value()).isEqualTo("fast");
        assertThatThrownBy(() -> CoEditingMode.of("live")).isInstanceOf(InvalidInputException.class);
    }
}
