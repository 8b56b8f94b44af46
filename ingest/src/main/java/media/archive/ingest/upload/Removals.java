package media.archive.ingest.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which images were taken down, as ingest must know to refuse their bytes without reading S3:
 * every partition of {@link Topics#EDITS} read from the beginning by a consumer of its own (no
 * group), keeping the ids whose latest event is an {@code ImageRemoved}, with its time. A few
 * dozen bytes per removed image; edits and restorations only take ids out.
 *
 * <p>{@link #removedAt} answers as of every event Kafka acknowledged before it was called: it asks
 * the reading thread for the topic's end offsets and waits until the view has read that far, so a
 * takedown answered {@code 202} by the api is known to the very next upload. Until the view has
 * read the whole topic once (at start), it waits at most its patience, then the upload is answered
 * {@code 503}. Thread-safe; the consumer is used by the reading thread only.
 */
final class Removals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Removals.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KAFKA_CALL = Duration.ofSeconds(5);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);

    /** A view that has not yet read the end of the topic the caller asked for. */
    static final class NotCaughtUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCaughtUp(String message) {
            super(message);
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final Map<ImageId, Instant> removed = new ConcurrentHashMap<>();
    /** Callers waiting for the view to reach the end of the topic as it is when the thread takes them. */
    private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Whether a round ever completed: the whole topic was read at least once. */
    private volatile boolean readOnce;
    /** Whether the reading thread is in, or about to enter, a poll that a caller may cut short. */
    private final AtomicBoolean polling = new AtomicBoolean();

    /** A view read by {@code consumer}, which it owns (closed by {@link #close()}); call {@link #start()}. */
    Removals(Consumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "ingest-removals");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * When image {@code id} was removed, or empty when it is not (or was restored), counting every
     * event acknowledged before this call.
     *
     * @throws NotCaughtUp when the view did not get that far within {@code patience}
     */
    Optional<Instant> removedAt(ImageId id, Duration patience) {
        CompletableFuture<Void> synced = new CompletableFuture<>();
        waiting.add(synced);
        if (polling.get()) {
            // Only a poll is cut short: a wakeup landing in endOffsets would make the thread ask
            // again, and callers arriving steadily could keep it asking.
            consumer.wakeup();
        }
        try {
            synced.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new NotCaughtUp("ingest is still reading the archive's removals; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCaughtUp("interrupted while reading the archive's removals");
        }
        return Optional.ofNullable(removed.get(id));
    }

    /** Whether the view has read the whole topic once, so a wait longer than a round trip means Kafka is away. */
    boolean hasReadOnce() {
        return readOnce;
    }

    /** Takes {@code id} out of the view at once, after this ingest published its restoration. */
    void restored(ImageId id) {
        removed.remove(id);
    }

    private void run() {
        List<TopicPartition> partitions = null;
        List<CompletableFuture<Void>> round = new ArrayList<>();
        Map<TopicPartition, Long> target = null;
        while (running) {
            try {
                if (partitions == null) {
                    List<TopicPartition> found = consumer.partitionsFor(Topics.EDITS, KAFKA_CALL).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    if (found.isEmpty()) {
                        // Not created yet (TopicSetup runs before ingest starts, so only briefly): an
                        // empty view would answer that nothing was ever removed.
                        throw new IllegalStateException("the topic " + Topics.EDITS + " does not exist yet");
                    }
                    partitions = found;
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                if (target == null) {
                    // Callers that came while a round was under way wait for a round of their own: the
                    // end offsets must be read after they asked.
                    if (round.isEmpty()) {
                        for (CompletableFuture<Void> next = waiting.poll(); next != null; next = waiting.poll()) {
                            round.add(next);
                        }
                    }
                    if (!round.isEmpty()) {
                        target = consumer.endOffsets(partitions, KAFKA_CALL);
                    }
                }
                if (target == null || !reached(partitions, target)) {
                    polling.set(true);
                    try {
                        // A caller that came after the check above finds polling set and wakes the poll.
                        if (target != null || round.isEmpty() && waiting.isEmpty()) {
                            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                                apply(record);
                            }
                        }
                    } finally {
                        polling.set(false);
                    }
                }
                if (target != null && reached(partitions, target)) {
                    readOnce = true;
                    round.forEach(future -> future.complete(null));
                    round.clear();
                    target = null;
                }
            } catch (WakeupException e) {
                // A caller asked for a round; the loop takes it.
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("reading removals from {} failed, will try again: {}", Topics.EDITS, e.toString());
                target = null;
                try {
                    Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        round.forEach(future -> future.completeExceptionally(new NotCaughtUp("stopped")));
        waiting.forEach(future -> future.completeExceptionally(new NotCaughtUp("stopped")));
        consumer.close(Duration.ofSeconds(5));
    }

    private boolean reached(List<TopicPartition> partitions, Map<TopicPartition, Long> target) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, KAFKA_CALL) < target.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    /** Reads only the event's type and time: an edit's metadata is none of ingest's business. */
    private void apply(ConsumerRecord<String, byte[]> record) {
        if (!ImageId.isValid(record.key())) {
            return;
        }
        ImageId id = ImageId.parse(record.key());
        if (record.value() == null) {
            removed.remove(id);
            return;
        }
        try {
            JsonNode tree = Json.mapper().readTree(record.value());
            String type = tree == null ? null : tree.path("type").asText(null);
            if ("ImageRemoved".equals(type)) {
                removed.put(id, Instant.parse(tree.path("at").asText()));
            } else {
                removed.remove(id);
            }
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("skipped a malformed event of {} at {}-{}@{}", id, record.topic(), record.partition(), record.offset());
        }
    }

    /** Stops the reading thread and closes the consumer; waiting callers are told it stopped. */
    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
