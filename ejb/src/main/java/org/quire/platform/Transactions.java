package org.quire.platform;

import jakarta.ejb.Stateless;

import java.util.function.Supplier;

/**
 * The transaction boundary of a service's private step. A service that streams content outside any transaction
 * (an upload may take minutes and must not hold a database connection) records it afterwards in one short
 * transaction: it passes that step here instead of exposing it as a public business method to call through its
 * own proxy. Runs in the caller's transaction when there is one, else in a new one that commits on return;
 * Quire's exceptions roll it back and arrive unwrapped, any other as the container's {@code EJBException}.
 */
@Stateless
public class Transactions {

    public <T> T required(Supplier<T> step) {
        return step.get();
    }

    public void required(Runnable step) {
        step.run();
    }
}
