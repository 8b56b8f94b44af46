package media.archive.ingest.upload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link UploadRoutes} takes uploads.
 *
 * @param maxUploadBytes the largest file accepted; one byte more is answered {@code 413}
 * @param tempDir        where an upload is spooled while it arrives (it must hold as many
 *                       files of {@code maxUploadBytes} as uploads run at once)
 * @param publishTimeout how long an upload waits for Kafka to acknowledge its event before it
 *                       is answered {@code 503}
 */
public record UploadOptions(long maxUploadBytes, Path tempDir, Duration publishTimeout) {
    public UploadOptions {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be at least 1");
        }
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive");
        }
    }
}
