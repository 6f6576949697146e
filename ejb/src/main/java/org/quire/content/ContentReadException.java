package org.quire.content;

import java.io.IOException;

/** Reading the incoming content failed (the client went away or sent a broken body); nothing was stored. */
public class ContentReadException extends IOException {

    public ContentReadException(IOException cause) {
        super("reading the content failed: " + cause.getMessage(), cause);
    }
}
