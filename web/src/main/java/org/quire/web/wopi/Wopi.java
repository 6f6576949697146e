package org.quire.web.wopi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The protocol's strings in one place (WOPI.md §2): header names and X-WOPI-Override values. */
public final class Wopi {

    private Wopi() {
    }

    public static final String ACCESS_TOKEN = "access_token";

    /**
     * The one reading of the {@code access_token} query parameter for authentication: the value as sent when it is
     * not blank; null when absent, blank or malformed.
     */
    public static String accessToken(String query) {
        String value = accessTokenAsSent(query);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The first {@code access_token} query parameter exactly as sent, URL-decoded, even when empty (a proof signs the
     * token as sent, an empty one included, so a valid proof over an empty token is a 401, not a proof failure); null
     * when absent or malformed. Read from the raw query string by hand, because {@code getParameter} would consume a
     * form body.
     */
    public static String accessTokenAsSent(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq >= 0 && ACCESS_TOKEN.equals(pair.substring(0, eq))) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    public static final String OVERRIDE = "X-WOPI-Override";
    public static final String LOCK = "X-WOPI-Lock";
    public static final String OLD_LOCK = "X-WOPI-OldLock";
    public static final String LOCK_FAILURE_REASON = "X-WOPI-LockFailureReason";
    public static final String ITEM_VERSION = "X-WOPI-ItemVersion";
    public static final String MAX_EXPECTED_SIZE = "X-WOPI-MaxExpectedSize";
    public static final String EDITORS = "X-WOPI-Editors";
    public static final String REQUESTED_NAME = "X-WOPI-RequestedName";
    public static final String INVALID_FILE_NAME_ERROR = "X-WOPI-InvalidFileNameError";
    public static final String SUGGESTED_TARGET = "X-WOPI-SuggestedTarget";
    public static final String RELATIVE_TARGET = "X-WOPI-RelativeTarget";
    public static final String OVERWRITE_RELATIVE_TARGET = "X-WOPI-OverwriteRelativeTarget";
    public static final String VALID_RELATIVE_TARGET = "X-WOPI-ValidRelativeTarget";
    public static final String SERVER_ERROR = "X-WOPI-ServerError";

    /** X-WOPI-Override values. UnlockAndRelock is {@link #OVERRIDE_LOCK} with an {@link #OLD_LOCK} header, not a value of its own. */
    public static final String OVERRIDE_LOCK = "LOCK";
    public static final String OVERRIDE_UNLOCK = "UNLOCK";
    public static final String OVERRIDE_REFRESH_LOCK = "REFRESH_LOCK";
    public static final String OVERRIDE_GET_LOCK = "GET_LOCK";
    public static final String OVERRIDE_PUT = "PUT";
    public static final String OVERRIDE_PUT_RELATIVE = "PUT_RELATIVE";
    public static final String OVERRIDE_RENAME_FILE = "RENAME_FILE";
    public static final String OVERRIDE_DELETE = "DELETE";
    public static final String OVERRIDE_PUT_USER_INFO = "PUT_USER_INFO";

    /** Lock ids are opaque strings of at most 1024 characters (SupportsExtendedLockLength). */
    public static final int MAX_LOCK_LENGTH = 1024;
    /** WOPI's default when CheckFileInfo does not say otherwise; Quire's limit is a whole name of 255. */
    public static final int MAX_NAME_LENGTH = 255;
}
