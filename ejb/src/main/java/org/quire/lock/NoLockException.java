package org.quire.lock;

import org.quire.platform.ConflictException;

/** A refresh, release or check-in found no live lock on the document. */
public class NoLockException extends ConflictException {

    public NoLockException() {
        super("not_locked", "The document is not locked.");
    }
}
