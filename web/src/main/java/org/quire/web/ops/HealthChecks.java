package org.quire.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.quire.content.ContentStore;
import org.quire.database.Database;

/** {@code /health/live} and {@code /health/ready}: ready when the database answers and the blob store is writable. */
@ApplicationScoped
public class HealthChecks {

    @Inject
    Database database;

    @Inject
    ContentStore store;

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("quire");
    }

    /** Live and ready both name a database that cannot be opened, with what to do (Quire stays up to say so). */
    @Produces
    @Liveness
    HealthCheck databaseOpened() {
        return () -> database(database.status().open());
    }

    @Produces
    @Readiness
    HealthCheck databaseReady() {
        return () -> database(database.isReachable());
    }

    private HealthCheckResponse database(boolean up) {
        Database.Status status = database.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database").status(up);
        if (status.engine() != null) {
            response.withData("engine", status.engine());
        }
        if (!status.open()) {
            response.withData("problem", status.problem()).withData("action", status.action());
        } else if (!up) {
            response.withData("problem", "the database does not answer");
        }
        return response.build();
    }

    @Produces
    @Readiness
    HealthCheck storeReady() {
        return () -> HealthCheckResponse.named("blob-store").status(store.isWritable()).build();
    }
}
