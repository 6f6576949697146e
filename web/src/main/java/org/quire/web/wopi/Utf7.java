package org.quire.web.wopi;

import com.beetstra.jutf7.CharsetProvider;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * WOPI clients send file names (X-WOPI-RequestedName, X-WOPI-SuggestedTarget, X-WOPI-RelativeTarget) in UTF-7
 * (RFC 2152). The JDK has no UTF-7 charset; jutf7's provider is asked directly, since a WAR's charset providers
 * are not visible to {@code Charset.forName}.
 */
public final class Utf7 {

    private static final Charset UTF7 = new CharsetProvider().charsetForName("UTF-7");

    private Utf7() {
    }

    /** The decoded text; empty when the header is not valid UTF-7 (or not ASCII at all). */
    public static Optional<String> decode(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) > 0x7F) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(UTF7.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII))).toString());
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String encode(String text) {
        return new String(text.getBytes(UTF7), StandardCharsets.US_ASCII);
    }
}
