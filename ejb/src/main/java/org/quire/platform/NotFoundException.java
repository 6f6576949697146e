package org.quire.platform;

public class NotFoundException extends QuireException {

    public NotFoundException(String message) {
        super("not_found", message);
    }

    public NotFoundException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
