package org.quire.web.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartFileNamesTest {

    static String asReadByTheRuntime(String sent) {
        return new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8NamesReadAsLatin1AreRepaired() {
        for (String name : new String[]{"Caf\u00e9 \u00fcber.txt", "Cafe\u0301.txt", "\u62a5\u544a.docx", "invoice\u202Excod.exe"}) {
            assertThat(MultipartFileNames.asSent(asReadByTheRuntime(name))).isEqualTo(name);
        }
    }

    @Test
    void asciiLatin1AndAlreadyDecodedNamesAreKept() {
        assertThat(MultipartFileNames.asSent("report.docx")).isEqualTo("report.docx");
        assertThat(MultipartFileNames.asSent("\u00dcbersicht.xlsx")).isEqualTo("\u00dcbersicht.xlsx"); // ISO-8859-1 "Ü": not UTF-8
        assertThat(MultipartFileNames.asSent("\u62a5\u544a.docx")).isEqualTo("\u62a5\u544a.docx");
        assertThat(MultipartFileNames.asSent(null)).isNull();
    }
}
