package org.quire.document;

import org.quire.platform.InvalidInputException;

import java.util.Locale;

/**
 * The validated name of a document or folder: 1–255 characters, no {@code /} or {@code \}, no control
 * characters, not {@code .} or {@code ..}, no leading or trailing blanks. Names are unique within a folder
 * ignoring case; {@link #key()} is the form that uniqueness is checked on.
 */
public record ItemName(String value) {

    public static final int MAX_LENGTH = 255;

    public ItemName {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("invalid_name", "A name is required.");
        }
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
