package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quire.web.api.Dtos.DocumentDto;
import org.quire.web.api.Dtos.PageDto;
import org.quire.web.onlyoffice.DocumentServices;

/**
 * {@code /api/v1/onlyoffice/…} for administrators: the Document Server's forgotten files (saves it could not
 * deliver) and its state for the console (docs/ARCHITECTURE.md, "ONLYOFFICE document services").
 */
@Path("onlyoffice")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OnlyofficeAdminResource {

    @Inject
    DocumentShapes shapes;

    @Inject
    DocumentServices services;

    public record ForgottenDto(String key, String documentId, String documentName, Integer version) {
    }

    public record ImportedDto(DocumentDto document, int version, boolean deletedOnDocumentServer, String message) {
    }

    public record ServerDto(boolean healthy, String version, String message) {
    }

    @GET
    @Path("forgotten")
    public PageDto<ForgottenDto> forgotten() {
        var items = services.forgotten().stream().map(f -> new ForgottenDto(f.key(), f.documentId(), f.documentName(), f.version())).toList();
        return new PageDto<>(items, items.size());
    }

    /** Stores the forgotten file as a new version of its document, then deletes it on the Document Server. */
    @POST
    @Path("forgotten/{key}/import")
    public ImportedDto importForgotten(@PathParam("key") String key) {
        DocumentServices.Imported imported = services.importForgotten(key);
        return new ImportedDto(shapes.of(imported.document()), imported.document().getCurrentVersion(),
                imported.deletedOnDocumentServer(), imported.message());
    }

    @DELETE
    @Path("forgotten/{key}")
    public Response deleteForgotten(@PathParam("key") String key) {
        services.deleteForgotten(key);
        return Response.noContent().build();
    }

    /** Health check and version of the Document Server. */
    @GET
    @Path("server")
    public ServerDto server() {
        DocumentServices.ServerState state = services.serverState();
        return new ServerDto(state.healthy(), state.version(), state.message());
    }
}
