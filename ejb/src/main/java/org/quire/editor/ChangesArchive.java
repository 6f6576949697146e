package org.quire.editor;

import java.io.InputStream;

/**
 * Where the changes archive of a save ({@code changesurl}) comes from. The web module opens it (the core has no
 * HTTP); {@link EditorSessionService#save} streams it into the content store outside any transaction. A failure
 * to open or read it costs the history its highlighting, never the save.
 */
@FunctionalInterface
public interface ChangesArchive {

    /** Opens the archive; the caller closes the stream. Any exception means "not available" (the reason is audited). */
    InputStream open() throws Exception;
}
