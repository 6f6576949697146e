package org.quire.editor;

/**
 * The document key of an older saved state in the editor's version history. The current state keeps its
 * editor key ({@link EditorSessionService#currentKey}); an older version gets a key derived from what it is,
 * so every request names it the same way and no two states share one: {@code <document id>.<version>.h<16 hex
 * of its SHA-256>}. The {@code h} part (17 characters) sets these keys apart from issued editor keys, whose
 * last part is 12 random characters.
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
