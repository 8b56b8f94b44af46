package media.archive.api.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import media.archive.api.ApiConfig;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageConfigTest {
    @TempDir
    Path dir;

    @Test
    void usage_is_flushed_every_minute_unless_told_otherwise() {
        Settings settings = Settings.of(Map.of("ARCHIVE_DATA_DIR", "/var/lib/archive"));
        UsageConfig usage = ApiConfig.from(settings).usage();

        assertThat(usage.flushEvery()).isEqualTo(Duration.ofSeconds(60));
        assertThat(usage.maxPairs()).isEqualTo(100_000);
        assertThat(usage.replicaFile()).isEqualTo(Path.of("/var/lib/archive/usage-replica"));
        assertThat(settings.known()).containsKeys("API_USAGE_FLUSH_SECONDS", "API_USAGE_MAX_PAIRS");
    }

    @Test
    void the_flush_interval_is_read_and_checked() {
        assertThat(UsageConfig.from(Settings.of(Map.of("API_USAGE_FLUSH_SECONDS", "5")), dir).flushEvery())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> UsageConfig.from(Settings.of(Map.of("API_USAGE_FLUSH_SECONDS", "0")), dir))
                .hasMessageContaining("API_USAGE_FLUSH_SECONDS");
    }

    @Test
    void a_replica_keeps_its_name_across_starts() throws Exception {
        Path file = dir.resolve("data").resolve("usage-replica");
        String name = ReplicaName.of(file);

        assertThat(name).matches("[0-9a-f]{16}");
        assertThat(ReplicaName.of(file)).isEqualTo(name);
        assertThat(ReplicaName.of(dir.resolve("other"))).isNotEqualTo(name);
    }

    @Test
    void a_replica_file_holding_something_else_is_refused() throws Exception {
        Path file = dir.resolve("usage-replica");
        Files.writeString(file, "two words");

        assertThatThrownBy(() -> ReplicaName.of(file)).hasMessageContaining("holds no replica name");
    }
}
