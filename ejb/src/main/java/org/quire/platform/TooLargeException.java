package org.quire.platform;

public class TooLargeException extends QuireException {

    public TooLargeException(String message) {
        super("too_large", message);
    }

    public TooLargeException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.TOO_LARGE;
    }
}
