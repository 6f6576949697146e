package org.quire.web.wopi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.acl.AclService;
import org.quire.acl.Permission;
import org.quire.document.DocumentService;
import org.quire.identity.Caller;
import org.quire.platform.InvalidInputException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a host page needs to open a document in a WOPI client: the WOPISrc, an access token for the caller and
 * that document, its expiry, and the client's action URL from its discovery (null when the discovery has no such
 * action for the file's extension, e.g. a {@code .wopitest} file, or no discovery is configured). The token
 * carries the caller's effective permissions; for the view actions without DELETE and the editing ones (WRITE,
 * REVIEW, COMMENT, FILL_FORMS). An editing action on a format that is not on {@code quire.editable-formats} (when
 * that list is set) becomes a view.
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
    Caller caller;

    @Inject
    WopiTokens tokens;

    @Inject
    org.quire.web.security.PublicUrl publicUrl;

    @Inject
    org.quire.web.wopi.discovery.DiscoveryClient discovery;

    @Inject
    org.quire.settings.QuireConfig config;

    /** {@code actionUrl} is written as {@code null} when there is none (the contract names the key). */
    @jakarta.json.bind.annotation.JsonbNillable
    public record WopiLink(String wopiSrc, String accessToken, long accessTokenTtl, String actionUrl) {
    }

    public WopiLink link(String documentId, String action) {
        Boolean writes = action == null ? null : ACTIONS.get(action.toLowerCase(Locale.ROOT));
        if (writes == null) {
            throw new InvalidInputException("invalid_action", "action is one of view, edit, editnew, embedview, mobileView.");
        }
        String extension = documents.get(documentId).itemName().extension();
        String chosen = action;
        if (writes && !config.editableFormat(extension)) {
            chosen = "view"; // not on the administrators' list of editable formats (quire.editable-formats)
            writes = false;
        }
        String shownAction = chosen;
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(acls.permissionsOnDocument(documentId));
        if (!writes) {
            permissions.removeAll(Permission.EDITOR_CONTRIBUTIONS); // a view session saves nothing
            permissions.remove(Permission.DELETE);
        }
        WopiAccess granted = tokens.issue(caller.login(), documentId, permissions);
        String base = publicUrl.base();
        String wopiSrc = base + "/wopi/files/" + documentId;
        String actionUrl = discovery.get().flatMap(d -> d.action(extension, shownAction))
                .map(a -> org.quire.web.wopi.discovery.ActionUrls.resolve(a.urlsrc(), wopiSrc, Map.of("UI_LLCC", "en-US", "DC_LLCC", "en-US")))
                .orElse(null);
        return new WopiLink(wopiSrc, tokens.encode(granted), granted.ttlMillis(), actionUrl);
    }
}
