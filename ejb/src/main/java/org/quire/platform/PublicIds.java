package org.quire.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque, URL-safe, unguessable identifiers for everything Quire exposes (22 characters, 128 bits). */
public final class PublicIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PublicIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** True when the string could be an id Quire issued; lets callers answer 404 without a query. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 22) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
