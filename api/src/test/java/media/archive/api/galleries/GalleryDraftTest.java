package media.archive.api.galleries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import media.archive.contracts.GalleryItem;
import media.archive.contracts.ImageId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class GalleryDraftTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void a_gallery_reads_with_its_items_in_order_and_texts_stripped() {
        GalleryDraft draft = read("{\"title\":\" Hanoi \",\"intro\":\"\",\"language\":\"bn-bd\",\"items\":["
                + "{\"image\":\"" + B + "\",\"caption\":\" সাইবার \"},{\"image\":\"" + A + "\",\"creditLine\":\"ছবি: এপি\"}],"
                + "\"version\":3,\"id\":\"ignored\"}");

        assertThat(draft.title()).isEqualTo("Hanoi");
        assertThat(draft.intro()).isNull();
        assertThat(draft.language()).isEqualTo("bn-BD");
        assertThat(draft.items()).containsExactly(
                new GalleryItem(ImageId.parse(B), "সাইবার", null),
                new GalleryItem(ImageId.parse(A), null, "ছবি: এপি"));
    }

    @Test
    void the_language_is_english_when_not_given() {
        assertThat(read("{\"title\":\"t\",\"items\":[]}").language()).isEqualTo("en");
    }

    @Test
    void each_refusal_names_the_field_at_fault() {
        refused("{\"items\":[]}", "title");
        refused("{\"title\":\"   \",\"items\":[]}", "title");
        refused("{\"title\":\"" + "x".repeat(GalleryDraft.MAX_TITLE + 1) + "\",\"items\":[]}", "title");
        refused("{\"title\":\"t\"}", "items");
        refused("{\"title\":\"t\",\"items\":{}}", "items");
        refused("{\"title\":\"t\",\"intro\":7,\"items\":[]}", "intro");
        refused("{\"title\":\"t\",\"items\":[{\"image\":\"" + A + "\"},{\"image\":\"nope\"}]}", "items[1].image");
        refused("{\"title\":\"t\",\"items\":[{\"image\":\"" + A + "\"},{\"image\":\"" + A + "\"}]}", "items[1].image");
        refused("{\"title\":\"t\",\"items\":[\"" + A + "\"]}", "items[0]");
        refused("{\"title\":\"t\",\"items\":[{\"image\":\"" + A + "\",\"caption\":\""
                + "x".repeat(GalleryDraft.MAX_CAPTION + 1) + "\"}]}", "items[0].caption");
        refused("{\"title\":\"t\",\"items\":[{\"image\":\"" + A + "\",\"creditLine\":[]}]}", "items[0].creditLine");
    }

    @Test
    void a_gallery_holds_a_bounded_number_of_pictures() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i <= GalleryDraft.MAX_ITEMS; i++) {
            items.append(i == 0 ? "" : ",").append("{\"image\":\"").append(String.format("%064x", i)).append("\"}");
        }
        refused("{\"title\":\"t\",\"items\":[" + items + "]}", "items");
    }

    @Test
    void the_language_must_be_a_well_formed_bcp47_tag() {
        assertThat(GalleryDraft.language("vi")).isEqualTo("vi");
        assertThat(GalleryDraft.language("zh-hant-tw")).isEqualTo("zh-Hant-TW");
        for (String bad : new String[] {"en_US", "bengalilanguage", "1x", "<script>", "e"}) {
            assertThatThrownBy(() -> GalleryDraft.language(bad)).as(bad)
                    .isInstanceOfSatisfying(GalleryRefused.class, e -> assertThat(e.field()).isEqualTo("language"));
        }
    }

    @Test
    void a_body_that_is_no_json_object_is_refused() {
        for (String body : new String[] {"", "[]", "\"title\"", "{\"title\":"}) {
            assertThatThrownBy(() -> GalleryDraft.read(body.getBytes(StandardCharsets.UTF_8))).as(body)
                    .isInstanceOfSatisfying(GalleryRefused.class, e -> assertThat(e.reason()).isEqualTo(GalleryRefused.Reason.INVALID));
        }
    }

    private static GalleryDraft read(String json) {
        return GalleryDraft.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String json, String field) {
        ThrowingCallable reading = () -> read(json);
        assertThatThrownBy(reading).as(field)
                .isInstanceOfSatisfying(GalleryRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(GalleryRefused.Reason.INVALID);
                    assertThat(e.field()).isEqualTo(field);
                });
    }
}
