package org.quire.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quire.acl.AclService;
import org.quire.document.DocumentService;
import org.quire.document.VersionService;
import org.quire.identity.Caller;
import org.quire.lock.LockService;
import org.quire.tree.Document;
import org.quire.version.VersionSource;
import org.quire.web.api.Dtos.DocumentDto;
import org.quire.web.api.Dtos.PageDto;
import org.quire.web.api.Dtos.PatchDto;
import org.quire.web.api.Dtos.VersionDto;

import java.io.InputStream;

@Path("documents/{id}")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    @Inject
    DocumentShapes shapes;

    @Inject
    DocumentService documents;

    @Inject
    VersionService versions;

    @Inject
    AclService acls;

    @Inject
    Caller caller;

    @Inject
    LockService locks;

    @Inject
    org.quire.web.onlyoffice.EditorConfigFactory editorConfigs;

    @Inject
    org.quire.web.wopi.WopiLinks wopiLinks;

    @Inject
    org.quire.web.onlyoffice.EditorHistoryObjects editorHistory;

    @Inject
    org.quire.web.onlyoffice.DocumentServices documentServices;

    @Inject
    org.quire.web.onlyoffice.EditorEvents editorEvents;

    @Context
    jakarta.ws.rs.core.UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public DocumentDto get(@PathParam("id") String id) {
        return shapes.of(documents.get(id));
    }

    @GET
    @Path("content")
    @Produces(MediaType.WILDCARD)
    public Response content(@PathParam("id") String id) {
        return ContentResponses.of(documents.download(id), headers);
    }

    /** A new version with the raw bytes as the body. */
    @PUT
    @Path("content")
    @Consumes(MediaType.WILDCARD)
    public DocumentDto newVersion(@PathParam("id") String id, @Size(max = 1000) @QueryParam("comment") String comment,
                                  @HeaderParam("Content-Length") Long contentLength, InputStream body) {
        documents.rejectDeclaredSize(contentLength, id, "document:" + id);
        return shapes.of(documents.addVersion(id, body, VersionSource.UPLOAD, comment));
    }

    /** Rename ({@code name}) and/or move ({@code folderId}). */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public DocumentDto patch(@PathParam("id") String id, @NotNull(message = "a JSON body {name, folderId} is required") @Valid PatchDto body) {
        Document document = null;
        if (body.folderId() != null) {
            document = documents.move(id, body.folderId());
        }
        if (body.name() != null) {
            document = documents.rename(id, body.name());
        }
        return shapes.of(document);
    }

    /** Moves the document to the trash (it can be restored). */
    @DELETE
    public DocumentDto trash(@PathParam("id") String id) {
        return shapes.of(documents.trash(id));
    }

    @POST
    @Path("restore")
    public DocumentDto restore(@PathParam("id") String id) {
        return shapes.of(documents.restore(id));
    }

    @GET
    @Path("acl")
    public AccessDtos.AclDto acl(@PathParam("id") String id) {
        return AccessDtos.acl(acls.ofDocument(id));
    }

    @PUT
    @Path("acl")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccessDtos.AclDto setAcl(@PathParam("id") String id,
                                    @NotNull(message = "a JSON body {inherit, entries} is required") @Valid AccessDtos.AclChangeDto body) {
        return AccessDtos.acl(acls.setOnDocument(id, !Boolean.FALSE.equals(body.inherit()), AccessDtos.rules(body), Boolean.TRUE.equals(body.copyInherited())));
    }

    /**
     * The signed ONLYOFFICE editor config for the caller (docs/ARCHITECTURE.md, "ONLYOFFICE API route"); a caller
     * who may not change the document gets a view config whatever {@code mode} asks for.
     */
    @GET
    @Path("onlyoffice")
    public java.util.Map<String, Object> onlyoffice(@PathParam("id") String id,
                                                    @jakarta.validation.constraints.Pattern(regexp = "edit|view", message = "mode is edit or view") @QueryParam("mode") String mode,
                                                    @jakarta.validation.constraints.Pattern(regexp = "desktop|mobile|embedded", message = "type is desktop, mobile or embedded") @QueryParam("type") String type,
                                                    @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?", message = "lang is a language tag such as en or pt-PT") @QueryParam("lang") String lang) {
        return editorConfigs.build(id, mode == null ? "edit" : mode, type == null ? "desktop" : type, lang);
    }

    /**
     * The Document Server's command and conversion services for this document: {@code onlyoffice/convert},
     * {@code download-as}, {@code rename}, {@code session}, {@code forcesave}, {@code drop}, {@code co-editing}
     * ({@link OnlyofficeServicesResource}). A template variable rather than a literal, so that the resource
     * methods under {@code onlyoffice} (the editor config and its siblings) are matched first.
     */
    @Path("{services: onlyoffice}")
    public OnlyofficeServicesResource onlyofficeServices(@PathParam("id") String id) {
        return new OnlyofficeServicesResource(id, documentServices, shapes);
    }

    /**
     * The editor's Save Copy As ({@code onRequestSaveAs}): a new document in the same folder with the bytes the
     * Document Server serves at {@code url} (only from its origins); 201 + Location.
     */
    @POST
    @Path("onlyoffice/save-as")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response onlyofficeSaveAs(@PathParam("id") String id,
                                     @NotNull(message = "a JSON body {url, title, fileType} is required") @Valid org.quire.web.onlyoffice.EditorEvents.SaveAsDto body) {
        Document copy = editorEvents.saveAs(id, body);
        return Response.created(uri.getBaseUriBuilder().path("documents/{id}").build(copy.getPublicId())).entity(shapes.of(copy)).build();
    }

    /** The editor's {@code onRequestUsers}: the people who may read the document, as {@code setUsers} takes them. */
    @GET
    @Path("onlyoffice/users")
    public org.quire.web.onlyoffice.EditorEvents.EditorUsersDto onlyofficeUsers(@PathParam("id") String id,
                                                                               @jakarta.validation.constraints.Pattern(regexp = "mention|protect|info", message = "c is mention, protect or info") @QueryParam("c") String c,
                                                                               @QueryParam("user") java.util.List<String> ids) {
        return editorEvents.users(id, c == null ? "mention" : c, ids == null ? java.util.Set.of() : java.util.Set.copyOf(ids));
    }

    /** The caller's effective permissions on the document. */
    @GET
    @Path("permissions")
    public AccessDtos.PermissionsDto permissions(@PathParam("id") String id) {
        return new AccessDtos.PermissionsDto(new java.util.TreeSet<>(acls.permissionsOnDocument(id)));
    }

    @GET
    @Path("lock")
    public AccessDtos.LockDto lock(@PathParam("id") String id) {
        return AccessDtos.lock(locks.lockOf(id), caller);
    }

    @POST
    @Path("checkout")
    public AccessDtos.LockDto checkout(@PathParam("id") String id) {
        return AccessDtos.lock(java.util.Optional.of(locks.checkout(id)), caller);
    }

    /** Ends the caller's check-out; a non-empty body becomes the next version first. */
    @POST
    @Path("checkin")
    @Consumes(MediaType.WILDCARD)
    public AccessDtos.LockDto checkin(@PathParam("id") String id, @Size(max = 1000) @QueryParam("comment") String comment,
                                      @HeaderParam("Content-Length") Long contentLength, InputStream body) {
        boolean withContent = contentLength == null || contentLength > 0; // no length: a chunked body
        documents.rejectDeclaredSize(contentLength, id, "document:" + id);
        documents.checkIn(id, withContent ? body : null, comment);
        return AccessDtos.lock(locks.lockOf(id), caller);
    }

    /** Force-unlock (MANAGE): removes whatever lock the document has; the previous holder is audited. */
    @DELETE
    @Path("lock")
    public AccessDtos.LockDto forceUnlock(@PathParam("id") String id) {
        locks.forceUnlock(id);
        return AccessDtos.lock(locks.lockOf(id), caller);
    }

    /** What a WOPI host page needs: {@code {wopiSrc, accessToken, accessTokenTtl, actionUrl}}. */
    @GET
    @Path("wopi")
    public org.quire.web.wopi.WopiLinks.WopiLink wopi(@PathParam("id") String id, @QueryParam("action") String action) {
        return wopiLinks.link(id, action);
    }

    @GET
    @Path("versions")
    public PageDto<VersionDto> versions(@PathParam("id") String id) {
        var list = versions.list(id).stream().map(VersionDto::of).toList();
        return new PageDto<>(list, list.size());
    }

    @GET
    @Path("versions/{n}")
    public VersionDto version(@PathParam("id") String id, @PathParam("n") int number) {
        return VersionDto.of(versions.get(id, number));
    }

    @GET
    @Path("versions/{n}/content")
    @Produces(MediaType.WILDCARD)
    public Response versionContent(@PathParam("id") String id, @PathParam("n") int number) {
        return ContentResponses.of(versions.download(id, number), headers);
    }

    @POST
    @Path("versions/{n}/restore")
    public DocumentDto restoreVersion(@PathParam("id") String id, @PathParam("n") int number, @QueryParam("comment") String comment) {
        return shapes.of(versions.restore(id, number, comment));
    }

    /** The editor's {@code refreshHistory} object: every version, oldest first (docs/ARCHITECTURE.md, "ONLYOFFICE history"). */
    @GET
    @Path("onlyoffice/history")
    public java.util.Map<String, Object> onlyofficeHistory(@PathParam("id") String id) {
        return editorHistory.refreshHistory(id);
    }

    /** The signed {@code setHistoryData} object of version {@code n}. */
    @GET
    @Path("onlyoffice/history/{n}")
    public java.util.Map<String, Object> onlyofficeHistoryData(@PathParam("id") String id, @PathParam("n") int number) {
        return editorHistory.historyData(id, number);
    }

    /** Restores {@code {"version": n}} from the editor as a new version; answers the new {@code refreshHistory} object. */
    @POST
    @Path("onlyoffice/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    public java.util.Map<String, Object> onlyofficeRestore(@PathParam("id") String id,
            @NotNull(message = "a JSON body {\"version\": n} is required") @Valid org.quire.web.onlyoffice.EditorHistoryObjects.RestoreRequest body) {
        return editorHistory.restore(id, body.version());
    }
}
