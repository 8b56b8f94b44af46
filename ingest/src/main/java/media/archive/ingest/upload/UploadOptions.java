package media.archive.ingest.upload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link UploadRoutes} takes uploads.
 *
 * @param maxUploadBytes        the largest file accepted; one byte more is answered {@code 413}
 * @param tempDir               where an upload is spooled while it arrives (it must hold as many
 *                              files of {@code maxUploadBytes} as uploads run at once)
 * @param publishTimeout        how long an upload waits for Kafka to acknowledge its event before it
 *                              is answered {@code 503}
 * @param maxConcurrentUploads  uploads read at once in all; one more is answered {@code 503}
 * @param maxUploadsPerUploader uploads read at once for one key's holder; one more is answered {@code 429}
 * @param minFreeBytes          space that must stay free on {@code tempDir}'s disk after an upload;
 *                              an upload that would leave less is answered {@code 507}
 */
public record UploadOptions(long maxUploadBytes, Path tempDir, Duration publishTimeout, int maxConcurrentUploads,
                            int maxUploadsPerUploader, long minFreeBytes) {
    public static final int DEFAULT_MAX_CONCURRENT_UPLOADS = 64;
    public static final int DEFAULT_MAX_UPLOADS_PER_UPLOADER = 20;
    /**
     * A gigabyte: room for Kafka's and S3's writes of the uploads already taken (their renditions,
     * their events) on a disk they share with the spool, as in {@code ./archive run}. A broker
     * that finds its disk full takes its log offline and stops, so the archive stops taking
     * uploads well before that.
     */
    public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;

    public UploadOptions {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be at least 1");
        }
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive");
        }
        if (maxConcurrentUploads < 1 || maxUploadsPerUploader < 1) {
            throw new IllegalArgumentException("the upload limits must be at least 1");
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative");
        }
    }

    /** Options with the default limits on uploads at once. */
    public UploadOptions(long maxUploadBytes, Path tempDir, Duration publishTimeout) {
        this(maxUploadBytes, tempDir, publishTimeout, DEFAULT_MAX_CONCURRENT_UPLOADS, DEFAULT_MAX_UPLOADS_PER_UPLOADER,
                DEFAULT_MIN_FREE_BYTES);
    }
}
