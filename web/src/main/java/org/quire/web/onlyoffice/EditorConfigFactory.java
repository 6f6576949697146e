package org.quire.web.onlyoffice;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.quire.acl.AclService;
import org.quire.acl.Permission;
import org.quire.document.DocumentService;
import org.quire.editor.CoEditingMode;
import org.quire.editor.DocumentKey;
import org.quire.editor.EditorOperations;
import org.quire.editor.EditorSessionService;
import org.quire.identity.IdentityService;
import org.quire.identity.User;
import org.quire.lock.LockView;
import org.quire.platform.InvalidInputException;
import org.quire.platform.Times;
import org.quire.tree.Document;
import org.quire.web.security.JwtCodec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the ONLYOFFICE editor config for the caller (ONLYOFFICE-API.md §1): documentType and editability from
 * the format matrix, permissions from the caller's effective ACL permissions, the document key of the current
 * state, signed links for the Document Server, and the whole config signed as {@code token}. A caller who may
 * not change the document gets a view config whatever mode was asked for.
 */
@RequestScoped
public class EditorConfigFactory {

    @Inject
    DocumentService documents;

    @Inject
    AclService acls;

    @Inject
    EditorSessionService sessions;

    @Inject
    IdentityService identities;

    @Inject
    FormatMatrix formats;

    @Inject
    SignedLinks links;

    @Inject
    OnlyofficeSettings settings;

    @Inject
    EditorOperations operations;

    @Inject
    Clock clock;

    public Map<String, Object> build(String documentId, String requestedMode, String type, String lang) {
        documents.requireDownload(documentId); // the Document Server will download as the caller
        settings.requireConfigured();
        Document document = documents.get(documentId);
        FormatMatrix.Format format = formats.of(document.getName()).filter(FormatMatrix.Format::viewable)
                .orElseThrow(() -> new InvalidInputException("unsupported_format", "ONLYOFFICE cannot open '" + document.getName() + "'."));
        Set<Permission> granted = acls.permissionsOnDocument(documentId);
        User me = identities.me();
        Optional<LockView> lock = sessions.lock(documentId);
        DocumentKey key = sessions.currentKey(documentId);

        // a format off the administrators' list of editable formats (quire.editable-formats) opens for viewing only
        boolean changeable = document.isLive() && lock.map(l -> l.admitsEditorSessionOf(me.getLogin())).orElse(true) && settings.editableFormat(format.extension());
        boolean edit = changeable && format.editable() && granted.contains(Permission.WRITE);
        boolean review = changeable && format.can("review") && granted.contains(Permission.REVIEW);
        boolean comment = changeable && format.can("comment") && granted.contains(Permission.COMMENT);
        boolean fillForms = changeable && format.can("fill") && granted.contains(Permission.FILL_FORMS);
        boolean download = granted.contains(Permission.DOWNLOAD);
        String mode = "edit".equals(requestedMode) && (edit || review || comment || fillForms) ? "edit" : "view";

        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("edit", edit);
        permissions.put("review", review);
        permissions.put("comment", comment);
        permissions.put("fillForms", fillForms);
        permissions.put("modifyFilter", edit);
        permissions.put("modifyContentControl", edit);
        permissions.put("download", download);
        permissions.put("print", download);
        permissions.put("copy", download);
        permissions.put("chat", edit || review || comment);
        permissions.put("protect", edit && granted.contains(Permission.MANAGE));

        String extension = format.extension();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("owner", document.getOwner());
        info.put("uploaded", Times.utc(document.getModified()).toString());

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fileType", extension);
        doc.put("key", key.value());
        doc.put("title", document.getName().length() <= 128 ? document.getName() : document.getName().substring(0, 128));
        doc.put("url", links.fileUrl(documentId, document.getCurrentVersion(), extension, me.getLogin()));
        doc.put("info", info);
        doc.put("permissions", permissions);

        Map<String, Object> editorConfig = new LinkedHashMap<>();
        editorConfig.put("callbackUrl", links.callbackUrl(documentId, key, me.getLogin()));
        editorConfig.put("mode", mode);
        editorConfig.put("lang", lang == null || lang.isBlank() ? "en" : lang);
        editorConfig.put("user", Map.of("id", me.getLogin(), "name", me.getDisplayName()));
        String coEditing = operations.coEditingMode(documentId).map(CoEditingMode::value).orElseGet(settings::collaborationMode);
        editorConfig.put("coEditing", Map.of("mode", coEditing, "change", settings.collaborationModeChangeable()));
        editorConfig.put("customization", Map.of("forcesave", settings.forceSave()));

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", type);
        config.put("documentType", format.documentType());
        config.put("document", doc);
        config.put("editorConfig", editorConfig);
        settings.secret().ifPresent(secret -> config.put("token", JwtCodec.sign(config, secret, null, clock)));
        return config;
    }
}
