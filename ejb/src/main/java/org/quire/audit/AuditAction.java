package org.quire.audit;

/** What an audit row records. Stable names: audit searches and reports filter on them. */
public enum AuditAction {
    USER_CREATED, GROUP_CREATED, GROUP_MEMBER_ADDED,
    FOLDER_CREATED, FOLDER_RENAMED, FOLDER_MOVED, FOLDER_TRASHED, FOLDER_RESTORED,
    DOCUMENT_CREATED, DOCUMENT_VERSION_ADDED, DOCUMENT_RENAMED, DOCUMENT_MOVED,
    DOCUMENT_TRASHED, DOCUMENT_RESTORED, VERSION_RESTORED,
    UPLOAD_REJECTED,
    ACCESS_DENIED, ADMIN_OVERRIDE, ACL_CHANGED,
    LOCK_ACQUIRED, LOCK_REFRESHED, LOCK_REPLACED, LOCK_RELEASED, LOCK_EXPIRED, LOCK_FORCE_RELEASED, LOCK_CONFLICT,
    WOPI_PROOF_REJECTED,
    EDITOR_JOINED, EDITOR_LEFT, EDITOR_SESSION_CLOSED, EDITOR_SAVED, EDITOR_SAVE_FAILED, CALLBACK_REJECTED,
    TOKEN_REJECTED, UNTRUSTED_SOURCE_REJECTED,
    /** A directory (LDAP) user's memberships in directory groups followed the directory; detail: joined, left. */
    DIRECTORY_GROUPS_CHANGED,
    /** A directory (LDAP) user's display name, e-mail or admin role followed the directory; detail: what changed. */
    DIRECTORY_USER_UPDATED,
    /** A command sent to the Document Server's command service (info, forcesave, drop, meta); detail: command, key, answer. */
    ONLYOFFICE_COMMAND,
    /** A Document Server command that failed or was refused there; detail: command, key, error code and message. */
    ONLYOFFICE_COMMAND_FAILED,
    /** A document converted by the Document Server into a new document; target: the new document. */
    DOCUMENT_CONVERTED,
    /** A forgotten file of the Document Server stored as a new version of its document; detail: the key. */
    FORGOTTEN_FILE_IMPORTED,
    /** A forgotten file deleted on the Document Server; detail: the key. */
    FORGOTTEN_FILE_DELETED,
    /** The per-document co-editing mode changed; detail: old -> new (none = the administrators' default). */
    CO_EDITING_MODE_CHANGED,
    /** Administrators changed settings (admin/settings); detail: the keys, with old -> new except for secrets. */
    SETTINGS_CHANGED,
    /** A user's name, e-mail, disabled flag, admin role or groups changed by an administrator; detail: what changed. */
    USER_UPDATED,
    /** A group's members set by an administrator; detail: added, removed. */
    GROUP_MEMBERS_CHANGED,
    /** A document purged from the trash for good (rows deleted); detail: name, versions, blobs to delete. */
    DOCUMENT_PURGED,
    /** A folder purged from the trash for good with its whole subtree; detail: counts, names. */
    FOLDER_PURGED,
    /** Blob files deleted from the content store after a purge (no version referenced them); detail: the hashes. */
    BLOBS_DELETED,
    /** A content scrub was started by an administrator. */
    CONTENT_SCRUB_STARTED,
    /** A content scrub finished; detail: checked, corrupt and missing blobs. */
    CONTENT_SCRUB_FINISHED,
    /** A database backup written (scheduled or by an administrator); target: the backup's name; detail: rows, blobs. */
    DATABASE_BACKED_UP,
    /** A database backup that failed; detail: why. */
    DATABASE_BACKUP_FAILED,
    /** A sign-in through the login form; target: the login tried. No password is ever recorded. */
    LOGIN_SUCCEEDED,
    /** A refused sign-in through the login form; target: the login tried; detail: why (never the password). */
    LOGIN_FAILED,
    /**
     * A login or a client address locked after too many failed sign-ins (a guessing run); target: {@code login:<login>}
     * or {@code address:<address>}; detail: the failures and until when.
     */
    SIGN_IN_LOCKED,
    /** An administrator cleared a login's or an address's failed sign-ins (and its lock); target and detail as above. */
    SIGN_IN_CLEARED,
    /** A signed-in browser session ended by its user. */
    LOGOUT,
    /** A session-authenticated write without the session's X-CSRF-Token (missing or wrong); nothing was changed. */
    CSRF_REJECTED,
    /**
     * A request refused as invalid before it changed anything (a name with a separator or a control character, a
     * lock id over 1024 characters, a malformed body, …); target: method and path; detail: the error and why.
     */
    INPUT_REJECTED,
    /**
     * At start-up: live names of one folder that are the same once Unicode-normalised (NFC) and case-folded (rows
     * written before names were normalised), and names holding invisible or text-direction characters (written
     * before those were refused); nothing is renamed. Detail: how many, the first groups (ids and names).
     */
    NAME_COLLISIONS_FOUND
}
