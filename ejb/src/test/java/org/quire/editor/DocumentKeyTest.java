package org.quire.editor;

import org.junit.jupiter.api.Test;
import org.quire.platform.InvalidInputException;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The document-key rules of docs/ARCHITECTURE.md, "ONLYOFFICE API route". */
class DocumentKeyTest {

    private static final String DOCUMENT = "AbC-dEf_0123456789xyzQ"; // a public id: 22 URL-safe characters

    @Test
    void issuedKeysUseOnlyTheAllowedCharactersAndFit() {
        DocumentKey key = DocumentKey.issue(DOCUMENT, 123456);
        assertThat(key.value()).matches("[0-9A-Za-z._=-]+").hasSizeLessThanOrEqualTo(128).startsWith(DOCUMENT + ".123456.");
    }

    @Test
    void everyIssueIsANewKeyEvenForTheSameVersion() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(DocumentKey.issue(DOCUMENT, 7).value());
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void keysOfDifferentDocumentsNeverCollide() {
        assertThat(DocumentKey.issue("A".repeat(22), 1).value()).isNotEqualTo(DocumentKey.issue("B".repeat(22), 1).value());
    }

    @Test
    void invalidKeysAreRefused() {
        for (String bad : new String[]{null, "", "a b", "a/b", "a+b", "ключ", "x".repeat(129), "a\nb"}) {
            assertThat(DocumentKey.isValid(bad)).as("%s", bad).isFalse();
        }
        assertThatThrownBy(() -> new DocumentKey("a/b")).isInstanceOf(InvalidInputException.class);
        assertThat(DocumentKey.isValid("x".repeat(128))).isTrue();
        assertThat(DocumentKey.isValid("aZ09._=-")).isTrue();
    }

    @Test
    void theDeliveryFingerprintPrefersLastsaveAndIsStable() {
        String a = SaveRequest.fingerprint("2025-01-02T14:04:08.000Z", "http://ds/cache/1");
        assertThat(a).isEqualTo(SaveRequest.fingerprint("2025-01-02T14:04:08.000Z", "http://ds/cache/2")).hasSize(64);
        assertThat(SaveRequest.fingerprint(null, "http://ds/cache/1")).isNotEqualTo(SaveRequest.fingerprint(null, "http://ds/cache/2"));
    }
}
