package org.quire.acl;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.quire.acl.Permission.COMMENT;
import static org.quire.acl.Permission.DELETE;
import static org.quire.acl.Permission.DOWNLOAD;
import static org.quire.acl.Permission.FILL_FORMS;
import static org.quire.acl.Permission.MANAGE;
import static org.quire.acl.Permission.READ;
import static org.quire.acl.Permission.REVIEW;
import static org.quire.acl.Permission.WRITE;

/** Named permission sets. Each role includes the one before it. */
public enum Role {
    VIEWER(EnumSet.of(READ, DOWNLOAD)),
    COMMENTER(EnumSet.of(READ, DOWNLOAD, COMMENT)),
    REVIEWER(EnumSet.of(READ, DOWNLOAD, COMMENT, REVIEW, FILL_FORMS)),
    EDITOR(EnumSet.of(READ, DOWNLOAD, COMMENT, REVIEW, FILL_FORMS, WRITE, DELETE)),
    MANAGER(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
