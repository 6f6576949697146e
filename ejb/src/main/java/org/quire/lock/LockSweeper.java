package org.quire.lock;

import jakarta.ejb.Schedule;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/** Clears expired locks every minute (they already count as absent; this keeps the table and the audit log honest). */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER) // one sweep at a time (the default write lock)
public class LockSweeper {

    private static final Logger LOG = Logger.getLogger(LockSweeper.class.getName());

    @Inject
    LockService locks;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void sweep() {
        int removed = locks.sweep();
        if (removed > 0) {
            LOG.info(() -> "Removed " + removed + " expired locks");
        }
    }
}
