package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quire.admin.ContentScrub;
import org.quire.web.api.AdminDtos.ScrubDto;

/** The content scrub (dms-admin): POST starts one in the background (202), GET shows its progress and findings. */
@Path("admin/scrub")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminScrubResource {

    @Inject
    ContentScrub scrub;

    @GET
    public ScrubDto state() {
        return scrub.report().map(ScrubDto::of).orElse(ScrubDto.IDLE);
    }

    @POST
    public Response start() {
        return Response.accepted(ScrubDto.of(scrub.start())).build();
    }
}
