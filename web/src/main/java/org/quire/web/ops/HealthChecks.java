package org.quire.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.quire.content.ContentStore;
import org.quire.platform.Database;

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

    @Produces
    @Readiness
    HealthCheck databaseReady() {
        return () -> HealthCheckResponse.named("database").status(database.isReachable()).build();
    }

    @Produces
    @Readiness
    HealthCheck storeReady() {
        return () -> HealthCheckResponse.named("blob-store").status(store.isWritable()).build();
    }
}
