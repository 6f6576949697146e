package org.quire.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.identity.IdentityService;
import org.quire.web.api.Dtos.UserDto;

@Path("me")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    IdentityService identities;

    @GET
    public UserDto me() {
        return UserDto.of(identities.me());
    }
}
