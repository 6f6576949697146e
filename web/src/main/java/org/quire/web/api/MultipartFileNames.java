package org.quire.web.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A multipart part's file name as the browser meant it. Browsers send the name in the part's Content-Disposition
 * as raw UTF-8 (HTML's form encoding); the JAX-RS runtime reads header bytes as ISO-8859-1, so "Café" arrives as
 * "CafÃ©". A name whose characters are all bytes and whose bytes are valid UTF-8 (with at least one non-ASCII one) is
 * decoded as UTF-8; any other name — ASCII, or a real ISO-8859-1 name, which is almost never valid UTF-8 — is kept.
 */
final class MultipartFileNames {

    private MultipartFileNames() {
    }

    static String asSent(String fromHeader) {
        if (fromHeader == null || fromHeader.chars().anyMatch(c -> c > 0xFF) || fromHeader.chars().noneMatch(c -> c >= 0x80)) {
            return fromHeader;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(fromHeader.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return fromHeader;
        }
    }
}
