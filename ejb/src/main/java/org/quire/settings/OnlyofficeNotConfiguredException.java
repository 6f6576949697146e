package org.quire.settings;

import org.quire.platform.QuireException;

/** The ONLYOFFICE route cannot work with the settings in force: 503 {@code onlyoffice_not_configured}, saying what to set. */
public class OnlyofficeNotConfiguredException extends QuireException {

    public OnlyofficeNotConfiguredException(String message) {
        super("onlyoffice_not_configured", message);
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
