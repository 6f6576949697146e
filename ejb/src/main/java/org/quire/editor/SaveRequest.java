package org.quire.editor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A save reported by the Document Server, reduced to what the core needs: the session's key, whether the
 * session ends with it (final save) or goes on (force-save), who made the changes, and the identity of the
 * delivery ({@code fingerprint}) that makes a second delivery of the same save recognisable.
 *
 * @param status  the callback status (2, 3 final; 6 force-save), part of the delivery's identity
 * @param history the callback's {@code history} object, kept with the version; null when it sent none
 */
public record SaveRequest(DocumentKey key, int status, boolean finalSave, String author, String fingerprint, String comment,
                          SaveHistory history) {

    public SaveRequest(DocumentKey key, int status, boolean finalSave, String author, String fingerprint, String comment) {
        this(key, status, finalSave, author, fingerprint, comment, null);
    }

    /** The delivery identity: {@code lastsave} when the Document Server sent it, else the result's URL. */
    public static String fingerprint(String lastsave, String url) {
        String basis = lastsave != null && !lastsave.isBlank() ? "lastsave:" + lastsave : "url:" + url;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
