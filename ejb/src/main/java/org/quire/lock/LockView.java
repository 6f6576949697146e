package org.quire.lock;

import java.time.LocalDateTime;

/** A snapshot of a lock, safe to hand to the web layer. */
public record LockView(LockKind kind, String holder, String lockId, LocalDateTime acquired, LocalDateTime expires) {

    /**
     * Whether an ONLYOFFICE editing session of {@code login} may save over this lock: an editor session's lock is the
     * one it joins, and {@code login}'s own check-out admits it; a WOPI lock or another user's check-out does not
     * (the editor then opens read-only, since a save would be refused).
     */
    public boolean admitsEditorSessionOf(String login) {
        return kind == LockKind.EDITOR_SESSION || (kind == LockKind.CHECKOUT && holder.equals(login));
    }
}
