package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.quire.admin.TrashAdmin;
import org.quire.web.api.AdminDtos.PurgedDto;
import org.quire.web.api.AdminDtos.TrashItemDto;
import org.quire.web.api.Dtos.PageDto;

/**
 * Everything in the trash (dms-admin): documents and folders, most recently trashed first; restore through the
 * owners' paths; DELETE purges for good (rows in one transaction, then the blobs no version references).
 */
@Path("admin/trash")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminTrashResource {

    @Inject
    DocumentShapes shapes;

    @Inject
    TrashAdmin trash;

    @GET
    public PageDto<TrashItemDto> trash(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging paging = Paging.of(page, size);
        var result = trash.trash(paging.page(), paging.size());
        return new PageDto<>(result.items().stream().map(TrashItemDto::of).toList(), result.total());
    }

    @POST
    @Path("{kind}/{id}/restore")
    public Object restore(@PathParam("kind") String kind, @PathParam("id") String id) {
        return switch (TrashAdmin.Kind.of(kind)) {
            case DOCUMENT -> shapes.of(trash.restoreDocument(id));
            case FOLDER -> Dtos.FolderDto.of(trash.restoreFolder(id));
        };
    }

    @DELETE
    @Path("{kind}/{id}")
    public PurgedDto purge(@PathParam("kind") String kind, @PathParam("id") String id) {
        return PurgedDto.of(trash.purge(TrashAdmin.Kind.of(kind), id));
    }
}
