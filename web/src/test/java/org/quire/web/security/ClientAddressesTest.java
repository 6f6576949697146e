package org.quire.web.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    final ClientAddresses resolver = new ClientAddresses(Networks.parse("10.0.0.0/8, 2001:db8:1::/48"));

    @Test
    void directPeerWhenNoProxyIsTrusted() {
        ClientAddresses none = new ClientAddresses(Networks.parse(""));
        assertThat(none.client("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        assertThat(resolver.client("198.51.100.7", List.of("10.9.9.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void walksRightToLeftSkippingTrustedProxies() {
        assertThat(resolver.client("10.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(resolver.client("10.0.0.1", List.of("203.0.113.9, 10.0.0.2"))).isEqualTo("203.0.113.9");
        // the client wrote a trusted-looking address on the left: never believed
        assertThat(resolver.client("10.0.0.1", List.of("10.5.5.5, 203.0.113.9"))).isEqualTo("203.0.113.9");
        // several headers count as one list, in order
        assertThat(resolver.client("10.0.0.1", List.of("198.51.100.1", "203.0.113.9, 10.0.0.2"))).isEqualTo("203.0.113.9");
    }

    @Test
    void allTrustedGivesTheLeftmost() {
        assertThat(resolver.client("10.0.0.1", List.of("10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
    }

    @Test
    void garbageEndsTheWalkAtTheLastBelievableHop() {
        assertThat(resolver.client("10.0.0.1", List.of("203.0.113.9, unknown"))).isEqualTo("10.0.0.1");
        assertThat(resolver.client("10.0.0.1", List.of("garbage, 10.0.0.2"))).isEqualTo("10.0.0.2");
    }

    @Test
    void noHeaderGivesThePeer() {
        assertThat(resolver.client("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6AndMappedAddresses() {
        assertThat(resolver.client("2001:db8:1::5", List.of("2001:db8:2::9"))).isEqualTo("2001:db8:2::9");
        assertThat(resolver.client("::ffff:10.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(resolver.client("0:0:0:0:0:0:0:1", List.of())).isEqualTo("::1");
    }

    @Test
    void networks() {
        Networks n = Networks.parse("127.0.0.0/8, ::1/128, 192.168.1.7");
        assertThat(n.contains("127.0.0.1")).isTrue();
        assertThat(n.contains("::1")).isTrue();
        assertThat(n.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(n.contains("::ffff:127.0.0.1")).isTrue();
        assertThat(n.contains("192.168.1.7")).isTrue();
        assertThat(n.contains("192.168.1.8")).isFalse();
        assertThat(n.contains("10.0.0.1")).isFalse();
        assertThat(n.contains("localhost")).isFalse();
        assertThat(n.contains("127.0.0.0/8")).isFalse();
        assertThat(n.contains((String) null)).isFalse();
        assertThat(Networks.parse(" ").isEmpty()).isTrue();
        // a host address with a prefix means its whole network
        assertThat(Networks.parse("10.1.2.3/16").contains("10.1.200.1")).isTrue();
        assertThatThrownBy(() -> Networks.parse("10.0.0.0/8, intranet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Networks.parse("300.1.1.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
