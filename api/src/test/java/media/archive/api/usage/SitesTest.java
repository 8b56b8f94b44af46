package media.archive.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SitesTest {

    @Test
    void the_site_of_a_referer_is_its_origin() {
        assertThat(Sites.origin("https://news.example/2026/12/03/story.html?utm=x#top")).isEqualTo("https://news.example");
        assertThat(Sites.origin("http://news.example")).isEqualTo("http://news.example");
        assertThat(Sites.origin("https://news.example?q=1")).isEqualTo("https://news.example");
    }

    @Test
    void an_origin_already_in_its_form_is_answered_without_a_copy() {
        String origin = "https://news.example";
        assertThat(Sites.origin(origin)).isSameAs(origin);
    }

    @Test
    void scheme_and_host_are_lower_cased_and_a_trailing_dot_dropped() {
        assertThat(Sites.origin("HTTPS://News.Example./a")).isEqualTo("https://news.example");
    }

    @Test
    void default_ports_are_dropped_and_others_kept() {
        assertThat(Sites.origin("https://news.example:443/a")).isEqualTo("https://news.example");
        assertThat(Sites.origin("http://news.example:80/a")).isEqualTo("http://news.example");
        assertThat(Sites.origin("http://news.example:0080/a")).isEqualTo("http://news.example");
        assertThat(Sites.origin("http://news.example:/a")).isEqualTo("http://news.example");
        assertThat(Sites.origin("https://news.example:80/a")).isEqualTo("https://news.example:80");
        assertThat(Sites.origin("http://localhost:8080/desk")).isEqualTo("http://localhost:8080");
        assertThat(Sites.origin("http://localhost:08080/desk")).isEqualTo("http://localhost:8080");
    }

    @Test
    void ports_that_are_no_ports_name_no_site() {
        assertThat(Sites.origin("http://news.example:65536/")).isNull();
        assertThat(Sites.origin("http://news.example:8o80/")).isNull();
        assertThat(Sites.origin("http://news.example:123456/")).isNull();
        assertThat(Sites.origin("http://news.example:-1/")).isNull();
    }

    @Test
    void ip_addresses_are_sites() {
        assertThat(Sites.origin("http://192.0.2.7:8080/x")).isEqualTo("http://192.0.2.7:8080");
        assertThat(Sites.origin("http://[2001:DB8::1]:8080/x")).isEqualTo("http://[2001:db8::1]:8080");
        assertThat(Sites.origin("https://[::1]/x")).isEqualTo("https://[::1]");
        assertThat(Sites.origin("https://[::1]:443/x")).isEqualTo("https://[::1]");
        assertThat(Sites.origin("https://[zz::1]/x")).isNull();
    }

    @Test
    void an_international_host_is_named_as_browsers_send_it() {
        assertThat(Sites.origin("https://bücher.example/a")).isEqualTo("https://xn--bcher-kva.example");
        assertThat(Sites.origin("https://xn--bcher-kva.example/a")).isEqualTo("https://xn--bcher-kva.example");
        assertThat(Sites.origin("https://প্রথমআলো.বাংলা/")).startsWith("https://xn--").doesNotContain("প");
    }

    @Test
    void what_browsers_send_for_no_site_names_none() {
        assertThat(Sites.origin(null)).isNull();
        assertThat(Sites.origin("")).isNull();
        assertThat(Sites.origin("null")).isNull();
        assertThat(Sites.origin("about:blank")).isNull();
        assertThat(Sites.origin("android-app://com.example.news/")).isNull();
        assertThat(Sites.origin("file:///home/lan/page.html")).isNull();
        assertThat(Sites.origin("data:text/html,<img src=x>")).isNull();
        assertThat(Sites.origin("https://")).isNull();
        assertThat(Sites.origin("https:///path")).isNull();
    }

    @Test
    void hostile_values_name_no_site() {
        assertThat(Sites.origin("https://user:secret@news.example/")).isNull();
        assertThat(Sites.origin("https://evil.example\\@news.example/")).isNull();
        assertThat(Sites.origin("https://news.example\r\nSet-Cookie: a=b")).isNull();
        assertThat(Sites.origin("https://news example/")).isNull();
        assertThat(Sites.origin("https://<script>/")).isNull();
        assertThat(Sites.origin("https://news..example/")).isNull();
        assertThat(Sites.origin("https://.news.example/")).isNull();
        assertThat(Sites.origin("https://%6eews.example/")).isNull();
        assertThat(Sites.origin("https://news.example:443:443/")).isNull();
        assertThat(Sites.origin("https://" + "a".repeat(64) + ".example/")).isNull();
        assertThat(Sites.origin("https://\u0000/")).isNull();
    }

    @Test
    void a_very_long_referer_is_read_only_up_to_its_authority() {
        String path = "/" + "x".repeat(1_000_000);
        assertThat(Sites.origin("https://news.example" + path)).isEqualTo("https://news.example");
        assertThat(Sites.origin("https://" + "a.".repeat(1_000_000) + "example/")).isNull();
        assertThat(Sites.origin("https://" + "a".repeat(1_000_000))).isNull();
    }

    @Test
    void the_referer_wins_over_the_origin_and_the_origin_stands_in_for_a_missing_one() {
        assertThat(Sites.of("https://a.example/page", "https://b.example")).isEqualTo("https://a.example");
        assertThat(Sites.of(null, "https://b.example")).isEqualTo("https://b.example");
        assertThat(Sites.of("about:blank", "https://b.example")).isEqualTo("https://b.example");
        assertThat(Sites.of(null, "null")).isNull();
    }

    @Test
    void a_site_is_on_its_host_and_the_hosts_above_it() {
        assertThat(Sites.isOn("https://news.example", "news.example")).isTrue();
        assertThat(Sites.isOn("https://www.news.example:8443", "news.example")).isTrue();
        assertThat(Sites.isOn("http://www.news.example", "NEWS.example")).isTrue();
        assertThat(Sites.isOn("https://www.news.example", "https://news.example")).isTrue();
        assertThat(Sites.isOn("https://badnews.example", "news.example")).isFalse();
        assertThat(Sites.isOn("https://news.example", "www.news.example")).isFalse();
        assertThat(Sites.isOn("https://news.example.evil", "news.example")).isFalse();
        assertThat(Sites.isOn("https://xn--bcher-kva.example", "bücher.example")).isTrue();
    }
}
