package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quire.admin.DatabaseBackups;
import org.quire.web.api.AdminDtos.BackupDto;
import org.quire.web.api.AdminDtos.BackupsDto;

/**
 * Database backups (dms-admin): GET lists them with the schedule and the last failure; POST backs up now and
 * answers 201 with the new backup (409 {@code backup_running} while one runs, 503 {@code backup_failed} and why).
 */
@Path("admin/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminBackupsResource {

    @Inject
    DatabaseBackups backups;

    @GET
    public BackupsDto state() {
        return BackupsDto.of(backups.state());
    }

    @POST
    public Response backUpNow() {
        return Response.status(Response.Status.CREATED).entity(BackupDto.of(backups.backUpNow())).build();
    }
}
