package org.quire.web.wopi;

import org.quire.acl.Permission;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a WOPI access token grants: one user, one document, a permission set, until a moment. The user's current
 * ACL still applies on every request (the core checks it); the token can only narrow it.
 */
public record WopiAccess(String login, String documentId, Set<Permission> permissions, Instant expires) {

    public WopiAccess {
        permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    /** {@code access_token_ttl}: the expiry in milliseconds since the epoch (not a duration). */
    public long ttlMillis() {
        return expires.toEpochMilli();
    }
}
