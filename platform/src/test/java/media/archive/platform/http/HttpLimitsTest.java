package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {
    @Test
    void defaults_to_30_seconds_of_silence_and_4_kilobytes_a_second() {
        HttpLimits limits = HttpLimits.from(Settings.of(Map.of()));

        assertThat(limits).isEqualTo(new HttpLimits(Duration.ofSeconds(30), 256));
        assertThat(limits).isEqualTo(HttpLimits.defaults());
    }

    @Test
    void reads_its_settings_and_names_the_one_that_is_malformed() {
        HttpLimits limits = HttpLimits.from(Settings.of(Map.of(
                "ARCHIVE_HTTP_IDLE_TIMEOUT_MS", "5000", "ARCHIVE_HTTP_MIN_REQUEST_BYTES_PER_SECOND", "0")));

        assertThat(limits).isEqualTo(new HttpLimits(Duration.ofSeconds(5), 0));
        assertThatThrownBy(() -> HttpLimits.from(Settings.of(Map.of("ARCHIVE_HTTP_IDLE_TIMEOUT_MS", "30s"))))
                .hasMessageContaining("ARCHIVE_HTTP_IDLE_TIMEOUT_MS");
    }
}
