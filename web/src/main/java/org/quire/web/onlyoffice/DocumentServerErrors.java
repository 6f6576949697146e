package org.quire.web.onlyoffice;

import org.quire.platform.QuireException.Kind;

import java.time.Duration;

/**
 * The Document Server's error codes (ONLYOFFICE-API.md §4.1 command service, §4.2 conversion service) turned
 * into {@link DocumentServerException}s with messages a person can act on. Token errors name the settings
 * to compare, because a secret or header that differs between Quire and the Document Server is the usual cause.
 */
public final class DocumentServerErrors {

    static final String TOKEN_HINT = " Compare quire.onlyoffice.secret and quire.onlyoffice.jwt-header with the Document Server's JWT secret and header.";

    private DocumentServerErrors() {
    }

    /** A non-zero {@code error} of the command service for command {@code c}. */
    public static DocumentServerException command(String c, int error) {
        String prefix = "The Document Server refused the '" + c + "' command (command service error " + error + "): ";
        return switch (error) {
            case 1 -> new DocumentServerException(Kind.CONFLICT, "no_editor_session", error,
                    prefix + "it has no open document with this key (nobody is editing it, or the session has ended).");
            case 2 -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_callback_url", error,
                    prefix + "the callback URL is not correct.");
            case 3 -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_error", error,
                    prefix + "internal error of the Document Server; see its logs.");
            case 4 -> new DocumentServerException(Kind.CONFLICT, "no_changes_to_save", error,
                    prefix + "there are no changes since the last save, so there is nothing to force-save.");
            case 5 -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_command_unknown", error,
                    prefix + "the command is not correct for this Document Server version.");
            case 6 -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_token_refused", error,
                    prefix + "it does not accept Quire's token." + TOKEN_HINT);
            case 7 -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_token_refused", error,
                    prefix + "Quire's token has expired; check that the clocks of both servers agree.");
            default -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_error", error, prefix + "unknown error.");
        };
    }

    /** A non-zero {@code error} of the conversion service. */
    public static DocumentServerException conversion(int error) {
        String prefix = "The Document Server could not convert the document (conversion error " + error + "): ";
        return switch (error) {
            case -2 -> new DocumentServerException(Kind.UNAVAILABLE, "conversion_timeout", error,
                    prefix + "the conversion timed out on the Document Server.");
            case -3 -> new DocumentServerException(Kind.INVALID, "conversion_failed", error,
                    prefix + "the file could not be converted; it may be damaged or not what its extension says.");
            case -4 -> new DocumentServerException(Kind.UNAVAILABLE, "conversion_download_failed", error,
                    prefix + "it could not download the file from Quire. Check that quire.public-url is reachable from the Document Server.");
            case -5 -> new DocumentServerException(Kind.INVALID, "conversion_password_protected", error,
                    prefix + "the file is protected by a password.");
            case -6 -> new DocumentServerException(Kind.UNAVAILABLE, "conversion_failed", error,
                    prefix + "the Document Server's conversion database failed; see its logs.");
            case -7 -> new DocumentServerException(Kind.INVALID, "conversion_failed", error,
                    prefix + "the conversion request was not accepted (input error).");
            case -8 -> new DocumentServerException(Kind.UNAVAILABLE, "document_server_token_refused", error,
                    prefix + "it does not accept Quire's token." + TOKEN_HINT);
            case -9 -> new DocumentServerException(Kind.INVALID, "unsupported_conversion", error,
                    prefix + "it cannot determine the output format.");
            case -10 -> new DocumentServerException(Kind.TOO_LARGE, "conversion_too_large", error,
                    prefix + "the file is over the Document Server's size limit.");
            default -> new DocumentServerException(Kind.UNAVAILABLE, "conversion_failed", error, prefix + "unknown error.");
        };
    }

    /** The conversion did not end within {@code limit} (Quire's bound on the whole polling). */
    public static DocumentServerException conversionTimedOut(Duration limit) {
        return new DocumentServerException(Kind.UNAVAILABLE, "conversion_timeout", null,
                "The Document Server did not finish the conversion within " + limit.toSeconds() + " s (quire.onlyoffice.conversion-timeout).");
    }

    /** No usable answer: unreachable, an HTTP error status, or a body that is not the service's JSON. */
    public static DocumentServerException unavailable(String what, String why) {
        return new DocumentServerException(Kind.UNAVAILABLE, "document_server_unavailable", null,
                "The Document Server could not be used for " + what + ": " + why
                        + ". Check quire.onlyoffice.internal-url (or quire.onlyoffice.url) and that the Document Server is running.");
    }
}
