package media.archive.processor;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Collection;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Topics;
import media.archive.platform.kafka.AcknowledgedSend;
import media.archive.processor.pipeline.StageTimes;
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
 * <p>Errors are weighed by {@link Failure}. While S3 or Kafka are unreachable the same record is
 * tried again with a growing pause (capped at {@link Limits#maxRetryDelay()}), never skipped and
 * never counted against the file. A record whose event cannot be read, and an image that breaks
 * the processor or outlasts {@link Limits#attemptTimeout()} on each of
 * {@link Limits#maxAttempts()} attempts, is set aside on {@link Topics#DEAD_LETTER}
 * ({@link DeadLetters}) and answered with an {@link ImageFailed}; the partition moves on. Attempts
 * are counted in the commits themselves ({@link Attempts}), so one that killed the JVM counts too.
 * Each attempt runs on an {@link AttemptThread} while this thread keeps polling with its partitions
 * paused, so a slow image never costs the group its member. A fatal error stops the worker.
 *
 * <p>The consumer is used by {@link #run()}'s thread only; {@link #requestStop()} may be called from any
 * thread; the loop ends once the image in hand is answered and committed (or, past a grace, left
 * uncommitted for the next owner, its attempt not counted).
 */
final class ProcessorWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(250);
    /** Longer than the producer's delivery timeout, so a send that Kafka still retries ends first. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** How long an image in hand may still take once a stop is asked for; well inside the processor's stop timeout. */
    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** Processes one image; see {@link media.archive.processor.pipeline.ImageProcessing#process}. */
    interface ImageHandler {
        ImageEvent process(ImageUploaded uploaded);

        /** {@link #process(ImageUploaded)}, adding the time of each stage to {@code stages}. */
        default ImageEvent process(ImageUploaded uploaded, StageTimes.Image stages) {
            return process(uploaded);
        }
    }

    /**
     * How hard the worker tries.
     *
     * @param maxAttempts    attempts at an image that breaks or outlasts the processor before it is dead-lettered
     * @param attemptTimeout the longest one attempt may run before it is abandoned and counted as failed
     * @param maxRetryDelay  the longest pause between two tries while S3 or Kafka are away
     * @param nice           the nice value attempts run at, 0 to 19
     */
    record Limits(int maxAttempts, Duration attemptTimeout, Duration maxRetryDelay, int nice) {
        Limits {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            if (attemptTimeout.isNegative() || attemptTimeout.isZero() || maxRetryDelay.isNegative() || maxRetryDelay.isZero()) {
                throw new IllegalArgumentException("the attempt timeout and the retry delay must be positive");
            }
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final Answering answering;
    private final Limits limits;
    private final AttemptThread attempts;
    private final Attempts tried = new Attempts();
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean failed;
    private boolean inAttempt;
    private boolean woken;
    private Duration retryDelay = FIRST_RETRY_DELAY;

    /** Takes ownership of {@code consumer} (closed when the loop ends); {@code producer} stays its owner's. */
    ProcessorWorker(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer, ImageHandler handler,
                    Limits limits, Clock clock, StageTimes times) {
        this.consumer = consumer;
        this.answering = new Answering(new AcknowledgedSend(producer, ACK_TIMEOUT), () -> running, clock, times);
        this.limits = limits;
        this.attempts = new AttemptThread(handler, limits.attemptTimeout(), "processor", limits.nice());
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.UPLOADED), new Rebalancing());
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
            attempts.close();
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
                if (!consumer.assignment().contains(partitions.get(p))) {
                    break; // given to another consumer while we worked: it reads from the last commit
                }
                ConsumerRecord<String, byte[]> record = batch.get(r);
                if (!handle(record)) {
                    // Rewind this partition to the record and every later partition of the batch to
                    // its start, so that nothing fetched is lost while we wait.
                    rewind(partitions.get(p), record.offset());
                    for (int later = p + 1; later < partitions.size(); later++) {
                        rewind(partitions.get(later), records.records(partitions.get(later)).get(0).offset());
                    }
                    pause();
                    return;
                }
                retryDelay = FIRST_RETRY_DELAY;
                commit(partitions.get(p), new OffsetAndMetadata(record.offset() + 1));
            }
        }
    }

    /** Answers one record; false when it must be tried again later. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        UploadReading reading = UploadReading.of(record);
        if (reading instanceof UploadReading.Skip skip) {
            LOG.info("stepping over {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(), skip.why());
            return true;
        }
        if (reading instanceof UploadReading.Unreadable unreadable) {
            // Reading the same bytes again gives the same answer: one attempt is all it gets.
            LOG.warn("unreadable record at {}-{} offset {} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), printable(record.key()), printable(unreadable.message()));
            return answering.giveUp(record, unreadable.id(), 1, ImageFailed.UNREADABLE_EVENT, unreadable.message(), unreadable.error());
        }
        return attempt(record, ((UploadReading.Upload) reading).uploaded());
    }

    /** One attempt at the image, counted in the commits; false when the record must be tried again. */
    private boolean attempt(ConsumerRecord<String, byte[]> record, ImageUploaded uploaded) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Attempts.Tried before = tried.at(partition, record.offset());
        if (before.count() >= limits.maxAttempts()) {
            return answering.giveUp(record, uploaded.id(), before.count(), before.reason(), before.message(), null);
        }
        if (!running) {
            return false; // stopping: an attempt begun now would only be taken back
        }
        OffsetAndMetadata beginning = tried.beginning(partition, record.offset());
        try {
            if (beginning != null && !commit(partition, beginning)) {
                return false; // an attempt is begun only once it is on record
            }
        } catch (WakeupException e) {
            // Told to stop while the attempt was put on record: it never began, so take it back.
            OffsetAndMetadata withdrawn = tried.withdrawing(partition, record.offset());
            consumer.commitSync(Map.of(partition, withdrawn));
            tried.committed(partition, withdrawn);
            throw e;
        }
        AttemptThread.Outcome outcome;
        StageTimes.Image stages = answering.times().begin();
        inAttempt = true;
        try {
            outcome = attempts.run(uploaded, stages, this::keepPolling, () -> !running, STOP_GRACE);
        } finally {
            inAttempt = false;
            consumer.resume(consumer.paused());
        }
        if (outcome instanceof AttemptThread.Answered answered) {
            return answering.answer(record, answered.answer(), before.count() + 1, stages);
        }
        if (outcome instanceof AttemptThread.Stopped) {
            commit(partition, tried.withdrawing(partition, record.offset()));
            return false;
        }
        String reason;
        String message;
        Throwable error = null;
        if (outcome instanceof AttemptThread.TimedOut timedOut) {
            reason = ImageFailed.TIMED_OUT;
            message = "processing the image ran past the time limit of " + timedOut.limit().toSeconds() + " s and was abandoned";
        } else {
            error = ((AttemptThread.Threw) outcome).error();
            switch (Failure.classify(error)) {
                case RETRY -> {
                    LOG.warn("image {} will be tried again: {}", uploaded.id(), error.getMessage());
                    // Not the file's fault: take the attempt back, so that a processor killed while
                    // S3 is away for hours never counts its waiting against the image.
                    commit(partition, tried.withdrawing(partition, record.offset()));
                    return false;
                }
                case FATAL -> throw new FatalError("processing image " + uploaded.id() + " failed fatally", error);
                default -> {
                    reason = ImageFailed.PROCESSING_ERROR;
                    message = "the processor failed on this image: " + error;
                }
            }
        }
        Attempts.Tried after = new Attempts.Tried(record.offset(), before.count() + 1, reason, message);
        tried.failed(partition, after);
        if (after.count() >= limits.maxAttempts()) {
            return answering.giveUp(record, uploaded.id(), after.count(), reason, message, error);
        }
        LOG.warn("attempt {} of {} at image {} failed, trying again: {}", after.count(), limits.maxAttempts(),
                uploaded.id(), message, error);
        return false;
    }

    /**
     * Called twice a second while an attempt runs: polls with every partition paused, which
     * fetches nothing but tells the group this consumer is alive and lets a rebalance go through.
     */
    private void keepPolling() {
        if (woken) {
            return; // requestStop() woke the consumer; the attempt's grace runs in AttemptThread
        }
        try {
            consumer.pause(consumer.assignment());
            ConsumerRecords<String, byte[]> fetched = consumer.poll(Duration.ZERO);
            // Partitions assigned during the poll are paused by Rebalancing; should any record come
            // anyway, the next real poll reads it again.
            for (TopicPartition partition : fetched.partitions()) {
                rewind(partition, fetched.records(partition).get(0).offset());
            }
        } catch (WakeupException e) {
            woken = true;
        } catch (RuntimeException e) {
            // Kafka away while an image is in hand: the attempt goes on; the commit after it will tell.
            LOG.debug("polling during an attempt failed: {}", e.getMessage());
        }
    }

    private void rewind(TopicPartition partition, long offset) {
        if (consumer.assignment().contains(partition)) {
            consumer.seek(partition, offset);
        }
    }

    /** Commits {@code offset}; false when it was not (the cause is logged). */
    private boolean commit(TopicPartition partition, OffsetAndMetadata offset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(partition, offset);
        try {
            consumer.commitSync(offsets);
            tried.committed(partition, offset);
            return true;
        } catch (WakeupException e) {
            // requestStop() woke us during the commit: finish committing, then stop.
            consumer.commitSync(offsets);
            tried.committed(partition, offset);
            throw e;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partition moved to another consumer; it will answer the record again, harmlessly.
            LOG.info("offset {} of {} not committed: {}", offset.offset(), partition, e.getMessage());
        } catch (RuntimeException e) {
            if (Failure.classify(e) == Failure.FATAL) {
                throw new FatalError("committing " + partition + " failed fatally", e);
            }
            LOG.warn("offset {} of {} not committed; the record may be answered twice: {}", offset.offset(), partition, e.getMessage());
        }
        return false;
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
        retryDelay = doubled.compareTo(limits.maxRetryDelay()) > 0 ? limits.maxRetryDelay() : doubled;
    }

    /** Reads the attempts the group's commits hold for partitions it gives us; pauses them while an attempt runs. */
    private final class Rebalancing implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (inAttempt) {
                consumer.pause(partitions);
            }
            tried.assigned(consumer.committed(Set.copyOf(partitions)));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tried::revoked);
        }
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

    /** Ends the loop; the cause says why. */
    static final class FatalError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FatalError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
