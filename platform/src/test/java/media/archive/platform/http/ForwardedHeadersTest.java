package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardedHeadersTest {
    @Test
    void the_examples_of_rfc_7239_parse() {
        assertThat(ForwardedHeaders.parse("for=\"_gazonk\"")).contains(List.of(Map.of("for", "_gazonk")));
        assertThat(ForwardedHeaders.parse("For=\"[2001:db8:cafe::17]:4711\"")).contains(List.of(Map.of("for", "[2001:db8:cafe::17]:4711")));
        assertThat(ForwardedHeaders.parse("for=192.0.2.60;proto=http;by=203.0.113.43"))
                .contains(List.of(Map.of("for", "192.0.2.60", "proto", "http", "by", "203.0.113.43")));
        assertThat(ForwardedHeaders.parse("for=192.0.2.43, for=198.51.100.17"))
                .contains(List.of(Map.of("for", "192.0.2.43"), Map.of("for", "198.51.100.17")));
    }

    @Test
    void the_last_hop_is_the_one_the_nearest_proxy_appended() {
        Optional<ForwardedHeaders.Hop> hop = ForwardedHeaders.lastForwarded(List.of(
                "for=1.2.3.4;host=evil.example;proto=http",
                "for=198.51.100.17;host=\"photos.example.com\";proto=HTTPS"));

        assertThat(hop).contains(new ForwardedHeaders.Hop(Optional.of("photos.example.com"), Optional.of("https")));
    }

    @Test
    void quoted_values_may_hold_separators_and_escapes() {
        assertThat(ForwardedHeaders.parse("host=\"a,b;c=d\";for=\"x\\\"y\" , proto=https"))
                .contains(List.of(Map.of("host", "a,b;c=d", "for", "x\"y"), Map.of("proto", "https")));
    }

    @Test
    void empty_elements_and_pairs_are_skipped_as_the_list_syntax_allows() {
        assertThat(ForwardedHeaders.parse(" , for=a;;proto=https ,, ")).contains(List.of(Map.of("for", "a", "proto", "https")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"for=\"unterminated", "host", "host=", "=x", "host=a b", "host=a;host=b", "host=\"a\r\nb\"",
            "host=\"é\"", "host=é", "host=a\u0000", "host=\"a\\", "host=a@b c", "host=a\"b\""})
    void a_value_breaking_the_grammar_is_no_hop_at_all(String value) {
        assertThat(ForwardedHeaders.parse(value)).isEmpty();
        assertThat(ForwardedHeaders.lastForwarded(List.of(value))).isEmpty();
    }

    @Test
    void an_unterminated_quote_of_the_client_swallows_the_proxys_hop_so_nothing_is_believed() {
        assertThat(ForwardedHeaders.lastForwarded(List.of("for=\"x", "for=10.0.0.1;host=photos.example.com"))).isEmpty();
    }

    @Test
    void a_very_long_header_parses_in_one_pass() {
        String value = "for=a;host=b,".repeat(50_000) + "host=photos.example.com";

        assertThat(ForwardedHeaders.lastForwarded(List.of(value)).flatMap(ForwardedHeaders.Hop::host)).contains("photos.example.com");
    }

    @Test
    void x_forwarded_headers_give_their_last_values() {
        assertThat(ForwardedHeaders.lastXForwarded(List.of("evil.example, photos.example.com"), List.of("http", "HTTPS")))
                .contains(new ForwardedHeaders.Hop(Optional.of("photos.example.com"), Optional.of("https")));
        assertThat(ForwardedHeaders.lastXForwarded(List.of(), List.of())).isEmpty();
        assertThat(ForwardedHeaders.lastXForwarded(List.of("a,"), List.of())).isEmpty();
    }
}
