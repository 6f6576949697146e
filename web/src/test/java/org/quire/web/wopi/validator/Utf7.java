package org.quire.web.wopi.validator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-7 exactly as the validator's .NET {@code Encoding.UTF7} writes it (WOPI.md §1.6, §1.17): only RFC 2152
 * Set D and space/TAB/CR/LF are written directly; everything else (Set O such as {@code _}, {@code \}, {@code ~},
 * non-ASCII) goes into {@code +<modified base64 of UTF-16BE>-}; {@code +} itself becomes {@code +-}.
 * A base64 run is closed with {@code -} when the next character is a base64 character or {@code -}, and always
 * at the end of the string (what .NET's flush does). No JDK charset does this, and jutf7's "UTF-7" charset
 * differs in when it writes the terminator; the decoder is only used by the tests.
 */
final class Utf7 {

    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String DIRECT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:? \t\r\n";

    private Utf7() {
    }

    static boolean direct(char c) {
        return DIRECT.indexOf(c) >= 0;
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        int bits = 0;
        int bitCount = -1; // -1: not in a base64 run
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (direct(c)) {
                if (bitCount >= 0) {
                    if (bitCount > 0) {
                        out.append(BASE64.charAt((bits << (6 - bitCount)) & 0x3F));
                    }
                    if (BASE64.indexOf(c) >= 0 || c == '-') {
                        out.append('-');
                    }
                    bitCount = -1;
                }
                out.append(c);
            } else if (c == '+' && bitCount < 0) {
                out.append("+-");
            } else {
                if (bitCount < 0) {
                    out.append('+');
                    bitCount = 0;
                    bits = 0;
                }
                bits = (bits << 16) | c;
                bitCount += 16;
                while (bitCount >= 6) {
                    bitCount -= 6;
                    out.append(BASE64.charAt((bits >> bitCount) & 0x3F));
                }
                bits &= (1 << bitCount) - 1;
            }
        }
        if (bitCount >= 0) {
            if (bitCount > 0) {
                out.append(BASE64.charAt((bits << (6 - bitCount)) & 0x3F));
            }
            out.append('-');
        }
        return out.toString();
    }

    /** RFC 2152 decoding (what a host must do with X-WOPI-SuggestedTarget/RelativeTarget/RequestedName). */
    static String decode(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i < s.length() && s.charAt(i) == '-') {
                out.append('+');
                i++;
                continue;
            }
            ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
            int bits = 0;
            int bitCount = 0;
            while (i < s.length() && BASE64.indexOf(s.charAt(i)) >= 0) {
                bits = (bits << 6) | BASE64.indexOf(s.charAt(i));
                bitCount += 6;
                if (bitCount >= 8) {
                    bitCount -= 8;
                    utf16.write((bits >> bitCount) & 0xFF);
                }
                i++;
            }
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            out.append(new String(utf16.toByteArray(), StandardCharsets.UTF_16BE));
        }
        return out.toString();
    }
}
