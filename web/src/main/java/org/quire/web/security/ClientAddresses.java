package org.quire.web.security;

import inet.ipaddr.IPAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Who the client is. The direct peer, unless the peer is one of {@code quire.trusted-proxies}: then
 * {@code X-Forwarded-For} is walked from right to left (the rightmost entry was added by the nearest proxy),
 * trusted proxies are skipped, and the first address that is not a trusted proxy is the client. Entries left
 * of it were written by the client itself and are never believed. An entry that is not an IP address ends the
 * walk at the last hop that could be believed.
 */
public final class ClientAddresses {

    private final Networks trustedProxies;

    public ClientAddresses(Networks trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param peer           the address of the TCP peer ({@code ServletRequest.getRemoteAddr()})
     * @param forwardedFor   every {@code X-Forwarded-For} header value, in the order received
     */
    public String client(String peer, List<String> forwardedFor) {
        Optional<IPAddress> direct = Networks.address(peer);
        if (direct.isEmpty() || !trustedProxies.contains(direct.get()) || forwardedFor == null || forwardedFor.isEmpty()) {
            return normalised(peer, direct);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        Collections.reverse(hops);
        String believed = normalised(peer, direct);
        for (String hop : hops) {
            Optional<IPAddress> a = Networks.address(hop);
            if (a.isEmpty()) {
                return believed;
            }
            believed = a.get().toCanonicalString();
            if (!trustedProxies.contains(a.get())) {
                return believed;
            }
        }
        return believed;
    }

    private static String normalised(String peer, Optional<IPAddress> parsed) {
        return parsed.map(IPAddress::toCanonicalString).orElse(peer);
    }
}
