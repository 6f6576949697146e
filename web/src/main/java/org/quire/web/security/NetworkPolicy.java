package org.quire.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.quire.settings.QuireConfig;

import java.util.Collections;
import java.util.logging.Logger;

/**
 * The network rules of {@code quire.trusted-networks} and {@code quire.trusted-proxies}, as currently in force
 * (administrators may change them: {@link org.quire.settings.SettingsService}). The lists are parsed again only
 * when their text changes. A malformed list fails closed: nobody counts as trusted (and the reason is logged once
 * per value).
 */
@ApplicationScoped
public class NetworkPolicy {

    private static final Logger LOG = Logger.getLogger(NetworkPolicy.class.getName());

    @Inject
    QuireConfig config;

    private record Parsed(String proxiesText, String networksText, ClientAddresses clients, Networks trustedNetworks, boolean misconfigured) {
    }

    private volatile Parsed parsed;

    private Parsed current() {
        String proxies = config.trustedProxies();
        String networks = config.trustedNetworks();
        Parsed p = parsed;
        if (p != null && p.proxiesText().equals(proxies) && p.networksText().equals(networks)) {
            return p;
        }
        p = parse(proxies, networks);
        parsed = p;
        return p;
    }

    static Parsed parse(String proxies, String networks) {
        ClientAddresses clients;
        try {
            clients = new ClientAddresses(Networks.parse(proxies));
        } catch (IllegalArgumentException e) {
            LOG.severe("quire.trusted-proxies is malformed (" + e.getMessage() + "); no proxy is trusted");
            clients = new ClientAddresses(Networks.parse(""));
        }
        Networks trusted;
        boolean misconfigured = false;
        try {
            trusted = Networks.parse(networks);
        } catch (IllegalArgumentException e) {
            LOG.severe("quire.trusted-networks is malformed (" + e.getMessage() + "); every protocol request is refused");
            trusted = Networks.parse("");
            misconfigured = true;
        }
        return new Parsed(proxies, networks, clients, trusted, misconfigured);
    }

    /** The client's address as far as it can be believed. */
    public String clientAddress(HttpServletRequest request) {
        return current().clients().client(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** Whether a protocol request (WOPI, ONLYOFFICE) from {@code clientAddress} is accepted. */
    public boolean isTrusted(String clientAddress) {
        Parsed p = current();
        if (p.misconfigured()) {
            return false;
        }
        return p.trustedNetworks().isEmpty() || p.trustedNetworks().contains(clientAddress);
    }
}
