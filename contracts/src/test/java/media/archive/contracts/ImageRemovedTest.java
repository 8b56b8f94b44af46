package media.archive.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageRemovedTest {
    private static final ImageId ID = ImageId.parse("ab".repeat(32));

    @Test
    void a_removal_reads_back_as_the_same_event_with_its_type_and_schema() {
        ImageRemoved removal = new ImageRemoved(ID, Instant.parse("2025-10-25T12:00:00Z"), "admin", "rights withdrawn");

        String json = new String(Json.toBytes(removal), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"ImageRemoved\"").contains("\"schema\":1");
        assertThat(Json.read(Json.toBytes(removal), ImageEvent.class)).isEqualTo(removal);
    }

    @Test
    void a_removed_image_has_the_removed_status_whatever_it_was() {
        ImageUploaded uploaded = new ImageUploaded(ID, Instant.parse("2025-10-25T08:00:00Z"), "photographer", "a.jpg",
                "image/jpeg", 1_000, SuppliedMetadata.NONE);

        ImageRecord record = ImageRecord.of(uploaded, new ImageRemoved(ID, Instant.parse("2025-10-25T12:00:00Z"), "admin", null));

        assertThat(record.status()).isEqualTo(ImageRecord.REMOVED);
        assertThat(record.renditions()).isEmpty();
    }
}
