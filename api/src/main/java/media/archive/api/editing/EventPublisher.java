package media.archive.api.editing;

import java.time.Duration;
import java.util.Objects;
import media.archive.platform.kafka.AcknowledgedSend;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api's one way out to Kafka: the platform's {@link AcknowledgedSend} with its failures put
 * as an editor hears them, {@link EditRefused.Reason#TOO_LARGE} or
 * {@link EditRefused.Reason#UNAVAILABLE} (trying again is safe). {@link EditLog} owns it and its
 * producer; other features that publish on topics of their own (galleries) send through the
 * same one. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final AcknowledgedSend sender;

    /** Publishes with {@code producer} (which it then owns), waiting {@code ackTimeout} at most for each acknowledgement. */
    public EventPublisher(Producer<String, byte[]> producer, Duration ackTimeout) {
        this.sender = new AcknowledgedSend(Objects.requireNonNull(producer, "producer"), ackTimeout);
    }

    /**
     * Sends {@code value} (null for a tombstone) under {@code key} on {@code topic} and waits for
     * Kafka's acknowledgement; {@code what} names the event in the log.
     *
     * @throws EditRefused when the record is too large or Kafka did not acknowledge in time
     */
    public void publish(String topic, String key, byte[] value, String what) {
        try {
            sender.send(topic, key, value);
        } catch (AcknowledgedSend.NotAcknowledged e) {
            throw refused(what, e);
        }
    }

    private static EditRefused refused(String what, AcknowledgedSend.NotAcknowledged e) {
        if (e.failure() == AcknowledgedSend.Failure.UNSENDABLE) {
            return new EditRefused(EditRefused.Reason.TOO_LARGE,
                    "this edit is too large to record; shorten its values", null, e);
        }
        LOG.warn("publishing {} failed: {}", what, e.getMessage());
        return new EditRefused(EditRefused.Reason.UNAVAILABLE,
                "the event log is unavailable; nothing was changed, try again shortly", null, e);
    }

    /** Closes the producer, waiting for events in flight. */
    @Override
    public void close() {
        sender.producer().close(Duration.ofSeconds(5));
    }
}
