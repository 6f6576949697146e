package org.quire.editor;

import org.quire.platform.InvalidInputException;

import java.util.Locale;

/** ONLYOFFICE's co-editing modes ({@code editorConfig.coEditing.mode}): changes shown live, or held until the user saves. */
public enum CoEditingMode {
    FAST, STRICT;

    /** The value the editor config carries. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CoEditingMode of(String value) {
        if (value != null) {
            for (CoEditingMode m : values()) {
                if (m.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new InvalidInputException("invalid_co_editing_mode", "The co-editing mode is fast or strict (or null for the default).");
    }
}
