package org.quire.tree;

import org.quire.platform.InvalidInputException;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The validated name of a document or folder, the one rule every route (REST, browser uploads, the editors'
 * rename and Save Copy As, WOPI) goes through: stored in Unicode NFC (normalised here, on the way in, so a
 * composed and a decomposed "é" are one name); 1–255 characters, no {@code /} or {@code \}, no control
 * characters, no invisible format characters (Unicode category Cf: the bidirectional controls U+202A–U+202E and
 * U+2066–U+2069 that make {@code invoice\u202Excod.exe} display as {@code invoiceexe.docx}, the zero-width
 * characters U+200B–U+200F, U+FEFF …), not {@code .} or {@code ..}, no leading or trailing blanks. Names are
 * unique within a folder ignoring case; {@link #key()} is the form that uniqueness is checked on.
 */
public record ItemName(String value) {

    public static final int MAX_LENGTH = 255;

    public ItemName {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("invalid_name", "A name is required.");
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInputException("invalid_name", "A name has at most " + MAX_LENGTH + " characters.");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidInputException("invalid_name", "'.' and '..' are not valid names.");
        }
        if (!value.equals(value.strip())) {
            throw new InvalidInputException("invalid_name", "A name cannot start or end with blanks.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\') {
                throw new InvalidInputException("invalid_name", "A name cannot contain '/' or '\\'.");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidInputException("invalid_name", "A name cannot contain control characters.");
            }
        }
        value.codePoints().filter(ItemName::isInvisibleFormat).findFirst().ifPresent(c -> {
            throw new InvalidInputException("invalid_name", String.format(
                    "A name cannot contain invisible or text-direction characters (U+%04X): they make a name display as another.", c));
        });
    }

    /** Unicode format characters (Cf): bidirectional controls, zero-width characters, the byte-order mark, tags. */
    public static boolean isInvisibleFormat(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT;
    }

    /**
     * {@code raw} with separators and control characters replaced by {@code _} and blanks stripped, for routes that
     * pick a name rather than refuse one (the editor's Save Copy As title, WOPI's PutRelativeFile in suggested mode).
     * Invisible format characters are left in, so the name is still refused: a name that lies is not repaired
     * unless the protocol asks for it ({@link #withoutInvisible}). The result may still be refused (empty, too
     * long, {@code ..}): callers fall back or shorten.
     */
    public static String cleaned(String raw) {
        StringBuilder clean = new StringBuilder();
        raw.codePoints().map(c -> c == '/' || c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '_' : c)
                .forEach(clean::appendCodePoint);
        return clean.toString().strip();
    }

    /** {@code raw} without its invisible format characters (WOPI's suggested mode: the host makes the name legal). */
    public static String withoutInvisible(String raw) {
        StringBuilder visible = new StringBuilder();
        raw.codePoints().filter(c -> !isInvisibleFormat(c)).forEach(visible::appendCodePoint);
        return visible.toString();
    }

    public static ItemName of(String value) {
        return new ItemName(value);
    }

    /** The case-insensitive key that must be unique within a folder. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** The extension without the dot, lower-case; empty when there is none. */
    public String extension() {
        int dot = value.lastIndexOf('.');
        return dot <= 0 || dot == value.length() - 1 ? "" : value.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
