package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.identity.Caller;
import org.quire.web.ops.ConnectionChecks;

import java.util.List;

/**
 * {@code POST /api/v1/admin/check-connection} (role dms-admin): the Document Server's health check, a signed
 * {@code version} command, the WOPI discovery and its proof keys, and Quire at its public URL, each with a
 * message saying what is wrong and what to set ({@link ConnectionChecks}).
 */
@Path("admin/check-connection")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminConnectionResource {

    @Inject
    Caller caller;

    @Inject
    ConnectionChecks checks;

    public record ChecksDto(List<ConnectionChecks.Check> checks) {
    }

    @POST
    public ChecksDto check() {
        caller.requireAdmin();
        return new ChecksDto(checks.run());
    }
}
