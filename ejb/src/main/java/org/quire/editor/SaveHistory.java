package org.quire.editor;

/**
 * The {@code history} object of a save callback ({@code {serverVersion, changes}}), kept as received so it can
 * be handed back to the editor unchanged.
 *
 * @param json          the object as JSON text, at most {@link EditorHistory#MAX_JSON} characters
 * @param serverVersion its {@code serverVersion}, at most 64 characters, or null
 */
public record SaveHistory(String json, String serverVersion) {

    public SaveHistory {
        if (json == null || json.length() > EditorHistory.MAX_JSON) {
            throw new IllegalArgumentException("history JSON missing or over " + EditorHistory.MAX_JSON + " characters");
        }
        if (serverVersion != null && serverVersion.length() > 64) {
            serverVersion = serverVersion.substring(0, 64);
        }
    }
}
