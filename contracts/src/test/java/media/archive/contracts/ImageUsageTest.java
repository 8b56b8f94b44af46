package media.archive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageUsageTest {
    private static final ImageId ID = ImageId.parse("ab".repeat(32));
    private static final Instant MORNING = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void a_usage_total_reads_back_the_same_with_its_type_and_schema() {
        ImageUsage usage = new ImageUsage(ID, "https://news.example", "3f9c0a7e12b4d5e6", MORNING, MORNING.plusSeconds(60), 42);

        String json = new String(Json.toBytes(usage), StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"ImageUsage\"").contains("\"schema\":1").contains("\"count\":42")
                .doesNotContain("key");
        assertThat(Json.read(Json.toBytes(usage), ImageUsage.class)).isEqualTo(usage);
    }

    @Test
    void a_usage_total_is_no_image_event() {
        byte[] json = Json.toBytes(new ImageUsage(ID, "https://news.example", "r1", MORNING, MORNING, 1));

        assertThatThrownBy(() -> Json.read(json, ImageEvent.class)).isInstanceOf(Json.MalformedJsonException.class);
    }

    @Test
    void each_replica_has_its_own_key_per_image_and_site() {
        ImageUsage usage = new ImageUsage(ID, "https://news.example", "r1", MORNING, MORNING, 1);

        assertThat(usage.key()).isEqualTo(ID.value() + " https://news.example r1");
    }

    @Test
    void a_usage_total_is_checked() {
        assertThatThrownBy(() -> new ImageUsage(ID, "https://news example", "r1", MORNING, MORNING, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageUsage(ID, "https://news.example", "r1", MORNING, MORNING, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageUsage(ID, "https://news.example", "r1", MORNING, MORNING.minusSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
