package media.archive.api.editing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api's one way out to Kafka: sends an event and returns once Kafka acknowledged it, within a
 * bounded time, with Kafka's failures classified once as {@link EditRefused.Reason#TOO_LARGE} or
 * {@link EditRefused.Reason#UNAVAILABLE} (trying again is safe). {@link EditLog} owns it and its
 * producer; other features that publish on topics of their own (galleries) send through the
 * same one. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;

    /** Publishes with {@code producer} (which it then owns), waiting {@code ackTimeout} at most for each acknowledgement. */
    public EventPublisher(Producer<String, byte[]> producer, Duration ackTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    /**
     * Sends {@code value} under {@code key} on {@code topic} and waits for Kafka's acknowledgement;
     * {@code what} names the event in the log.
     *
     * @throws EditRefused when the record is too large or Kafka did not acknowledge in time
     */
    public void publish(String topic, String key, byte[] value, String what) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refused(what, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw refused(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(what, e);
        }
    }

    /** Kafka's failures, classified once: too large for a record, or else unavailable (trying again is safe). */
    private static EditRefused refused(String what, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            return new EditRefused(EditRefused.Reason.TOO_LARGE,
                    "this edit is too large to record; shorten its values", null, cause);
        }
        LOG.warn("publishing {} failed: {}", what, cause.toString());
        return new EditRefused(EditRefused.Reason.UNAVAILABLE,
                "the event log is unavailable; nothing was changed, try again shortly", null, cause);
    }

    /** Closes the producer, waiting for events in flight. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
