package media.archive.platform.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The archive's one way of writing to Kafka: send a record, wait a bounded time for the
 * acknowledgement, and say in one {@link Failure} what went wrong when it did not come. Ingest,
 * the processor and the api's edit log answer their callers only after this returned, so an
 * answered request is a recorded event. A {@code null} value is a tombstone: compaction then
 * forgets every earlier value of the key.
 *
 * <p>Uses a producer it does not own. Thread-safe when the producer is (Kafka's is).
 */
public final class AcknowledgedSend {
    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    /**
     * Sends through {@code producer}, waiting up to {@code timeout} for each acknowledgement;
     * the timeout should exceed the producer's delivery timeout, so that Kafka gives up first.
     */
    public AcknowledgedSend(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an acknowledgement needs a positive timeout");
        }
        this.timeout = timeout;
    }

    /** The producer this sends through, for its owner to close. */
    public Producer<String, byte[]> producer() {
        return producer;
    }

    /**
     * Sends {@code value} (null for a tombstone) under {@code key} to {@code topic} and returns
     * once Kafka acknowledged it.
     *
     * @throws NotAcknowledged saying which kind of {@link Failure} it was; nothing is known to be
     *                         written then (a retry of the same record is harmless on a compacted
     *                         topic with an idempotent producer)
     */
    public RecordMetadata send(String topic, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    /** {@link #send(String, String, byte[])} for a record that carries headers too. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        String topic = record.topic();
        String key = record.key();
        try {
            return producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new NotAcknowledged(classify(cause), topic, key, cause);
        } catch (TimeoutException e) {
            throw new NotAcknowledged(Failure.UNAVAILABLE, topic, key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledged(Failure.INTERRUPTED, topic, key, e);
        } catch (RuntimeException e) {
            throw new NotAcknowledged(classify(e), topic, key, e);
        }
    }

    /** Why a record was not acknowledged, decided once for every sender. */
    public enum Failure {
        /** Kafka is away or slow (a timeout, a retriable error): the same record may be sent again later. */
        UNAVAILABLE,
        /** This record can never be written (too large, not serialisable): sending it again is useless. */
        UNSENDABLE,
        /** The client is refused or broken (credentials, an unknown topic, a closed producer): no record will pass. */
        REFUSED,
        /** The waiting thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED
    }

    static Failure classify(Throwable error) {
        if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof SerializationException) {
            return Failure.UNSENDABLE;
        }
        if (error instanceof RetriableException || error instanceof org.apache.kafka.common.errors.TimeoutException) {
            return Failure.UNAVAILABLE;
        }
        if (error instanceof KafkaException) {
            // Kafka's clients wrap a lost connection in plain KafkaExceptions too; a lost connection
            // is the common case, and trying again later is what every caller can do safely.
            return error.getCause() instanceof RetriableException ? Failure.UNAVAILABLE : Failure.REFUSED;
        }
        return Failure.REFUSED;
    }

    /** A record Kafka did not acknowledge; {@link #failure()} says what the sender may do about it. */
    public static final class NotAcknowledged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Failure failure;

        NotAcknowledged(Failure failure, String topic, String key, Throwable cause) {
            super("no acknowledgement for " + topic + " key " + key + " (" + failure + "): " + cause, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
