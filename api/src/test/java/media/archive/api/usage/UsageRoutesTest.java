package media.archive.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;
import org.junit.jupiter.api.Test;

class UsageRoutesTest {
    private static final ImageId HARBOUR = new ImageId("a".repeat(64));
    private static final Instant MORNING = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void csv_has_a_header_row_and_one_row_per_usage() {
        String csv = UsageRoutes.csv(List.of(
                new Usage(HARBOUR, "https://news.example", MORNING, MORNING.plusSeconds(60), 12),
                new Usage(HARBOUR, "http://localhost:8080", MORNING, MORNING, 1)));

        assertThat(csv).isEqualTo("image,site,firstSeen,lastSeen,count\r\n"
                + HARBOUR.value() + ",https://news.example,2026-12-03T08:00:00Z,2026-12-03T08:01:00Z,12\r\n"
                + HARBOUR.value() + ",http://localhost:8080,2026-12-03T08:00:00Z,2026-12-03T08:00:00Z,1\r\n");
    }

    @Test
    void csv_of_no_usage_is_the_header_alone() {
        assertThat(UsageRoutes.csv(List.of())).isEqualTo("image,site,firstSeen,lastSeen,count\r\n");
    }

    @Test
    void a_usage_in_json_names_image_site_times_and_count() {
        String json = Json.toText(new Usage(HARBOUR, "https://news.example", MORNING, MORNING.plusSeconds(60), 12));

        assertThat(json).isEqualTo("{\"image\":\"" + HARBOUR.value() + "\",\"site\":\"https://news.example\","
                + "\"firstSeen\":\"2026-12-03T08:00:00Z\",\"lastSeen\":\"2026-12-03T08:01:00Z\",\"count\":12}");
    }

    @Test
    void csv_is_chosen_when_asked_for_before_json() {
        assertThat(UsageRoutes.wantsCsv("text/csv")).isTrue();
        assertThat(UsageRoutes.wantsCsv("Text/CSV; charset=utf-8")).isTrue();
        assertThat(UsageRoutes.wantsCsv("text/csv, application/json;q=0.5")).isTrue();
        assertThat(UsageRoutes.wantsCsv("application/json, text/csv")).isFalse();
        assertThat(UsageRoutes.wantsCsv("*/*")).isFalse();
        assertThat(UsageRoutes.wantsCsv(null)).isFalse();
    }
}
