package org.quire.acl;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What a principal may do to a document or folder. */
public enum Permission {
    READ, DOWNLOAD, COMMENT, REVIEW, FILL_FORMS, WRITE, DELETE, MANAGE;

    /**
     * The permissions that let a user take part in an editing session and have its result saved as a version: the
     * editor enforces the narrower ones (REVIEW: tracked changes only, COMMENT: comments only, FILL_FORMS: form
     * fields only), Quire stores what the editor saves. See docs/ARCHITECTURE.md, "Editor contributions".
     */
    public static final Set<Permission> EDITOR_CONTRIBUTIONS = Collections.unmodifiableSet(EnumSet.of(COMMENT, REVIEW, FILL_FORMS, WRITE));
}
