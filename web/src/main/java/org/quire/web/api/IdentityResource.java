package org.quire.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.quire.identity.Group;
import org.quire.identity.IdentityService;
import org.quire.identity.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.quire.web.api.Dtos.GroupDto;
import org.quire.web.api.Dtos.NewGroupDto;
import org.quire.web.api.Dtos.NewUserDto;
import org.quire.web.api.Dtos.PageDto;
import org.quire.web.api.Dtos.UserDto;

import java.util.HashSet;

/** Users and groups of the built-in store (dms-admin only; the core enforces it). */
@Path("")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IdentityResource {

    @Inject
    IdentityService identities;

    @Context
    UriInfo uri;

    @GET
    @Path("users")
    public PageDto<UserDto> users() {
        var users = identities.users().stream().map(UserDto::of).toList();
        return new PageDto<>(users, users.size());
    }

    @POST
    @Path("users")
    public Response createUser(@NotNull(message = "a JSON body {login, displayName, email, password, groups} is required") @Valid NewUserDto body) {
        User user = identities.createUser(new IdentityService.NewUser(body.login(), body.displayName(), body.email(),
                body.password() == null ? null : body.password().toCharArray(),
                body.groups() == null ? null : new HashSet<>(body.groups()), Boolean.TRUE.equals(body.admin())));
        return Response.created(uri.getBaseUriBuilder().path("users/{id}").build(user.getPublicId())).entity(UserDto.of(user)).build();
    }

    @GET
    @Path("groups")
    public PageDto<GroupDto> groups() {
        var groups = identities.groups().stream().map(GroupDto::of).toList();
        return new PageDto<>(groups, groups.size());
    }

    @POST
    @Path("groups")
    public Response createGroup(@NotNull(message = "a JSON body {name} is required") @Valid NewGroupDto body) {
        Group group = identities.createGroup(body.name());
        return Response.created(uri.getBaseUriBuilder().path("groups/{id}").build(group.getPublicId())).entity(GroupDto.of(group)).build();
    }
}
