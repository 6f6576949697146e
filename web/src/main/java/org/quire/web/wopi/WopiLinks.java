package org.quire.web.wopi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.acl.AccessControlService;
import org.quire.acl.AclService;
import org.quire.acl.Permission;
import org.quire.document.DocumentService;
import org.quire.platform.InvalidInputException;
import org.quire.platform.QuireConfig;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a host page needs to open a document in a WOPI client: the WOPISrc, an access token for the caller and
 * that document, its expiry, and the client's action URL (null until the discovery client exists). The token
 * carries the caller's effective permissions; for the view actions without WRITE and DELETE.
 */
@ApplicationScoped
public class WopiLinks {

    /** The actions a caller may ask for, and whether each one writes. */
    static final Map<String, Boolean> ACTIONS = Map.of("view", false, "embedview", false, "mobileview", false, "edit", true, "editnew", true);

    @Inject
    DocumentService documents;

    @Inject
    AclService acls;

    @Inject
    AccessControlService access;

    @Inject
    WopiTokens tokens;

    @Inject
    QuireConfig config;

    /** {@code actionUrl} is written as {@code null} when there is none (the contract names the key). */
    @jakarta.json.bind.annotation.JsonbNillable
    public record WopiLink(String wopiSrc, String accessToken, long accessTokenTtl, String actionUrl) {
    }

    public WopiLink link(String documentId, String action) {
        Boolean writes = action == null ? null : ACTIONS.get(action.toLowerCase(Locale.ROOT));
        if (writes == null) {
            throw new InvalidInputException("invalid_action", "action is one of view, edit, editnew, embedview, mobileView.");
        }
        documents.get(documentId);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(acls.permissionsOnDocument(documentId));
        if (!writes) {
            permissions.remove(Permission.WRITE);
            permissions.remove(Permission.DELETE);
        }
        WopiAccess granted = tokens.issue(access.callerLogin(), documentId, permissions);
        String base = config.publicUrl().replaceAll("/+$", "");
        return new WopiLink(base + "/wopi/files/" + documentId, tokens.encode(granted), granted.ttlMillis(), null);
    }
}
