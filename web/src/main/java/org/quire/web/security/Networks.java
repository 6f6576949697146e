package org.quire.web.security;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of networks in CIDR notation (IPv4 and IPv6; a bare address is a single host), e.g.
 * {@code 10.0.0.0/8, 192.168.1.7, fd00::/8}. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) match their
 * IPv4 networks. An entry that is not a network is a configuration error, refused when the list is read.
 */
public final class Networks {

    private final List<IPAddress> networks;

    private Networks(List<IPAddress> networks) {
        this.networks = List.copyOf(networks);
    }

    /** Parses a comma-separated list; blank means no network. */
    public static Networks parse(String cidrList) {
        List<IPAddress> parsed = new ArrayList<>();
        if (cidrList != null) {
            for (String entry : cidrList.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                try {
                    parsed.add(new IPAddressString(e).toAddress().toPrefixBlock());
                } catch (AddressStringException ex) {
                    throw new IllegalArgumentException("'" + e + "' is not a network in CIDR notation", ex);
                }
            }
        }
        return new Networks(parsed);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether {@code address} (a literal IP address) lies in one of the networks; anything else is not. */
    public boolean contains(String address) {
        return address(address).map(this::contains).orElse(false);
    }

    boolean contains(IPAddress address) {
        for (IPAddress network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** A literal address (no host names, no prefix), IPv4-mapped IPv6 turned into IPv4. */
    static Optional<IPAddress> address(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        IPAddressString s = new IPAddressString(t);
        if (!s.isIPAddress() || s.isPrefixed()) {
            return Optional.empty();
        }
        IPAddress a = s.getAddress();
        if (a == null) {
            return Optional.empty();
        }
        if (a.isIPv6() && a.toIPv6().isIPv4Mapped()) {
            return Optional.of(a.toIPv6().getEmbeddedIPv4Address());
        }
        return Optional.of(a.withoutPrefixLength());
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
