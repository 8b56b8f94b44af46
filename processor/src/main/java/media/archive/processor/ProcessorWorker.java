package media.archive.processor;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import media.archive.platform.kafka.AcknowledgedSend;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of {@link Topics#UPLOADED} on its own thread: for each record it processes the
 * image, publishes the answer on {@link Topics#PROCESSED}, waits for Kafka's acknowledgement and
 * only then commits the record's offset, so that every upload is answered at least once.
 *
 * <p>Errors are weighed by {@link Failure}: a record that is not an upload event is logged and
 * skipped, never blocking its partition; an image whose processing fails unexpectedly is answered
 * with an {@link ImageFailed} ({@link ImageFailed#PROCESSING_ERROR}); while S3 or Kafka are unreachable the
 * same record is tried again with a growing pause, never skipped; a fatal error stops the worker.
 *
 * <p>The consumer is used by {@link #run()}'s thread only; {@link #requestStop()} may be called from any
 * thread; the loop ends once the image in hand is answered and committed.
 */
final class ProcessorWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(250);
    /** Longer than the producer's delivery timeout, so a send that Kafka still retries ends first. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    /** Processes one image; see {@link media.archive.processor.pipeline.ImageProcessing#process}. */
    interface ImageHandler {
        ImageEvent process(ImageUploaded uploaded);
    }

    private final Consumer<String, byte[]> consumer;
    private final AcknowledgedSend sender;
    private final ImageHandler handler;
    private final Duration maxRetryDelay;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean failed;
    private Duration retryDelay = FIRST_RETRY_DELAY;

    /** Takes ownership of {@code consumer} (closed when the loop ends); {@code producer} stays its owner's. */
    ProcessorWorker(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer, ImageHandler handler,
                    Duration maxRetryDelay, Clock clock) {
        this.consumer = consumer;
        this.sender = new AcknowledgedSend(producer, ACK_TIMEOUT);
        this.handler = handler;
        this.maxRetryDelay = maxRetryDelay;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.UPLOADED));
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                failed = true;
                LOG.error("consumer woken up unexpectedly; worker stops", e);
            }
        } catch (FatalError e) {
            failed = true;
            LOG.error("processor worker stops: {}", e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("processor worker stops on an unexpected error", e);
        } catch (Error e) {
            failed = true;
            LOG.error("processor worker stops on an unexpected error", e);
            throw e;
        } finally {
            running = false;
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                LOG.warn("closing the consumer failed", e);
            }
            stopped.countDown();
        }
    }

    /** Asks the loop to stop after the image in hand; returns at once. */
    void requestStop() {
        running = false;
        stopRequested.countDown();
        consumer.wakeup();
    }

    /** Waits up to {@code timeout} for the loop to end; true when it did. */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop is still consuming. */
    boolean isRunning() {
        return running && stopped.getCount() > 0;
    }

    /** Whether the loop ended on a fatal error rather than by {@link #requestStop()}. */
    boolean hasFailed() {
        return failed;
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (RecordDeserializationException e) {
            // Our deserializers accept any bytes, so this is a broken record batch: step over the record.
            LOG.warn("skipping undeserializable record at {} offset {}", e.topicPartition(), e.offset(), e);
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            onClientError("poll", e);
            return;
        }
        List<TopicPartition> partitions = List.copyOf(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partitions.get(p));
            for (int r = 0; r < batch.size(); r++) {
                if (!running) {
                    return; // uncommitted records are delivered again, to us or to the next owner
                }
                ConsumerRecord<String, byte[]> record = batch.get(r);
                if (!handle(record)) {
                    // Rewind this partition to the record and every later partition of the batch to
                    // its start, so that nothing fetched is lost while we wait.
                    consumer.seek(partitions.get(p), record.offset());
                    for (int later = p + 1; later < partitions.size(); later++) {
                        consumer.seek(partitions.get(later), records.records(partitions.get(later)).get(0).offset());
                    }
                    pause();
                    return;
                }
                retryDelay = FIRST_RETRY_DELAY;
                commit(partitions.get(p), record.offset() + 1);
            }
        }
    }

    /** Answers one record; false when it must be tried again later. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        ImageUploaded uploaded = parse(record);
        if (uploaded == null) {
            return true;
        }
        ImageEvent answer;
        try {
            answer = handler.process(uploaded);
        } catch (RuntimeException e) {
            if (!running) {
                return false; // stopping: whatever broke, the next owner of the partition tries again
            }
            switch (Failure.classify(e)) {
                case RETRY -> {
                    LOG.warn("image {} will be tried again: {}", uploaded.id(), e.getMessage());
                    return false;
                }
                case FATAL -> throw new FatalError("processing image " + uploaded.id() + " failed fatally", e);
                default -> {
                    LOG.error("processing image {} failed; answering {}", uploaded.id(), ImageFailed.PROCESSING_ERROR, e);
                    answer = new ImageFailed(uploaded.id(), clock.instant(), ImageFailed.PROCESSING_ERROR,
                            "the processor failed on this image: " + e, null);
                }
            }
        }
        return publish(answer);
    }

    /** The upload event in {@code record}, or null when it is none (logged as poison). */
    private static ImageUploaded parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A takedown's tombstone: the image is gone, there is nothing to process (the offset is committed).
            return null;
        }
        try {
            ImageEvent event = Json.read(record.value(), ImageEvent.class);
            if (event instanceof ImageUploaded uploaded) {
                return uploaded;
            }
            LOG.warn("skipping {} at {}-{} offset {}: not an upload", event.getClass().getSimpleName(),
                    record.topic(), record.partition(), record.offset());
        } catch (RuntimeException e) {
            if (Failure.classify(e) != Failure.POISON) {
                throw e;
            }
            LOG.warn("skipping malformed record at {}-{} offset {} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), printable(record.key()), printable(e.getMessage()));
        }
        return null;
    }

    /** Publishes {@code answer} and waits for the acknowledgement; false when it must be tried again. */
    private boolean publish(ImageEvent answer) {
        try {
            sender.send(Topics.PROCESSED, answer.id().value(), Json.toBytes(answer));
            LOG.info("image {} answered: {}", answer.id(), describe(answer));
            return true;
        } catch (AcknowledgedSend.NotAcknowledged e) {
            if (!running && e.failure() != AcknowledgedSend.Failure.INTERRUPTED) {
                return false; // stopping, and the producer may be closing: leave the record uncommitted
            }
            switch (e.failure()) {
                case UNAVAILABLE -> {
                    LOG.warn("publishing image {} failed, will try again: {}", answer.id(), e.getMessage());
                    return false;
                }
                case UNSENDABLE -> {
                    LOG.error("the answer for image {} cannot be published; skipped", answer.id(), e);
                    return true;
                }
                case INTERRUPTED -> throw new FatalError("interrupted while publishing " + answer.id(), e);
                default -> throw new FatalError("publishing image " + answer.id() + " failed fatally", e);
            }
        }
    }

    private void commit(TopicPartition partition, long nextOffset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(partition, new OffsetAndMetadata(nextOffset));
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            // requestStop() woke us during the commit: the image is answered, so finish committing it, then stop.
            consumer.commitSync(offsets);
            throw e;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partition moved to another consumer; it will answer the record again, harmlessly.
            LOG.info("offset {} of {} not committed: {}", nextOffset, partition, e.getMessage());
        } catch (RuntimeException e) {
            if (Failure.classify(e) == Failure.FATAL) {
                throw new FatalError("committing " + partition + " failed fatally", e);
            }
            LOG.warn("offset {} of {} not committed; the record may be answered twice: {}", nextOffset, partition, e.getMessage());
        }
    }

    /** A failing consumer call: Kafka being away is waited out; anything else is no record's fault, so fatal. */
    private void onClientError(String operation, RuntimeException e) {
        if (Failure.classify(e) != Failure.RETRY) {
            throw new FatalError(operation + " failed fatally", e);
        }
        LOG.warn("{} failed, will try again: {}", operation, e.getMessage());
        pause();
    }

    /** Waits before the next attempt, doubling the wait up to the configured maximum; returns early on stop. */
    private void pause() {
        try {
            stopRequested.await(retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalError("interrupted while waiting to retry", e);
        }
        Duration doubled = retryDelay.multipliedBy(2);
        retryDelay = doubled.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : doubled;
    }

    /** Untrusted text made safe for one log line: control characters replaced, length bounded. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        String bounded = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return bounded.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static String describe(ImageEvent answer) {
        return answer instanceof ImageFailed f ? "failed (" + f.reason() + ": " + f.message() + ")" : "processed";
    }

    /** Ends the loop; the cause says why. */
    private static final class FatalError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FatalError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
