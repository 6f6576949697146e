package org.quire.platform;

/** A write refused because the content store's disk is below its free-space floor; nothing was stored. REST: 507. */
public class StorageFullException extends QuireException {

    public StorageFullException(String message) {
        super("storage_full", message);
    }

    @Override
    public Kind kind() {
        return Kind.STORAGE_FULL;
    }
}
