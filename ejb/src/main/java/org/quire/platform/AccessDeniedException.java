package org.quire.platform;

public class AccessDeniedException extends QuireException {

    public AccessDeniedException(String message) {
        super("forbidden", message);
    }

    public AccessDeniedException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }
}
