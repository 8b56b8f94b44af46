package media.archive.api.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import media.archive.api.index.Events;
import media.archive.api.serving.ServedSizes;
import media.archive.api.serving.ServingConfig;
import media.archive.contracts.Appearance;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import org.junit.jupiter.api.Test;

class EmbedTest {
    private static final ImageId ID = Events.id("embed test");
    private static final String BASE = "https://photos.example.com";

    @Test
    void the_snippet_is_a_responsive_figure_with_caption_credit_and_placeholder_colour() {
        ImageRecord record = record(ImageMetadata.builder().width(1500).height(1000)
                .creator(List.of("Marina Ekroos")).credit("Marina Ekroos").description("Skateboarding in Helsinki")
                .altText("A skater mid-air under a concrete bridge"), new Appearance(null, "#a0b1c2", null));

        Embed embed = Embed.of(record, BASE, ServingConfig.DEFAULT_WIDTHS);

        String medium = BASE + ServedSizes.path(record, "medium");
        assertThat(medium).startsWith(BASE + "/v1/images/" + ID + "/renditions/medium?v=");
        assertThat(embed.src()).isEqualTo(medium);
        assertThat(embed.srcset()).extracting(Embed.Source::width).containsExactly(256, 320, 480, 640, 800, 1024, 1280);
        assertThat(embed.srcset().get(1).url()).isEqualTo(medium + "&w=320");
        assertThat(embed.html())
                .startsWith("<figure")
                .contains("<img src=\"" + medium.replace("&", "&amp;") + "\"")
                .contains("sizes=\"(max-width: 1024px) 100vw, 1024px\"")
                .contains("width=\"1024\" height=\"683\"")
                .contains("alt=\"A skater mid-air under a concrete bridge\"")
                .contains("loading=\"lazy\" decoding=\"async\"")
                .contains("background-color:#a0b1c2")
                .contains("<span class=\"archive-caption\">Skateboarding in Helsinki</span>")
                .contains("<span class=\"archive-credit\">Photo: Marina Ekroos</span>")
                .endsWith("</figure>");
    }

    @Test
    void every_text_is_escaped_so_no_caption_becomes_markup() {
        ImageRecord record = record(ImageMetadata.builder()
                .description("<script>alert(1)</script>").headline("\" onload=\"alert(2)")
                .creditLine("Photo: <b>Agency</b> & 'friends'"), null);

        String html = Embed.of(record, BASE, ServingConfig.DEFAULT_WIDTHS).html();

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("\" onload")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("alt=\"&quot; onload=&quot;alert(2)\"")
                .contains("Photo: &lt;b&gt;Agency&lt;/b&gt; &amp; &#39;friends&#39;")
                .doesNotContain("background-color");
    }

    @Test
    void the_credit_line_wins_and_otherwise_creator_and_credit_make_one() {
        assertThat(Embed.credit(record(ImageMetadata.builder().creditLine("ছবি: ট্রান ট্রুং").creator(List.of("Tran Trung")), null)))
                .isEqualTo("ছবি: ট্রান ট্রুং");
        assertThat(Embed.credit(record(ImageMetadata.builder().creator(List.of("Tran Trung")).credit("VnExpress"), null)))
                .isEqualTo("Photo: Tran Trung / VnExpress");
        assertThat(Embed.credit(record(ImageMetadata.builder().creator(List.of("Tran Trung")), null))).isEqualTo("Photo: Tran Trung");
        assertThat(Embed.credit(record(ImageMetadata.builder().credit("Reuters"), null))).isEqualTo("Photo: Reuters");
        assertThat(Embed.credit(record(ImageMetadata.builder(), null))).isNull();
    }

    @Test
    void alt_text_falls_back_to_the_headline_then_the_caption() {
        assertThat(Embed.alt(record(ImageMetadata.builder().headline("Flood").description("Water in the streets"), null))).isEqualTo("Flood");
        assertThat(Embed.alt(record(ImageMetadata.builder().description("Water in the streets"), null))).isEqualTo("Water in the streets");
        assertThat(Embed.alt(record(ImageMetadata.builder(), null))).isEmpty();
    }

    private static ImageRecord record(ImageMetadata.Builder metadata, Appearance appearance) {
        List<Rendition> renditions = List.of(
                new Rendition("thumb", 256, 171, 9_000, "image/jpeg", ObjectKeys.rendition(ID, "thumb", "jpg")),
                new Rendition("medium", 1024, 683, 90_000, "image/jpeg", ObjectKeys.rendition(ID, "medium", "jpg")));
        ImageProcessed processed = new ImageProcessed(ID, Instant.parse("2025-10-25T10:00:00Z"), metadata.build(), renditions, appearance);
        return ImageRecord.of(Events.uploaded(ID, Instant.parse("2025-10-25T09:59:00Z")), processed);
    }
}
