package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageUrlsTest {
    private static final String BASE = "https://photos.example.com/archive";

    @Test
    void a_page_of_the_archive_names_its_section_and_name_over_http_or_https() {
        assertThat(PageUrls.nameOfPage(BASE + "/g/abc", BASE, "g")).contains("abc");
        assertThat(PageUrls.nameOfPage("http://PHOTOS.example.com/archive/i/abc/", BASE, "i")).contains("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example/archive/g/abc",
        "https://photos.example.com:8443/archive/g/abc",
        "https://user@photos.example.com/archive/g/abc",
        "ftp://photos.example.com/archive/g/abc",
        "https://photos.example.com/g/abc",
        "https://photos.example.com/archive/i/abc",
        "not a url at all",
        "/archive/g/abc",
    })
    void anything_else_names_no_page(String url) {
        assertThat(PageUrls.nameOfPage(url, BASE, "g")).isEmpty();
    }

    @Test
    void a_very_long_url_is_not_parsed() {
        assertThat(PageUrls.nameOfPage(BASE + "/g/" + "a".repeat(3000), BASE, "g")).isEmpty();
        assertThat(PageUrls.nameOfPage(null, BASE, "g")).isEmpty();
    }
}
