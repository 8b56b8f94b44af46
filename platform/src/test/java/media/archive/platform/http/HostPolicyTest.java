package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {
    private final HostPolicy local = HostPolicy.of(List.of("localhost", "127.0.0.1", "[::1]"));

    @Test
    void a_listed_host_is_allowed_on_any_port_and_in_any_case() {
        assertThat(local.check("localhost")).map(HostPolicy.HostAndPort::authority).contains("localhost");
        assertThat(local.check("LOCALHOST:8080")).map(HostPolicy.HostAndPort::authority).contains("localhost:8080");
        assertThat(local.check("127.0.0.1:65535")).isPresent();
        assertThat(local.check("localhost.")).map(HostPolicy.HostAndPort::authority).contains("localhost");
    }

    @Test
    void ipv6_literals_are_compared_as_addresses() {
        assertThat(local.check("[::1]:8080")).map(HostPolicy.HostAndPort::authority).contains("[::1]:8080");
        assertThat(local.check("[0:0:0:0:0:0:0:1]")).isPresent();
        assertThat(local.check("[::2]")).isEmpty();
        assertThat(local.check("::1")).isEmpty();
        assertThat(local.check("[::1")).isEmpty();
        assertThat(local.check("[::g]")).isEmpty();
        assertThat(local.check("[fe80::1%25eth0]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "localhost.evil.example", "evil.example@localhost", "localhost@evil.example",
            "evil.example:80@localhost", "localhost:80:80", "localhost:0", "localhost:65536", "localhost:123456",
            "localhost\r\nX-Injected: 1", "localhost evil.example", "localhost/evil", "localhost#evil", "localhost?x",
            "lоcalhost", "localhost\u0000", "localhost..", ".localhost", "", " ", "[::1]evil.example",
            "127.0.0.1.evil.example", "evil.example\\localhost", "xn--lcalhost-0wf"})
    void hostile_or_malformed_hosts_are_refused(String host) {
        assertThat(local.check(host)).isEmpty();
    }

    @Test
    void a_very_long_host_is_refused_without_trying_to_match_it() {
        assertThat(local.check("a".repeat(100_000) + ".localhost")).isEmpty();
        assertThat(HostPolicy.anyHost().check("a".repeat(300))).isEmpty();
    }

    @Test
    void no_header_is_no_host() {
        assertThat(local.check(null)).isEmpty();
    }

    @Test
    void a_leading_dot_allows_the_domain_and_its_subdomains_but_not_look_alikes() {
        HostPolicy policy = HostPolicy.of(List.of(".example.com"));

        assertThat(policy.check("example.com")).isPresent();
        assertThat(policy.check("photos.example.com:443")).isPresent();
        assertThat(policy.check("a.b.example.com")).isPresent();
        assertThat(policy.check("badexample.com")).isEmpty();
        assertThat(policy.check("example.com.evil.example")).isEmpty();
    }

    @Test
    void a_star_allows_any_well_formed_host_but_still_no_malformed_one() {
        HostPolicy any = HostPolicy.of(List.of("*"));

        assertThat(any.allowsAny()).isTrue();
        assertThat(any.check("anything.example:8080")).isPresent();
        assertThat(any.check("evil.example@localhost")).isEmpty();
        assertThat(any.check("a\r\nb")).isEmpty();
    }

    @Test
    void a_pattern_with_a_port_or_a_strange_character_is_a_configuration_error() {
        assertThatThrownBy(() -> HostPolicy.of(List.of("localhost:8080"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPolicy.of(List.of("user@host"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPolicy.of(List.of("*.example.com"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_local_defaults_hold_the_loopback_names_and_this_machines_name() throws Exception {
        List<String> names = HostPolicy.localNames();

        assertThat(names).contains("localhost", "127.0.0.1", "[::1]");
        assertThat(names).contains(java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT));
        assertThat(HostPolicy.localDefaults().check("[::1]:8080")).isPresent();
    }
}
