package org.quire.web.wopi.validator;

/** Something TestCases.xml uses that this interpreter does not implement: the test case fails, never passes. */
final class UnsupportedConstruct extends RuntimeException {
    UnsupportedConstruct(String what) {
        super("unsupported construct: " + what);
    }
}
