package org.quire.content;

import java.io.IOException;

/**
 * The content store's file system has less usable space than its floor ({@code quire.storage.min-free-mb}):
 * nothing was stored. The floor keeps room for the database, the logs and the operating system that usually share
 * the disk — a full disk would take them down too and turn one refused upload into an outage.
 */
public class StoreFullException extends IOException {

    private final long usable;
    private final long floor;

    public StoreFullException(long usable, long floor) {
        super("the content store has " + usable + " bytes of usable space, below its floor of " + floor);
        this.usable = usable;
        this.floor = floor;
    }

    public long usable() {
        return usable;
    }

    public long floor() {
        return floor;
    }
}
