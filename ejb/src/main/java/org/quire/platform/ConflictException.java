package org.quire.platform;

public class ConflictException extends QuireException {

    public ConflictException(String message) {
        super("conflict", message);
    }

    public ConflictException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
