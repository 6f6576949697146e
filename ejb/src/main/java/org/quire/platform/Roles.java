package org.quire.platform;

/** The application roles. Every user has {@link #USER}; administrators also have {@link #ADMIN}. */
public final class Roles {

    public static final String USER = "dms-user";
    public static final String ADMIN = "dms-admin";

    private Roles() {
    }
}
