package media.archive.ingest.upload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Topics;
import media.archive.platform.http.ApiException;
import media.archive.platform.storage.ObjectStore;
import media.archive.platform.storage.StorageException;
import media.archive.platform.storage.StoredObject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a received upload part of the archive, in the order that never loses one: the original
 * into S3, then {@link ImageUploaded} on {@link Topics#UPLOADED} (waiting for Kafka's
 * acknowledgement), then a small marker object {@code uploads/<id>.published}. The marker is
 * how a second upload of the same bytes is recognised without reading Kafka; it is written last,
 * so a crash between the steps means the next upload of that file simply does them again (the
 * original put is skipped when it is already there, and a second event with the same key is
 * harmless on a compacted topic). Thread-safe when the store and producer are, which Kafka's and
 * ours are.
 */
final class OriginalPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OriginalPublisher.class);
    /** What a client is told to wait before trying again when S3 or Kafka is down. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ObjectStore store;
    private final Producer<String, byte[]> producer;
    private final Duration publishTimeout;
    private final Clock clock;

    OriginalPublisher(ObjectStore store, Producer<String, byte[]> producer, Duration publishTimeout, Clock clock) {
        this.store = store;
        this.producer = producer;
        this.publishTimeout = publishTimeout;
        this.clock = clock;
    }

    /** What became of an upload: its id, and whether the archive already had it. */
    record Outcome(ImageId id, boolean duplicate) {
    }

    /** The marker that says the upload of {@code id} was stored and announced. */
    static String markerKey(ImageId id) {
        return "uploads/" + id.value() + ".published";
    }

    /**
     * Stores and announces {@code upload} on behalf of {@code uploader}, or recognises it as one
     * the archive already has. S3 trouble surfaces as {@link StorageException}, Kafka trouble as
     * a {@code 503} {@link ApiException}.
     */
    Outcome publish(ReceivedUpload upload, String uploader) {
        ImageId id = upload.id();
        if (store.stat(markerKey(id)).isPresent()) {
            return new Outcome(id, true);
        }
        storeOriginal(upload);
        Instant at = clock.instant();
        ImageUploaded event = new ImageUploaded(id, at, uploader, upload.fileName(), upload.contentType(),
                upload.bytes(), upload.supplied());
        awaitAck(new ProducerRecord<>(Topics.UPLOADED, id.value(), Json.toBytes(event)));
        try {
            store.putBytes(markerKey(id), Json.toBytes(Map.of("id", id.value(), "publishedAt", at.toString())),
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

    private void awaitAck(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(record, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw unavailable(record, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(record, e);
        }
    }

    private static ApiException unavailable(ProducerRecord<String, byte[]> record, Throwable cause) {
        LOG.warn("publishing {} for image {} failed: {}", record.topic(), record.key(), cause.toString());
        return ApiException.unavailable("the event log is unavailable; try again shortly", RETRY_AFTER_SECONDS);
    }
}
