package org.quire.editor;

/**
 * The document key of a saved state no editing session was opened on (a force-save intermediate, an upload or
 * a restore never opened in the editor). A version a session started from keeps that session's key
 * ({@link EditorSessionStart}); the others get a key derived from what they are, so every request names them the
 * same way and no two states share one: {@code <document id>.<version>.h<16 hex of its SHA-256>}. The {@code h}
 * part (17 characters) sets these keys apart from issued editor keys, whose last part is 12 random characters.
 */
public final class HistoryKey {

    private HistoryKey() {
    }

    public static DocumentKey of(String documentPublicId, int version, String sha256) {
        if (version < 1 || sha256 == null || sha256.length() < 16) {
            throw new IllegalArgumentException("a version number ≥ 1 and a SHA-256 are needed");
        }
        return new DocumentKey(documentPublicId + "." + version + ".h" + sha256.substring(0, 16));
    }
}
