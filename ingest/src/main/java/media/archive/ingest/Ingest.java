package media.archive.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import media.archive.ingest.upload.Intake;
import media.archive.ingest.upload.UploadRoutes;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The ingest service as a plain object: the routes that take photographers' uploads, storing
 * each original in S3 and announcing it on {@code media.uploaded}, and refusing the bytes of
 * images taken down, as read from {@code media.edits}. Its own {@link IngestMain}
 * and the one-process launcher wire it the same way and add {@link #routes()} to their server.
 *
 * <p>Ingest uses the store and producer it is given but does not own them: whoever built them
 * closes them, after closing this. Thread-safe.
 */
public final class Ingest implements AutoCloseable {
    private final Intake intake;
    private final UploadRoutes uploads;

    /**
     * Ingest over {@code store} and {@code producer}, reading which images were removed from the
     * cluster {@code kafka} names (with a consumer of its own, closed by {@link #close()});
     * creates {@code config.tempDir()} when missing.
     */
    public Ingest(IngestConfig config, ObjectStore store, Producer<String, byte[]> producer, KafkaSettings kafka,
                  AccessGuard guard) {
        try {
            Files.createDirectories(config.tempDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + config.tempDir(), e);
        }
        // No group: every ingest reads every removal itself, from the beginning, at each start.
        KafkaConsumer<String, byte[]> edits = KafkaClients.consumer(kafka, Map.of(
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100));
        this.intake = new Intake(config.uploadOptions(), store, producer, edits);
        this.uploads = new UploadRoutes(intake, guard);
    }

    /** {@code POST /v1/uploads}. */
    public Routes routes() {
        return uploads;
    }

    /** The one path every upload takes, for the other ways in (transfers, file servers). */
    public Intake intake() {
        return intake;
    }

    /** Stops taking uploads, lets those under way finish (up to 30 seconds) and stops reading removals. */
    @Override
    public void close() {
        intake.close();
    }
}
