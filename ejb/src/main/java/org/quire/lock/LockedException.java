package org.quire.lock;

import org.quire.platform.ConflictException;

/** Another party holds the document's lock; the answer names the lock (kind, holder, expiry). */
public class LockedException extends ConflictException {

    private final transient LockView lock;

    public LockedException(LockView lock) {
        super("locked", "The document is locked (" + lock.kind() + " by " + lock.holder()
                + (lock.expires() == null ? "" : ", until " + lock.expires() + "Z") + ").");
        this.lock = lock;
    }

    public LockView lock() {
        return lock;
    }
}
