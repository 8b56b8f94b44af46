package media.archive.api.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import media.archive.api.serving.ServingConfig;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import org.junit.jupiter.api.Test;

class PublicPageTest {
    private static final String BASE = "https://photos.example.com";
    private static final Pattern JSON_LD = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void a_picture_below_300_by_157_gets_the_small_card_and_larger_ones_the_large_card() {
        assertThat(page(ImageMetadata.builder(), 5, 4)).contains("<meta name=\"twitter:card\" content=\"summary\">");
        assertThat(page(ImageMetadata.builder(), 299, 500)).contains("<meta name=\"twitter:card\" content=\"summary\">");
        assertThat(page(ImageMetadata.builder(), 500, 156)).contains("<meta name=\"twitter:card\" content=\"summary\">");
        assertThat(page(ImageMetadata.builder(), 300, 157)).contains("<meta name=\"twitter:card\" content=\"summary_large_image\">");
    }

    @Test
    void the_page_of_a_picture_without_a_headline_is_titled_by_its_caption_and_described_by_it() {
        String html = page(ImageMetadata.builder().description("Boats on the river. The water rose overnight."), 1024, 683);

        assertThat(html).contains("<title>Boats on the river. | Archive</title>")
                .contains("<meta name=\"description\" content=\"Boats on the river. The water rose overnight.\">")
                .contains("<meta property=\"og:description\" content=\"Boats on the river. The water rose overnight.\">")
                .doesNotContain("Photo ");
    }

    @Test
    void a_picture_without_a_caption_has_no_empty_description() {
        String html = page(ImageMetadata.builder(), 1024, 683);

        assertThat(html).contains("<title>IMG_0001.jpg | Archive</title>")
                .doesNotContain("name=\"description\"").doesNotContain("og:description").doesNotContain("twitter:description");
    }

    @Test
    void the_main_picture_loads_first_and_the_page_links_its_icon() {
        String html = page(ImageMetadata.builder(), 1024, 683);

        assertThat(html).contains(" loading=\"eager\" fetchpriority=\"high\"").doesNotContain("loading=\"lazy\"")
                .contains("<link rel=\"icon\" href=\"" + BASE + "/favicon.ico\"")
                .contains("<link rel=\"icon\" href=\"" + BASE + "/favicon.svg\" type=\"image/svg+xml\">");
    }

    @Test
    void json_ld_names_the_picture_its_creators_credit_and_copyright_as_schema_org_image_object() {
        String html = page(ImageMetadata.builder().description("Boats on the river.").creator(List.of("Tran Trung", "Le Minh"))
                .creditLine("ছবি: ট্রান ট্রুং").credit("VnExpress").copyright("© 2025 VnExpress"), 1024, 683);

        JsonNode object = jsonLd(html);

        assertThat(object.path("@context").asText()).isEqualTo("https://schema.org");
        assertThat(object.path("@type").asText()).isEqualTo("ImageObject");
        assertThat(object.path("contentUrl").asText()).startsWith(BASE + "/v1/images/" + EmbedTest.ID + "/renditions/medium?v=");
        assertThat(object.path("url").asText()).isEqualTo(BASE + "/i/" + EmbedTest.ID);
        assertThat(object.path("name").asText()).isEqualTo("Boats on the river.");
        assertThat(object.path("creator").findValuesAsText("name")).containsExactly("Tran Trung", "Le Minh");
        assertThat(object.path("creator").get(0).path("@type").asText()).isEqualTo("Person");
        assertThat(object.path("creditText").asText()).isEqualTo("ছবি: ট্রান ট্রুং");
        assertThat(object.path("copyrightNotice").asText()).isEqualTo("© 2025 VnExpress");
    }

    @Test
    void json_ld_names_the_licence_and_where_to_get_one_when_they_are_web_addresses() {
        JsonNode licensed = jsonLd(page(ImageMetadata.builder().webStatement("https://example.com/rights")
                .licensorUrl("https://example.com/licensing"), 1024, 683));
        JsonNode unlinked = jsonLd(page(ImageMetadata.builder().webStatement("iptc copyright-copyright info")
                .licensorUrl("javascript:alert(1)"), 1024, 683));

        assertThat(licensed.path("license").asText()).isEqualTo("https://example.com/rights");
        assertThat(licensed.path("acquireLicensePage").asText()).isEqualTo("https://example.com/licensing");
        assertThat(unlinked.has("license")).isFalse();
        assertThat(unlinked.has("acquireLicensePage")).isFalse();
    }

    @Test
    void json_ld_leaves_out_what_the_record_does_not_have_and_credits_the_provider_without_a_credit_line() {
        JsonNode object = jsonLd(page(ImageMetadata.builder().credit("Reuters"), 1024, 683));

        assertThat(object.path("creditText").asText()).isEqualTo("Reuters");
        assertThat(object.has("creator")).isFalse();
        assertThat(object.has("copyrightNotice")).isFalse();
        assertThat(object.has("caption")).isFalse();
        assertThat(object.has("license")).isFalse();
        assertThat(object.has("acquireLicensePage")).isFalse();
    }

    @Test
    void a_caption_cannot_end_the_json_ld_script_or_open_a_comment_in_it() {
        String caption = "</script><script>alert(1)</script> <!-- & \u2028 \u0085 \uD800";
        String html = page(ImageMetadata.builder().description(caption), 1024, 683);

        Matcher script = JSON_LD.matcher(html);
        assertThat(script.find()).isTrue();
        assertThat(script.group(1)).doesNotContain("<").doesNotContain(">").doesNotContain("&")
                .doesNotContain("\u2028").doesNotContain("\u0085").contains("\\u003c/script\\u003e");
        assertThat(html).doesNotContain("<script>alert");
        // A JSON reader sees the caption exactly as written: the escapes are JSON's own.
        assertThat(jsonLd(html).path("caption").asText()).isEqualTo(caption);
    }

    @Test
    void the_page_policy_lets_no_script_run_and_pictures_come_only_from_the_archive() {
        assertThat(PublicPage.policy("https://photos.example.com/archive"))
                .isEqualTo("default-src 'none'; img-src 'self' https://photos.example.com; style-src 'unsafe-inline'; "
                        + "base-uri 'none'; form-action 'none'");
        assertThat(PublicPage.policy("http://127.0.0.1:8080")).contains("img-src 'self' http://127.0.0.1:8080;")
                .doesNotContain("script-src");
    }

    private static String page(ImageMetadata.Builder metadata, int width, int height) {
        ImageRecord record = EmbedTest.record(metadata, null, "IMG_0001.jpg", width, height);
        Embed embed = Embed.of(record, BASE, ServingConfig.DEFAULT_WIDTHS);
        return PublicPage.html(record, embed, BASE, "Archive", BASE + "/oembed?format=json&url=x");
    }

    private static JsonNode jsonLd(String html) {
        Matcher script = JSON_LD.matcher(html);
        assertThat(script.find()).as("JSON-LD in " + html).isTrue();
        return Json.read(script.group(1).getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }
}
