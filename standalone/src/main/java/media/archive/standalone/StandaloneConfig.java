package media.archive.standalone;

import java.nio.file.Path;
import java.util.Optional;
import media.archive.platform.config.Settings;

/**
 * Settings of the one-process archive.
 *
 * @param httpHost   interface the HTTP origin listens on
 * @param httpPort   port of the HTTP origin (0 picks a free one)
 * @param dataDir    where Kafka's log, the S3 objects, the index, the admin key and endpoints.json live
 * @param adminKey   the operator's admin key, when given instead of a generated one
 * @param kafkaPort  port of the embedded Kafka broker (0: a free one on the first start, the same on later ones)
 * @param s3Port     port of the embedded S3 server (0: a free one on the first start, the same on later ones)
 */
public record StandaloneConfig(String httpHost, int httpPort, Path dataDir, Optional<String> adminKey,
                               int kafkaPort, int s3Port) {

    public StandaloneConfig {
        if (httpPort < 0 || httpPort > 65535 || kafkaPort < 0 || kafkaPort > 65535 || s3Port < 0 || s3Port > 65535) {
            throw new IllegalArgumentException("ports are 0 to 65535");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public static StandaloneConfig from(Settings settings) {
        return new StandaloneConfig(
                settings.text("ARCHIVE_HTTP_HOST", "0.0.0.0", "interface the HTTP origin listens on"),
                settings.integer("ARCHIVE_HTTP_PORT", 8080, 0, 65535, "port of the HTTP origin serving uploads, the API and health"),
                settings.path("ARCHIVE_DATA_DIR", Path.of("data"), "directory holding Kafka's log, S3 objects, the index, the admin key and endpoints.json"),
                settings.optionalText("ARCHIVE_ADMIN_KEY", "admin key to accept; without it one is generated on first start and kept in the data directory"),
                settings.integer("ARCHIVE_KAFKA_PORT", 0, 0, 65535, "port of the embedded Kafka broker; 0 picks a free one on the first start and keeps it in endpoints.json"),
                settings.integer("ARCHIVE_S3_PORT", 0, 0, 65535, "port of the embedded S3 server; 0 picks a free one on the first start and keeps it in endpoints.json"));
    }
}
