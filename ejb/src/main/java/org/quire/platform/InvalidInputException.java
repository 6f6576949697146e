package org.quire.platform;

public class InvalidInputException extends QuireException {

    public InvalidInputException(String message) {
        super("invalid_input", message);
    }

    public InvalidInputException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
