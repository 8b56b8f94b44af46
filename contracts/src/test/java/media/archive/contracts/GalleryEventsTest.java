package media.archive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GalleryEventsTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final ImageId IMAGE = ImageId.parse("ab".repeat(32));

    @Test
    void a_saved_gallery_reads_back_as_the_same_event_with_its_type_and_schema() {
        GallerySaved saved = new GallerySaved(GalleryId.random(), 2, "হ্যানয় কনভেনশন", null, "bn",
                List.of(new GalleryItem(IMAGE, "ক্যাপশন", null)), MORNING, "desk", MORNING.plusSeconds(60), "desk");

        String json = new String(Json.toBytes(saved), StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"GallerySaved\"").contains("\"schema\":1").doesNotContain("intro");
        assertThat(Json.read(Json.toBytes(saved), GalleryEvent.class)).isEqualTo(saved);
    }

    @Test
    void a_deleted_gallery_reads_back_as_the_same_tombstone() {
        GalleryDeleted deleted = new GalleryDeleted(GalleryId.random(), 3, MORNING, "desk");

        assertThat(Json.read(Json.toBytes(deleted), GalleryEvent.class)).isEqualTo(deleted);
    }

    @Test
    void an_event_with_fields_it_does_not_know_still_reads() {
        String json = "{\"type\":\"GalleryDeleted\",\"schema\":2,\"id\":\"abcdefghijklmnopqrst\",\"version\":4,"
                + "\"at\":\"2025-10-25T08:00:00Z\",\"by\":\"desk\",\"reason\":\"later field\"}";

        GalleryEvent event = Json.read(json.getBytes(StandardCharsets.UTF_8), GalleryEvent.class);

        assertThat(event).isEqualTo(new GalleryDeleted(2, GalleryId.parse("abcdefghijklmnopqrst"), 4, MORNING, "desk"));
    }

    @Test
    void gallery_ids_are_random_and_of_one_shape() {
        GalleryId one = GalleryId.random();

        assertThat(GalleryId.isValid(one.value())).isTrue();
        assertThat(GalleryId.random()).isNotEqualTo(one);
        assertThat(GalleryId.isValid("ABCDEFGHIJKLMNOPQRST")).isFalse();
        assertThatThrownBy(() -> GalleryId.parse("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
