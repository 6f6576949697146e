package org.quire.web.onlyoffice;

import org.quire.platform.QuireException;

/**
 * The Document Server refused or failed a request (command service, conversion service) or could not be
 * reached. Carries the service's own error code ({@link #serverError()}, null when there was no answer) and a
 * message that says what it means for the user or the administrator; {@link #kind()} decides the HTTP status.
 */
public class DocumentServerException extends QuireException {

    private final Kind kind;
    private final Integer serverError;

    public DocumentServerException(Kind kind, String code, Integer serverError, String message) {
        super(code, message);
        this.kind = kind;
        this.serverError = serverError;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The {@code error} value the Document Server answered, or null when it did not answer. */
    public Integer serverError() {
        return serverError;
    }
}
