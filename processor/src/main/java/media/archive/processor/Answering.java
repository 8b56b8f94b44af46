package media.archive.processor;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import media.archive.platform.kafka.AcknowledgedSend;
import media.archive.processor.pipeline.StageTimes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ProcessorWorker} writes: the answer for an image on {@link Topics#PROCESSED}, and
 * for a record it gives up on the dead letter on {@link Topics#DEAD_LETTER} plus an
 * {@link ImageFailed}, each waited for until Kafka acknowledged it. Each method returns false when
 * Kafka is away (the caller tries the record again later) and throws
 * {@link ProcessorWorker.FatalError} when no record will ever pass.
 *
 * <p>Thread-safe as its producer is; used by one worker.
 */
final class Answering {
    private static final Logger LOG = LoggerFactory.getLogger(Answering.class);

    private final AcknowledgedSend sender;
    private final BooleanSupplier running;
    private final Clock clock;
    private final StageTimes times;

    /**
     * {@code running} turns false when the worker stops: a failing send is then left for the next
     * owner; {@code times} takes the stages of each image answered.
     */
    Answering(AcknowledgedSend sender, BooleanSupplier running, Clock clock, StageTimes times) {
        this.sender = sender;
        this.running = running;
        this.clock = clock;
        this.times = times;
    }

    /** Where the stages of the images answered are summed up. */
    StageTimes times() {
        return times;
    }

    /** What came of one send. */
    private enum Delivery {
        SENT,
        /** Kafka is away or the worker is stopping: try the record again later. */
        LATER,
        /** Kafka can never take this record (too large, not serialisable). */
        NEVER
    }

    /**
     * Publishes {@code answer}, made for {@code record} at its {@code attempt}th attempt; false when
     * Kafka must be waited for. An answer Kafka can never take (a record too large to publish: a
     * file with 100,000 keywords) sets the record aside and fails the image instead, so that it
     * never stays {@code processing}. The time the answer took is the image's last stage, {@code publish}.
     */
    boolean answer(ConsumerRecord<String, byte[]> record, ImageEvent answer, int attempt, StageTimes.Image stages) {
        long started = System.nanoTime();
        Delivery delivery = publish(answer);
        stages.since("publish", started);
        if (delivery == Delivery.SENT) {
            times.done(stages, answer.id().value());
        }
        if (delivery == Delivery.NEVER) {
            return giveUp(record, answer.id(), attempt, ImageFailed.PROCESSING_ERROR,
                    "the record made from this image cannot be published (too large for Kafka)", null);
        }
        return delivery == Delivery.SENT;
    }

    /**
     * Sets {@code record} aside on the dead-letter topic and answers its image (when the key names
     * one) as failed; false when Kafka must be waited for.
     */
    boolean giveUp(ConsumerRecord<String, byte[]> record, ImageId id, int attemptsMade, String reason,
                   String message, Throwable error) {
        LOG.error("giving up on {}-{} offset {} after {} attempt(s): {}: {}", record.topic(), record.partition(),
                record.offset(), attemptsMade, reason, ProcessorWorker.printable(message));
        if (deliver(DeadLetters.of(record, attemptsMade, reason, message, error), "dead letter") == Delivery.LATER) {
            return false;
        }
        // A failure without metadata is a few hundred bytes: Kafka never refuses it for its size.
        return id == null || publish(new ImageFailed(id, clock.instant(), reason, message, null)) != Delivery.LATER;
    }

    private Delivery publish(ImageEvent answer) {
        Delivery delivery = deliver(new ProducerRecord<>(Topics.PROCESSED, answer.id().value(), Json.toBytes(answer)),
                "the answer for image " + answer.id());
        if (delivery == Delivery.SENT) {
            LOG.info("image {} answered: {}", answer.id(), describe(answer));
        }
        return delivery;
    }

    /** Sends {@code record} and waits for the acknowledgement. */
    private Delivery deliver(ProducerRecord<String, byte[]> record, String what) {
        try {
            sender.send(record);
            return Delivery.SENT;
        } catch (AcknowledgedSend.NotAcknowledged e) {
            if (!running.getAsBoolean() && e.failure() != AcknowledgedSend.Failure.INTERRUPTED) {
                return Delivery.LATER; // stopping, and the producer may be closing: leave the record uncommitted
            }
            switch (e.failure()) {
                case UNAVAILABLE -> {
                    LOG.warn("publishing {} failed, will try again: {}", what, e.getMessage());
                    return Delivery.LATER;
                }
                case UNSENDABLE -> {
                    LOG.error("{} cannot be published", what, e);
                    return Delivery.NEVER;
                }
                case INTERRUPTED -> throw new ProcessorWorker.FatalError("interrupted while publishing " + what, e);
                default -> throw new ProcessorWorker.FatalError("publishing " + what + " failed fatally", e);
            }
        }
    }

    private static String describe(ImageEvent answer) {
        return answer instanceof ImageFailed f ? "failed (" + f.reason() + ": " + f.message() + ")" : "processed";
    }
}
