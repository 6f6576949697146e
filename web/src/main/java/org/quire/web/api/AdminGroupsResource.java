package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.identity.IdentityService;
import org.quire.web.api.AdminDtos.AdminGroupDto;
import org.quire.web.api.Dtos.PageDto;

import java.util.List;

/** Groups with their members (dms-admin); PUT sets a built-in group's members. */
@Path("admin/groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminGroupsResource {

    @Inject
    IdentityService identities;

    @GET
    public PageDto<AdminGroupDto> groups() {
        var groups = identities.groups().stream().map(AdminGroupDto::of).toList();
        return new PageDto<>(groups, groups.size());
    }

    @PUT
    @Path("{name}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public AdminGroupDto setMembers(@PathParam("name") String name,
                                    @NotNull(message = "a JSON array of logins is required") List<String> logins) {
        return AdminGroupDto.of(identities.setMembers(name, logins).group());
    }
}
