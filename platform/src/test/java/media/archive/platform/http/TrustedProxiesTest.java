package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    @Test
    void a_single_address_trusts_only_itself() {
        TrustedProxies proxies = TrustedProxies.of(List.of("192.0.2.7"));

        assertThat(proxies.trusts("192.0.2.7")).isTrue();
        assertThat(proxies.trusts("192.0.2.8")).isFalse();
    }

    @Test
    void an_ipv4_range_trusts_the_addresses_its_prefix_covers() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.1.128/25"));

        assertThat(proxies.trusts("10.255.1.2")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("172.31.255.255")).isTrue();
        assertThat(proxies.trusts("172.32.0.0")).isFalse();
        assertThat(proxies.trusts("192.168.1.128")).isTrue();
        assertThat(proxies.trusts("192.168.1.127")).isFalse();
    }

    @Test
    void an_ipv6_range_trusts_ipv6_peers_in_any_spelling() {
        TrustedProxies proxies = TrustedProxies.of(List.of("fd00::/8", "::1", "2001:db8:abcd::/48"));

        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusts("[::1]")).isTrue();
        assertThat(proxies.trusts("2001:db8:abcd:12::1")).isTrue();
        assertThat(proxies.trusts("2001:db8:abce::1")).isFalse();
        assertThat(proxies.trusts("10.0.0.1")).isFalse();
    }

    @Test
    void an_ipv4_peer_seen_as_an_ipv4_mapped_address_is_the_ipv4_peer() {
        TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1"));

        assertThat(proxies.trusts("::ffff:127.0.0.1")).isTrue();
        assertThat(TrustedProxies.of(List.of("::ffff:10.0.0.0/104")).trusts("10.1.2.3")).isTrue();
    }

    @Test
    void the_whole_address_space_can_be_trusted_on_purpose() {
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("203.0.113.9")).isTrue();
        assertThat(TrustedProxies.of(List.of("::/0")).trusts("2001:db8::9")).isTrue();
    }

    @Test
    void no_proxy_is_trusted_by_default() {
        assertThat(TrustedProxies.none().trusts("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.none().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.example", "999.1.1.1", "10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0/8",
            "10.0.0.1/", "010.0.0.1", "fd00::/8/8", "fe80::1%eth0", "1.2.3.4 x", ""})
    void a_name_or_a_malformed_range_is_a_configuration_error(String entry) {
        assertThatThrownBy(() -> TrustedProxies.of(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_peer_that_is_no_address_is_not_trusted_and_never_looked_up() {
        TrustedProxies proxies = TrustedProxies.of(List.of("0.0.0.0/0", "::/0"));

        assertThat(proxies.trusts("localhost")).isFalse();
        assertThat(proxies.trusts("999.0.0.1")).isFalse();
        assertThat(proxies.trusts(null)).isFalse();
        assertThat(proxies.trusts("x".repeat(10_000))).isFalse();
    }
}
