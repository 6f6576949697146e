package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.identity.SignInThrottle;
import org.quire.web.api.AdminDtos.SignInFailuresDto;
import org.quire.web.api.Dtos.PageDto;

/**
 * The logins and client addresses that failed sign-ins delay or lock (dms-admin), and clearing one
 * ({@code DELETE …/{kind}/{subject}}, kind {@code login} or {@code address}): its failures are forgotten and its
 * lock lifted on every node at once.
 */
@Path("admin/sign-in-failures")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminSignInResource {

    @Inject
    SignInThrottle throttle;

    @GET
    public PageDto<SignInFailuresDto> held() {
        var items = throttle.held().stream().map(h -> SignInFailuresDto.of(h.failures(), h.locked(), h.retryAfterSeconds())).toList();
        return new PageDto<>(items, items.size());
    }

    @DELETE
    @Path("{kind}/{subject}")
    public SignInFailuresDto clear(@PathParam("kind") String kind, @PathParam("subject") String subject) {
        var f = throttle.clear(kind, subject);
        return SignInFailuresDto.of(f, f.lockedUntil() != null, 0);
    }
}
