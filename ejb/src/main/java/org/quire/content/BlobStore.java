package org.quire.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed storage of immutable blobs. A blob is visible only once it is complete, durable
 * and its hash known; a write that fails half-way leaves nothing visible.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into the store. Identical content is stored once.
     *
     * @param maxBytes the write is refused with {@link BlobTooLargeException} as soon as more bytes arrive
     * @param expectedSha256 when not null, the write is refused with {@link BlobCorruptException} unless the content hashes to it
     */
    BlobRef put(InputStream in, long maxBytes, String expectedSha256) throws IOException;

    /** Opens the blob for reading; the stream fails if the stored length differs from {@code ref.size()}. */
    InputStream open(BlobRef ref) throws IOException;

    boolean exists(BlobRef ref);

    /** Removes temp files left by writes that never finished (a crash), older than the given age. */
    int removeStaleTempFiles(java.time.Duration olderThan) throws IOException;
}
