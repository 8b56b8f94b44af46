package media.archive.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import media.archive.ingest.upload.UploadRoutes;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.http.Routes;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.producer.Producer;

/**
 * The ingest service as a plain object: the routes that take photographers' uploads, storing
 * each original in S3 and announcing it on {@code media.uploaded}. Its own {@link IngestMain}
 * and the one-process launcher wire it the same way and add {@link #routes()} to their server.
 *
 * <p>Ingest uses the store and producer it is given but does not own them: whoever built them
 * closes them, after closing this. Thread-safe.
 */
public final class Ingest implements AutoCloseable {
    private final UploadRoutes uploads;

    /** Ingest over {@code store} and {@code producer}; creates {@code config.tempDir()} when missing. */
    public Ingest(IngestConfig config, ObjectStore store, Producer<String, byte[]> producer, AccessGuard guard) {
        try {
            Files.createDirectories(config.tempDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + config.tempDir(), e);
        }
        this.uploads = new UploadRoutes(config.uploadOptions(), store, producer, guard);
    }

    /** {@code POST /v1/uploads}. */
    public Routes routes() {
        return uploads;
    }

    /** Stops taking uploads and lets those under way finish (up to 30 seconds). */
    @Override
    public void close() {
        uploads.close();
    }
}
