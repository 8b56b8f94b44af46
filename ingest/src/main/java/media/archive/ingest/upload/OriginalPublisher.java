package media.archive.ingest.upload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRestored;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Topics;
import media.archive.platform.http.ApiException;
import media.archive.platform.kafka.AcknowledgedSend;
import media.archive.platform.storage.ObjectStore;
import media.archive.platform.storage.StorageException;
import media.archive.platform.storage.StoredObject;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a received upload part of the archive, in the order that never loses one: the original
 * into S3, then {@link ImageUploaded} on {@link Topics#UPLOADED} (waiting for Kafka's
 * acknowledgement), then a small marker object {@code uploads/<id>.published}. The marker is
 * how a second upload of the same bytes is recognised without reading Kafka; it is written last,
 * so a crash between the steps means the next upload of that file simply does them again (the
 * original put is skipped when it is already there, and a second event with the same key is
 * harmless on a compacted topic). A restoration ({@link #restore}) publishes
 * {@link ImageRestored} on {@link Topics#EDITS} first. Thread-safe when the store and producer
 * are, which Kafka's and ours are.
 */
final class OriginalPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OriginalPublisher.class);
    /** What a client is told to wait before trying again when S3 or Kafka is down. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ObjectStore store;
    private final AcknowledgedSend sender;
    private final Clock clock;

    OriginalPublisher(ObjectStore store, Producer<String, byte[]> producer, Duration publishTimeout, Clock clock) {
        this.store = store;
        this.sender = new AcknowledgedSend(producer, publishTimeout);
        this.clock = clock;
    }

    /** What became of an upload: its id, and whether the archive already had it. */
    record Outcome(ImageId id, boolean duplicate) {
    }

    /**
     * Stores and announces {@code upload} on behalf of {@code uploader}, or recognises it as one
     * the archive already has. S3 trouble surfaces as {@link StorageException}, Kafka trouble as
     * a {@code 503} {@link ApiException}.
     */
    Outcome publish(ReceivedUpload upload, String uploader) {
        if (store.stat(ObjectKeys.uploadMarker(upload.id())).isPresent()) {
            return new Outcome(upload.id(), true);
        }
        return store(upload, uploader);
    }

    /**
     * Brings the removed image of {@code upload} back on behalf of the admin {@code by}:
     * {@link ImageRestored}, acknowledged, then the upload as {@link #publish} makes it, marker or
     * not (a takedown that failed halfway may have left one). A crash between the two leaves an
     * image restored but not uploaded, which the same upload (a restoration or not) completes.
     */
    Outcome restore(ReceivedUpload upload, String by) {
        ImageId id = upload.id();
        send(Topics.EDITS, id, Json.toBytes(new ImageRestored(id, clock.instant(), by, null)));
        return store(upload, by);
    }

    private Outcome store(ReceivedUpload upload, String uploader) {
        ImageId id = upload.id();
        storeOriginal(upload);
        Instant at = clock.instant();
        ImageUploaded event = new ImageUploaded(id, at, uploader, upload.fileName(), upload.contentType(),
                upload.bytes(), upload.supplied());
        send(Topics.UPLOADED, id, Json.toBytes(event));
        try {
            store.putBytes(ObjectKeys.uploadMarker(id), Json.toBytes(Map.of("id", id.value(), "publishedAt", at.toString())),
                    "application/json");
        } catch (StorageException e) {
            // The event is acknowledged, so the upload is safe; without the marker a repeat upload
            // publishes once more, which readers of a compacted topic take in their stride.
            LOG.warn("image {} is published but its marker could not be written: {}", id, e.getMessage());
        }
        return new Outcome(id, false);
    }

    private void storeOriginal(ReceivedUpload upload) {
        String key = ObjectKeys.original(upload.id());
        Optional<StoredObject> existing = store.stat(key);
        // Same id means same SHA-256; the size check only guards against a half-written object from elsewhere.
        if (existing.isPresent() && existing.get().size() == upload.bytes()) {
            return;
        }
        store.putFile(key, upload.file(), upload.contentType());
    }

    private void send(String topic, ImageId id, byte[] value) {
        try {
            sender.send(topic, id.value(), value);
        } catch (AcknowledgedSend.NotAcknowledged e) {
            // Whatever the kind, the photographer can only try again; the log says which it was.
            LOG.warn("publishing {} for image {} failed: {}", topic, id, e.getMessage());
            throw ApiException.unavailable("the event log is unavailable; try again shortly", RETRY_AFTER_SECONDS);
        }
    }
}
