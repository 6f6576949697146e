package org.quire.web.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.quire.editor.CoEditingMode;
import org.quire.tree.Document;
import org.quire.web.api.Dtos.DocumentDto;
import org.quire.web.onlyoffice.DocumentServices;

import java.io.InputStream;
import java.util.List;

/**
 * {@code /api/v1/documents/{id}/onlyoffice/…}: the Document Server's command and conversion services for one
 * document (docs/ARCHITECTURE.md, "ONLYOFFICE document services"). Reached through the sub-resource locator
 * of {@link DocumentResource}, so that {@code documents/{id}} has one root resource.
 */
@Produces(MediaType.APPLICATION_JSON)
public class OnlyofficeServicesResource {

    private final String documentId;
    private final DocumentServices services;
    private final DocumentShapes shapes;

    OnlyofficeServicesResource(String documentId, DocumentServices services, DocumentShapes shapes) {
        this.documentId = documentId;
        this.services = services;
        this.shapes = shapes;
    }

    public record RenameDto(@NotNull(message = "name is required") String name) {
    }

    public record DropDto(@Size(max = 100, message = "at most 100 users") List<@NotNull @Size(min = 1, max = 128) String> users) {
    }

    public record CoEditingDto(@Pattern(regexp = "fast|strict", message = "mode is fast, strict or null") String mode) {
    }

    public record CoEditingStateDto(String documentId, String mode) {
    }

    public record SessionDto(boolean active, String key, List<String> users) {
    }

    public record CommandDto(String command, String key, String message) {
    }

    /** Convert and edit: a legacy format into a new OOXML document in the same folder (201 + Location). */
    @POST
    @Path("convert")
    public Response convert(@Context UriInfo uri) {
        Document created = services.convertAndCreate(documentId);
        return Response.created(uri.getBaseUriBuilder().path("documents/{id}").build(created.getPublicId())).entity(shapes.of(created)).build();
    }

    /** Download as: the document converted into {@code format}, streamed. */
    @GET
    @Path("download-as")
    @Produces(MediaType.WILDCARD)
    public Response downloadAs(@NotNull(message = "format is required") @Pattern(regexp = "[A-Za-z0-9]{1,10}", message = "format is a file extension such as pdf")
                               @QueryParam("format") String format) {
        DocumentServices.Converted converted = services.downloadAs(documentId, format);
        StreamingOutput body = out -> {
            try (InputStream in = converted.content()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, converted.mimeType()).header("Content-Disposition", ContentResponses.disposition(converted.name()))
                .header("Cache-Control", "no-store").build();
    }

    /** Rename from the editor: extension kept, the REST rules; co-editors are told with {@code meta}. */
    @POST
    @Path("rename")
    @Consumes(MediaType.APPLICATION_JSON)
    public DocumentDto rename(@NotNull(message = "a JSON body {name} is required") @Valid RenameDto body) {
        return shapes.of(services.rename(documentId, body.name()));
    }

    /** {@code info}: whether an editing session is open and who is in it (MANAGE). */
    @GET
    @Path("session")
    public SessionDto session() {
        DocumentServices.Session s = services.session(documentId);
        return new SessionDto(s.active(), s.key(), s.users());
    }

    @POST
    @Path("forcesave")
    public CommandDto forceSave() {
        return new CommandDto("forcesave", services.forceSave(documentId), "The Document Server saves the open session; the version follows.");
    }

    @POST
    @Path("drop")
    @Consumes(MediaType.APPLICATION_JSON)
    public CommandDto drop(@Valid DropDto body) {
        List<String> users = body == null ? null : body.users();
        return new CommandDto("drop", services.drop(documentId, users),
                users == null || users.isEmpty() ? "Every editor was disconnected." : "Disconnected: " + String.join(", ", users) + ".");
    }

    /** The document's own co-editing mode ({@code fast}, {@code strict}), or null for the administrators' default (MANAGE). */
    @PUT
    @Path("co-editing")
    @Consumes(MediaType.APPLICATION_JSON)
    public CoEditingStateDto coEditing(@NotNull(message = "a JSON body {mode} is required") @Valid CoEditingDto body) {
        return new CoEditingStateDto(documentId, services.setCoEditingMode(documentId, body.mode()).map(CoEditingMode::value).orElse(null));
    }
}
