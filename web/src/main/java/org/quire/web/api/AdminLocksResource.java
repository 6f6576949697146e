package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.quire.admin.AdminLocks;
import org.quire.lock.LockView;
import org.quire.platform.Times;
import org.quire.web.api.AdminDtos.AdminLockDto;
import org.quire.web.api.AdminDtos.UnlockedDto;
import org.quire.web.api.Dtos.PageDto;

/** Every live lock (dms-admin), newest first, and force-unlock. */
@Path("admin/locks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminLocksResource {

    @Inject
    AdminLocks locks;

    @GET
    public PageDto<AdminLockDto> locks(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging paging = Paging.of(page, size);
        var result = locks.locks(paging.page(), paging.size());
        return new PageDto<>(result.items().stream().map(AdminLockDto::of).toList(), result.total());
    }

    @DELETE
    @Path("{documentId}")
    public UnlockedDto forceUnlock(@PathParam("documentId") String documentId) {
        LockView removed = locks.forceUnlock(documentId);
        return new UnlockedDto(documentId, removed.kind().name(), removed.holder(), Times.utc(removed.acquired()));
    }
}
