package org.quire.platform;

/** Something the request needs cannot be done now (the database is not open, a backup could not be written): 503. */
public class UnavailableException extends QuireException {

    public UnavailableException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
