package org.quire.editor;

import org.quire.platform.InvalidInputException;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * An ONLYOFFICE document key: at most 128 characters of {@code 0-9 a-z A-Z . _ = -}. The Document Server uses
 * it for its cache and to join co-editors, so it names one saved state of one document.
 * <p>
 * Issued keys are {@code <document id>.<version>.<12 random base-62 chars>}: the document id makes them unique
 * across every integrator sharing the Document Server, the version helps reading logs, the random part makes a
 * new key for the same version possible (a final save with nothing modified must still rotate the key).
 */
public record DocumentKey(String value) {

    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z._=-]{1," + MAX_LENGTH + "}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public DocumentKey {
        if (!isValid(value)) {
            throw new InvalidInputException("invalid_key", "A document key is 1–128 characters of 0-9 a-z A-Z . _ = -.");
        }
    }

    public static boolean isValid(String value) {
        return value != null && ALLOWED.matcher(value).matches();
    }

    /** A fresh key for {@code version} of the document with the given public id. */
    public static DocumentKey issue(String documentPublicId, int version) {
        StringBuilder random = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            random.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        String prefix = documentPublicId + "." + version + ".";
        return new DocumentKey(prefix + random);
    }

    @Override
    public String toString() {
        return value;
    }
}
