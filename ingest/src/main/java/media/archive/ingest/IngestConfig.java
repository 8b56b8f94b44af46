package media.archive.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import media.archive.ingest.upload.UploadOptions;
import media.archive.platform.config.Settings;

/**
 * How ingest runs: where it listens, how large an upload may be, where uploads are spooled
 * while they arrive and how long an upload waits for Kafka.
 *
 * @param httpPort       port of the HTTP server ({@code 0} picks a free one)
 * @param maxUploadBytes largest file accepted
 * @param tempDir        directory for uploads in flight
 * @param publishTimeout longest wait for Kafka's acknowledgement of an upload's event
 */
public record IngestConfig(int httpPort, long maxUploadBytes, Path tempDir, Duration publishTimeout) {
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L * 1024 * 1024;

    public IngestConfig {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be 0 to 65535");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be at least 1");
        }
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive");
        }
    }

    /** Reads {@code INGEST_HTTP_PORT}, {@code INGEST_MAX_UPLOAD_BYTES}, {@code INGEST_TMP_DIR} and {@code INGEST_PUBLISH_TIMEOUT_MS}. */
    public static IngestConfig from(Settings settings) {
        return new IngestConfig(
                settings.integer("INGEST_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65_535,
                        "port the ingest HTTP server listens on"),
                settings.longValue("INGEST_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES, 1, 1L << 40,
                        "largest upload accepted, in bytes; larger ones are answered 413"),
                settings.path("INGEST_TMP_DIR", Path.of(System.getProperty("java.io.tmpdir")),
                        "directory where uploads are spooled while they arrive"),
                Duration.ofMillis(settings.longValue("INGEST_PUBLISH_TIMEOUT_MS", 30_000, 1, 600_000,
                        "how long an upload waits for Kafka to acknowledge its event before answering 503")));
    }

    /** The part of this configuration the upload routes need. */
    UploadOptions uploadOptions() {
        return new UploadOptions(maxUploadBytes, tempDir, publishTimeout);
    }
}
