package org.quire.acl;

import java.util.EnumSet;
import java.util.Set;

/**
 * The caller's effective permissions on a document and on the folder that holds it, evaluated together from one
 * reading of the rules (the document inherits the folder's levels). For answers that need both, such as WOPI
 * CheckFileInfo (UserCanWrite, and whether a Save-As may create a file beside it).
 */
public record DocumentPermissions(Set<Permission> onDocument, Set<Permission> onFolder) {

    public DocumentPermissions {
        onDocument = onDocument.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(onDocument);
        onFolder = onFolder.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(onFolder);
    }
}
