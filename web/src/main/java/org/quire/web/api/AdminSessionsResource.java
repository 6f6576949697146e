package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.admin.AdminLocks;
import org.quire.identity.Caller;
import org.quire.platform.QuireException;
import org.quire.web.api.AdminDtos.CommandDto;
import org.quire.web.api.AdminDtos.DropDto;
import org.quire.web.api.AdminDtos.SessionDto;
import org.quire.web.api.Dtos.PageDto;
import org.quire.web.onlyoffice.DocumentServices;

import java.util.ArrayList;
import java.util.List;

/**
 * Live ONLYOFFICE editing sessions (dms-admin): the documents an {@code EDITOR_SESSION} lock holds, with the users
 * the Document Server's {@code info} command reports; when it cannot be asked, the lock's holder and why.
 * Force-save and drop go through {@link DocumentServices} (the same commands and audit as per document).
 */
@Path("admin/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminSessionsResource {

    @Inject
    AdminLocks locks;

    @Inject
    Caller caller;

    @Inject
    DocumentServices documentServices;

    @GET
    public PageDto<SessionDto> sessions() {
        List<SessionDto> sessions = new ArrayList<>();
        for (AdminLocks.LockRow row : locks.sessions()) {
            List<String> holders = AdminLocks.editorsOf(row.lock().holder());
            SessionDto dto;
            try {
                DocumentServices.Session info = documentServices.session(row.documentId());
                dto = info.active()
                        ? new SessionDto(row.documentId(), row.name(), row.path(), info.key(), info.users(), null)
                        : new SessionDto(row.documentId(), row.name(), row.path(), row.lock().lockId(), holders,
                        "The Document Server does not know this session (it may just have ended); the user is the lock's holder.");
            } catch (QuireException e) {
                dto = new SessionDto(row.documentId(), row.name(), row.path(), row.lock().lockId(), holders,
                        "The Document Server could not be asked (" + e.getMessage() + "); the user is the lock's holder.");
            }
            sessions.add(dto);
        }
        return new PageDto<>(sessions, sessions.size());
    }

    @POST
    @Path("{documentId}/forcesave")
    public CommandDto forceSave(@PathParam("documentId") String documentId) {
        caller.requireAdmin();
        return new CommandDto(documentId, documentServices.forceSave(documentId));
    }

    @POST
    @Path("{documentId}/drop")
    @Consumes(MediaType.APPLICATION_JSON)
    public CommandDto drop(@PathParam("documentId") String documentId, DropDto body) {
        caller.requireAdmin();
        return new CommandDto(documentId, documentServices.drop(documentId, body == null ? null : body.users()));
    }
}
