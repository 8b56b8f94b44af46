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
 * @param maxConcurrentUploads uploads whose bodies are read at once, in all
 * @param maxUploadsPerKey     uploads whose bodies are read at once for one key
 */
public record IngestConfig(int httpPort, long maxUploadBytes, Path tempDir, Duration publishTimeout,
                           int maxConcurrentUploads, int maxUploadsPerKey, long minFreeBytes) {
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L * 1024 * 1024;
    /**
     * Above the producer's delivery timeout (8 s), so Kafka gives up first, and short enough that a
     * photographer hears {@code 503} within 10 s when Kafka is away.
     */
    public static final long DEFAULT_PUBLISH_TIMEOUT_MS = 9_000;

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
        if (maxConcurrentUploads < 1 || maxUploadsPerKey < 1) {
            throw new IllegalArgumentException("the upload limits must be at least 1");
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative");
        }
    }

    /** A configuration with the default limits on uploads at once. */
    public IngestConfig(int httpPort, long maxUploadBytes, Path tempDir, Duration publishTimeout) {
        this(httpPort, maxUploadBytes, tempDir, publishTimeout, UploadOptions.DEFAULT_MAX_CONCURRENT_UPLOADS,
                UploadOptions.DEFAULT_MAX_UPLOADS_PER_UPLOADER, UploadOptions.DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * Reads {@code INGEST_HTTP_PORT}, {@code INGEST_MAX_UPLOAD_BYTES}, {@code INGEST_TMP_DIR},
     * {@code INGEST_PUBLISH_TIMEOUT_MS}, {@code INGEST_MAX_CONCURRENT_UPLOADS}, {@code INGEST_MAX_UPLOADS_PER_KEY} and
     * {@code INGEST_MIN_FREE_BYTES}.
     */
    public static IngestConfig from(Settings settings) {
        return new IngestConfig(
                settings.integer("INGEST_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65_535,
                        "port the ingest HTTP server listens on"),
                settings.longValue("INGEST_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES, 1, 1L << 40,
                        "largest upload accepted, in bytes; larger ones are answered 413"),
                settings.path("INGEST_TMP_DIR", Path.of(System.getProperty("java.io.tmpdir")),
                        "directory where uploads are spooled while they arrive"),
                Duration.ofMillis(settings.longValue("INGEST_PUBLISH_TIMEOUT_MS", DEFAULT_PUBLISH_TIMEOUT_MS, 1, 600_000,
                        "how long an upload waits for Kafka to acknowledge its event before answering 503")),
                // Each upload holds one of the server's 250 threads while its body arrives: 64 leave
                // most of them to health, search and renditions in a process that serves all three.
                settings.integer("INGEST_MAX_CONCURRENT_UPLOADS", UploadOptions.DEFAULT_MAX_CONCURRENT_UPLOADS, 1, 200,
                        "uploads whose bodies are read at once; one more is answered 503 with Retry-After"),
                settings.integer("INGEST_MAX_UPLOADS_PER_KEY", UploadOptions.DEFAULT_MAX_UPLOADS_PER_UPLOADER, 1, 200,
                        "uploads one key may have under way at once; one more is answered 429 with Retry-After"),
                settings.longValue("INGEST_MIN_FREE_BYTES", UploadOptions.DEFAULT_MIN_FREE_BYTES, 0, Long.MAX_VALUE,
                        "bytes that must stay free on the spool directory's disk; an upload that would leave less is answered 507"));
    }

    /** The part of this configuration the upload routes need. */
    UploadOptions uploadOptions() {
        return new UploadOptions(maxUploadBytes, tempDir, publishTimeout, maxConcurrentUploads, maxUploadsPerKey, minFreeBytes);
    }
}
