package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.quire.document.DocumentService;
import org.quire.web.api.Dtos.DocumentDto;
import org.quire.web.api.Dtos.PageDto;

/** Trashed documents, newest first. */
@Path("trash")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TrashResource {

    @Inject
    DocumentShapes shapes;

    @Inject
    DocumentService documents;

    @GET
    public PageDto<DocumentDto> trashed(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging paging = Paging.of(page, size);
        DocumentService.TrashPage trash = documents.trashed(paging.page(), paging.size());
        return new PageDto<>(shapes.of(trash.items()), trash.total());
    }
}
