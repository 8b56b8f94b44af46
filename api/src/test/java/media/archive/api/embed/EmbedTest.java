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
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import org.junit.jupiter.api.Test;

class EmbedTest {
    static final ImageId ID = Events.id("embed test");
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

    @Test
    void the_title_is_the_headline_then_the_title_then_the_captions_first_sentence_then_the_file_name() {
        ImageMetadata.Builder all = ImageMetadata.builder().headline("Flood").title("IMG-2041 flood").description("Water. Everywhere.");
        assertThat(Embed.title(record(all, null))).isEqualTo("Flood");
        assertThat(Embed.title(record(all.headline(null), null))).isEqualTo("IMG-2041 flood");
        assertThat(Embed.title(record(all.title(" "), null))).isEqualTo("Water.");
        assertThat(Embed.title(record(ImageMetadata.builder(), null, "DSC_0042.JPG"))).isEqualTo("DSC_0042.JPG");
    }

    @Test
    void the_first_sentence_ends_at_the_bengali_danda_and_the_cjk_full_stop_too() {
        assertThat(title("ঢাকায় বন্যা। মানুষ ঘর ছেড়ে যাচ্ছে।")).isEqualTo("ঢাকায় বন্যা।");
        assertThat(title("東京の朝。人々が駅へ急ぐ。")).isEqualTo("東京の朝。");
        assertThat(title("Flood in Hanoi! People leave their homes.")).isEqualTo("Flood in Hanoi!");
        assertThat(title("A caption with no full stop at all")).isEqualTo("A caption with no full stop at all");
    }

    @Test
    void a_title_does_not_end_at_the_full_stop_of_an_abbreviation() {
        assertThat(title("Dr. Amina Rahman visits the U.S. Embassy in Dhaka. She met the ambassador."))
                .isEqualTo("Dr. Amina Rahman visits the U.S. Embassy in Dhaka.");
    }

    @Test
    void a_title_from_a_long_caption_stops_at_a_word_with_an_ellipsis() {
        String sentence = "Rescue workers carry an elderly woman through the flooded streets of the old quarter while"
                + " neighbours watch from the balconies above them";
        String title = title(sentence + ". Later more.");
        assertThat(title).hasSizeLessThanOrEqualTo(Embed.TITLE_LENGTH).endsWith("…").startsWith("Rescue workers carry");
        assertThat(sentence).contains(title.substring(0, title.length() - 1) + " ");
        // Without spaces (Japanese), the cut falls between characters.
        assertThat(title("東".repeat(200))).isEqualTo("東".repeat(Embed.TITLE_LENGTH - 1) + "…");
    }

    @Test
    void the_file_name_in_a_title_has_no_folders_and_a_picture_without_any_name_is_still_titled() {
        assertThat(Embed.title(record(ImageMetadata.builder(), null, "shoot/day 2/DSC_0042.jpg"))).isEqualTo("DSC_0042.jpg");
        assertThat(Embed.title(record(ImageMetadata.builder(), null, "C:\\Users\\tran\\IMG_7.jpg"))).isEqualTo("IMG_7.jpg");
        assertThat(Embed.title(record(ImageMetadata.builder(), null, null))).isEqualTo(Embed.UNTITLED);
        assertThat(Embed.title(record(ImageMetadata.builder(), null, "folder/"))).isEqualTo(Embed.UNTITLED);
    }

    @Test
    void the_description_is_the_caption_on_one_line_cut_at_a_word_near_160_characters() {
        String caption = "Water in the streets of Hanoi\nafter the storm. " + "Families wait on the roofs for the boats to come. ".repeat(5);
        String description = Embed.description(record(ImageMetadata.builder().description(caption), null));
        assertThat(description).hasSizeLessThanOrEqualTo(Embed.DESCRIPTION_LENGTH).hasSizeGreaterThan(120)
                .startsWith("Water in the streets of Hanoi after the storm.").endsWith("…").doesNotContain("\n");
        assertThat(caption.replace('\n', ' ')).contains(description.substring(0, description.length() - 1) + " ");
        assertThat(Embed.description(record(ImageMetadata.builder().description("Short."), null))).isEqualTo("Short.");
        assertThat(Embed.description(record(ImageMetadata.builder(), null))).isNull();
    }

    @Test
    void the_picture_of_its_own_page_loads_first_and_an_embed_loads_lazily_with_the_same_markup() {
        Embed embed = Embed.of(record(ImageMetadata.builder().description("Water"), null), BASE, ServingConfig.DEFAULT_WIDTHS);

        String eager = embed.figure(Embed.Loading.EAGER);

        assertThat(eager).contains(" loading=\"eager\" fetchpriority=\"high\"").doesNotContain("lazy");
        assertThat(embed.figure(Embed.Loading.LAZY)).isEqualTo(embed.html()).contains(" loading=\"lazy\"").doesNotContain("fetchpriority");
        assertThat(eager.replace(" loading=\"eager\" fetchpriority=\"high\"", " loading=\"lazy\" decoding=\"async\""))
                .isEqualTo(embed.html());
    }

    private static String title(String caption) {
        return Embed.title(record(ImageMetadata.builder().description(caption), null));
    }

    private static ImageRecord record(ImageMetadata.Builder metadata, Appearance appearance) {
        return record(metadata, appearance, "IMG_0001.jpg");
    }

    static ImageRecord record(ImageMetadata.Builder metadata, Appearance appearance, String fileName) {
        return record(metadata, appearance, fileName, 1024, 683);
    }

    /** A ready record with a thumbnail and a {@code width} x {@code height} medium rendition. */
    static ImageRecord record(ImageMetadata.Builder metadata, Appearance appearance, String fileName, int width, int height) {
        List<Rendition> renditions = List.of(
                new Rendition("thumb", Math.min(256, width), Math.min(171, height), 9_000, "image/jpeg", ObjectKeys.rendition(ID, "thumb", "jpg")),
                new Rendition("medium", width, height, 90_000, "image/jpeg", ObjectKeys.rendition(ID, "medium", "jpg")));
        ImageProcessed processed = new ImageProcessed(ID, Instant.parse("2025-10-25T10:00:00Z"), metadata.build(), renditions, appearance);
        ImageUploaded uploaded = new ImageUploaded(ID, Instant.parse("2025-10-25T09:59:00Z"), "photographer", fileName, "image/jpeg",
                12_345, SuppliedMetadata.NONE);
        return ImageRecord.of(uploaded, processed);
    }
}
