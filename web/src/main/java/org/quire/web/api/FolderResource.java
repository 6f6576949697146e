package org.quire.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
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
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.quire.acl.AclService;
import org.quire.document.DocumentService;
import org.quire.document.FolderListing;
import org.quire.document.FolderService;
import org.quire.platform.InvalidInputException;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.web.api.Dtos.ChildDto;
import org.quire.web.api.Dtos.FolderDto;
import org.quire.web.api.Dtos.NewFolderDto;
import org.quire.web.api.Dtos.PageDto;
import org.quire.web.api.Dtos.PatchDto;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

@Path("folders")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
@Produces(MediaType.APPLICATION_JSON)
public class FolderResource {

    @Inject
    DocumentShapes shapes;

    @Inject
    FolderService folders;

    @Inject
    DocumentService documents;

    @Inject
    AclService acls;

    @Context
    UriInfo uri;

    @GET
    @Path("root")
    public FolderDto root() {
        return FolderDto.of(folders.root());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = "a JSON body {parentId, name} is required") @Valid NewFolderDto body) {
        Folder folder = folders.create(body.parentId(), body.name());
        return Response.created(uri.getBaseUriBuilder().path("folders/{id}").build(folder.getPublicId()))
                .entity(FolderDto.of(folder)).build();
    }

    @GET
    @Path("{id}")
    public FolderDto get(@PathParam("id") String id) {
        return FolderDto.of(folders.get(id));
    }

    @GET
    @Path("{id}/children")
    public PageDto<ChildDto> children(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging paging = Paging.of(page, size);
        FolderListing listing = folders.children(id, paging.page(), paging.size());
        List<ChildDto> items = new ArrayList<>();
        listing.folders().forEach(f -> items.add(ChildDto.of(f)));
        shapes.of(listing.documents()).forEach(d -> items.add(ChildDto.of(d)));
        return new PageDto<>(items, listing.total());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public FolderDto patch(@PathParam("id") String id, @NotNull(message = "a JSON body {name, folderId} is required") @Valid PatchDto body) {
        Folder folder = null;
        if (body.folderId() != null) {
            folder = folders.move(id, body.folderId());
        }
        if (body.name() != null) {
            folder = folders.rename(id, body.name());
        }
        return FolderDto.of(folder);
    }

    @DELETE
    @Path("{id}")
    public FolderDto trash(@PathParam("id") String id) {
        return FolderDto.of(folders.trash(id));
    }

    @POST
    @Path("{id}/restore")
    public FolderDto restore(@PathParam("id") String id) {
        return FolderDto.of(folders.restore(id));
    }

    /** Upload of a new document with the raw bytes as the body. */
    @POST
    @Path("{id}/documents")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") String folderId,
                           @NotNull(message = "the document name is required: ?name=report.docx") @QueryParam("name") String name,
                           @Size(max = 1000) @QueryParam("comment") String comment,
                           @HeaderParam("Content-Length") Long contentLength, InputStream body) {
        documents.rejectDeclaredSize(contentLength, null, "folder:" + folderId);
        return created(documents.create(folderId, name, body, comment));
    }

    /** Upload of a new document as multipart/form-data: the part {@code file}; its file name unless {@code ?name=} is given. */
    @POST
    @Path("{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadMultipart(@PathParam("id") String folderId, @QueryParam("name") String name,
                                    @QueryParam("comment") String comment, @FormParam("file") EntityPart file) throws IOException {
        if (file == null) {
            throw new InvalidInputException("missing_file", "The multipart body needs a part named 'file'.");
        }
        String documentName = name != null ? name : file.getFileName().map(MultipartFileNames::asSent).orElseThrow(
                () -> new InvalidInputException("invalid_name", "The document name is required: ?name= or the part's filename."));
        try (InputStream in = file.getContent()) {
            return created(documents.create(folderId, documentName, in, comment));
        }
    }

    /** A new blank Office document from the shipped template: {@code {"type": "docx|xlsx|pptx", "name"}} → 201 + Location. */
    @POST
    @Path("{id}/documents/blank")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createBlank(@PathParam("id") String folderId,
                                @NotNull(message = "a JSON body {type, name} is required") @Valid BlankDocumentDto body) {
        return created(documents.createBlank(folderId, body.type(), body.name()));
    }

    public record BlankDocumentDto(@NotNull(message = "type is required: docx, xlsx or pptx") String type, @Size(max = 255) String name) {
    }

    @GET
    @Path("{id}/acl")
    public AccessDtos.AclDto acl(@PathParam("id") String id) {
        return AccessDtos.acl(acls.ofFolder(id));
    }

    @PUT
    @Path("{id}/acl")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccessDtos.AclDto setAcl(@PathParam("id") String id,
                                    @NotNull(message = "a JSON body {inherit, entries} is required") @Valid AccessDtos.AclChangeDto body) {
        return AccessDtos.acl(acls.setOnFolder(id, !Boolean.FALSE.equals(body.inherit()), AccessDtos.rules(body), Boolean.TRUE.equals(body.copyInherited())));
    }

    @GET
    @Path("{id}/permissions")
    public AccessDtos.PermissionsDto permissions(@PathParam("id") String id) {
        return new AccessDtos.PermissionsDto(new java.util.TreeSet<>(acls.permissionsOnFolder(id)));
    }

    private Response created(Document document) {
        return Response.created(uri.getBaseUriBuilder().path("documents/{id}").build(document.getPublicId()))
                .entity(shapes.of(document)).build();
    }
}
