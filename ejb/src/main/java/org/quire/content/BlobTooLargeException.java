package org.quire.content;

import java.io.IOException;

/** The content is longer than the caller allowed; nothing was stored. */
public class BlobTooLargeException extends IOException {

    private final long limit;

    public BlobTooLargeException(long limit) {
        super("content exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
