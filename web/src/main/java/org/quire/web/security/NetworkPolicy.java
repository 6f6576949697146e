package org.quire.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.platform.QuireConfig;

import java.util.Collections;
import java.util.logging.Logger;

/**
 * The network rules of {@code quire.trusted-networks} and {@code quire.trusted-proxies}, read once at start-up.
 * A malformed list fails closed: nobody counts as trusted (and the reason is logged).
 */
@ApplicationScoped
public class NetworkPolicy {

    private static final Logger LOG = Logger.getLogger(NetworkPolicy.class.getName());

    @Inject
    QuireConfig config;

    private ClientAddresses clients;
    private Networks trustedNetworks;
    private boolean misconfigured;

    @PostConstruct
    void read() {
        try {
            clients = new ClientAddresses(Networks.parse(config.trustedProxies()));
        } catch (IllegalArgumentException e) {
            LOG.severe("quire.trusted-proxies is malformed (" + e.getMessage() + "); no proxy is trusted");
            clients = new ClientAddresses(Networks.parse(""));
        }
        try {
            trustedNetworks = Networks.parse(config.trustedNetworks());
        } catch (IllegalArgumentException e) {
            LOG.severe("quire.trusted-networks is malformed (" + e.getMessage() + "); every protocol request is refused");
            trustedNetworks = Networks.parse("");
            misconfigured = true;
        }
    }

    /** The client's address as far as it can be believed. */
    public String clientAddress(HttpServletRequest request) {
        return clients.client(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** Whether a protocol request (WOPI, ONLYOFFICE) from {@code clientAddress} is accepted. */
    public boolean isTrusted(String clientAddress) {
        if (misconfigured) {
            return false;
        }
        return trustedNetworks.isEmpty() || trustedNetworks.contains(clientAddress);
    }
}
