package media.archive.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
    @Test
    void the_index_lives_in_the_data_directory_unless_told_otherwise() {
        assertThat(ApiConfig.from(Settings.of(Map.of())).indexDir()).isEqualTo(Path.of("data", "index"));
        assertThat(ApiConfig.from(Settings.of(Map.of("ARCHIVE_DATA_DIR", "/var/lib/archive"))).indexDir())
                .isEqualTo(Path.of("/var/lib/archive/index"));
        assertThat(ApiConfig.from(Settings.of(Map.of("ARCHIVE_DATA_DIR", "/var/lib/archive", "API_INDEX_DIR", "/fast/index"))).indexDir())
                .isEqualTo(Path.of("/fast/index"));
    }

    @Test
    void every_setting_read_is_documented() {
        Settings settings = Settings.of(Map.of());
        ApiConfig.from(settings);

        assertThat(settings.known()).containsKeys("ARCHIVE_DATA_DIR", "API_INDEX_DIR");
        assertThat(settings.known().values()).allSatisfy(doc -> assertThat(doc).isNotBlank());
    }
}
