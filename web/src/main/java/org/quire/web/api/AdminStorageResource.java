package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.admin.StorageFigures;
import org.quire.web.api.AdminDtos.StorageDto;

/** The content store in figures (dms-admin). */
@Path("admin/storage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminStorageResource {

    @Inject
    StorageFigures storage;

    @GET
    public StorageDto figures() {
        return StorageDto.of(storage.figures());
    }
}
