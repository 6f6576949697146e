package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.quire.identity.IdentityService;
import org.quire.web.api.AdminDtos.AdminUserDto;
import org.quire.web.api.AdminDtos.UserPatchDto;
import org.quire.web.api.Dtos.PageDto;

import java.util.LinkedHashSet;

/** Users for the console (dms-admin): paged, with groups, roles, disabled and origin; one by login; PATCH changes one. */
@Path("admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    @Inject
    IdentityService identities;

    @GET
    public PageDto<AdminUserDto> users(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging paging = Paging.of(page, size);
        var users = identities.users(paging.page(), paging.size()).stream().map(AdminUserDto::of).toList();
        return new PageDto<>(users, identities.userCount());
    }

    @GET
    @Path("{login}")
    public AdminUserDto user(@PathParam("login") String login) {
        return AdminUserDto.of(identities.user(login));
    }

    @PATCH
    @Path("{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AdminUserDto update(@PathParam("login") String login,
                               @NotNull(message = "a JSON body {displayName?, email?, disabled?, admin?, groups?} is required") UserPatchDto body) {
        return AdminUserDto.of(identities.updateUser(login, new IdentityService.UserChange(body.displayName(), body.email(),
                body.disabled(), body.admin(), body.groups() == null ? null : new LinkedHashSet<>(body.groups()))));
    }
}
