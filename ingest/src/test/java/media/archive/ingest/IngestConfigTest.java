package media.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import media.archive.ingest.upload.UploadOptions;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    @Test
    void defaults_to_port_8081_200_mb_in_the_system_temp_dir_and_64_uploads_at_once_20_per_key() {
        IngestConfig config = IngestConfig.from(Settings.of(Map.of()));
        assertThat(config.httpPort()).isEqualTo(8081);
        assertThat(config.maxUploadBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(config.tempDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.maxConcurrentUploads()).isEqualTo(64);
        assertThat(config.maxUploadsPerKey()).isEqualTo(20);
    }

    @Test
    void reads_its_settings_from_the_environment() {
        IngestConfig config = IngestConfig.from(Settings.of(Map.of(
                "INGEST_HTTP_PORT", "9001",
                "INGEST_MAX_UPLOAD_BYTES", "1048576",
                "INGEST_TMP_DIR", "/var/spool/ingest",
                "INGEST_PUBLISH_TIMEOUT_MS", "2500",
                "INGEST_MAX_CONCURRENT_UPLOADS", "10",
                "INGEST_MAX_UPLOADS_PER_KEY", "3")));
        assertThat(config).isEqualTo(new IngestConfig(9001, 1_048_576, Path.of("/var/spool/ingest"), Duration.ofMillis(2500), 10, 3,
                UploadOptions.DEFAULT_MIN_FREE_BYTES));
    }

    @Test
    void names_the_variable_that_is_malformed() {
        assertThatThrownBy(() -> IngestConfig.from(Settings.of(Map.of("INGEST_MAX_UPLOAD_BYTES", "200MB"))))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageContaining("INGEST_MAX_UPLOAD_BYTES");
        assertThatThrownBy(() -> IngestConfig.from(Settings.of(Map.of("INGEST_HTTP_PORT", "70000"))))
                .hasMessageContaining("INGEST_HTTP_PORT");
    }
}
