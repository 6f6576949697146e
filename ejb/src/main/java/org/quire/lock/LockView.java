package org.quire.lock;

import java.time.LocalDateTime;

/** A snapshot of a lock, safe to hand to the web layer. */
public record LockView(LockKind kind, String holder, String lockId, LocalDateTime acquired, LocalDateTime expires) {
}
