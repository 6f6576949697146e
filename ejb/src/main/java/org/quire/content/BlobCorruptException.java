package org.quire.content;

import java.io.IOException;

/** Stored or received content does not match its expected hash or length. */
public class BlobCorruptException extends IOException {

    public BlobCorruptException(String message) {
        super(message);
    }
}
