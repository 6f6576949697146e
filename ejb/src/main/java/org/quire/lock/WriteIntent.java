package org.quire.lock;

/**
 * Who is about to write, and with which lock in hand. A write is allowed when the document has no live lock,
 * or when the intent holds that lock: the same WOPI lock string, the same editor-session key, or (REST) the
 * caller's own check-out.
 * <p>
 * {@code editorSave}: the content comes from an editor (WOPI PutFile, ONLYOFFICE save) that enforced the user's
 * mode, so any of {@link org.quire.acl.Permission#EDITOR_CONTRIBUTIONS} lets it be stored, not only WRITE.
 */
public record WriteIntent(LockKind kind, String lockId, String user, boolean lockRequiredUnlessEmpty, boolean editorSave) {

    public WriteIntent(LockKind kind, String lockId, String user) {
        this(kind, lockId, user, false, false);
    }

    public static WriteIntent rest(String user) {
        return new WriteIntent(LockKind.CHECKOUT, null, user);
    }

    public static WriteIntent wopi(String lockId, String user) {
        return new WriteIntent(LockKind.WOPI, lockId, user);
    }

    /**
     * A WOPI PutFile: it needs the document's WOPI lock ({@code lockId}, may be null when the client sent none),
     * except on an unlocked document whose current content is empty (WOPI's create-new flow).
     */
    public static WriteIntent wopiPutFile(String lockId, String user) {
        return new WriteIntent(LockKind.WOPI, lockId, user, true, true);
    }

    public static WriteIntent editorSession(String documentKey, String user) {
        return new WriteIntent(LockKind.EDITOR_SESSION, documentKey, user, false, true);
    }

    boolean holds(DocumentLock lock) {
        if (lock.getKind() != kind) {
            return false;
        }
        return kind == LockKind.CHECKOUT ? lock.getHolder().equals(user) : lock.getLockId().equals(lockId);
    }
}
