package org.quire.web.wopi;

import java.util.Map;

/**
 * A refusal in WOPI's terms: the status and the protocol headers of the answer. The subclasses name the
 * protocol's cases; {@link WopiErrorMapper} turns them (and the core's exceptions) into responses.
 */
public class WopiException extends RuntimeException {

    private final int status;
    private final transient Map<String, String> headers;

    protected WopiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** 401: missing, forged, expired token, or a token for another file, or one that does not grant the operation. */
    public static class InvalidToken extends WopiException {
        public InvalidToken(String message) {
            super(401, message, Map.of());
        }
    }

    /** 400: a malformed request (missing or over-long lock id, conflicting headers). */
    public static class BadRequest extends WopiException {
        public BadRequest(String message) {
            super(400, message, Map.of());
        }
    }

    /** 400 + X-WOPI-InvalidFileNameError: RenameFile / PutRelativeFile with a name Quire cannot take. */
    public static class InvalidFileName extends WopiException {
        public InvalidFileName(String reason) {
            super(400, reason, Map.of(Wopi.INVALID_FILE_NAME_ERROR, reason));
        }
    }

    /** 409 + X-WOPI-Lock: the current lock ("" when there is none or it is not a WOPI lock). */
    public static class LockMismatch extends WopiException {
        public LockMismatch(String currentLock, String reason) {
            super(409, reason, Map.of(Wopi.LOCK, currentLock, Wopi.LOCK_FAILURE_REASON, reason));
        }
    }

    /** 409: PutRelativeFile in specific mode onto an existing file without permission to overwrite it. */
    public static class TargetExists extends WopiException {
        public TargetExists() {
            super(409, "The target file exists.", Map.of(Wopi.LOCK, "", Wopi.LOCK_FAILURE_REASON, "target exists"));
        }
    }

    /** 412: GetFile of a file larger than X-WOPI-MaxExpectedSize. */
    public static class TooLargeForClient extends WopiException {
        public TooLargeForClient(long size, long max) {
            super(412, "The file has " + size + " bytes, more than the " + max + " the client accepts.", Map.of());
        }
    }

    /** 501: an operation Quire does not implement (or an unknown X-WOPI-Override). */
    public static class NotImplemented extends WopiException {
        public NotImplemented(String what) {
            super(501, what + " is not supported.", Map.of());
        }
    }
}
