package media.archive.api.galleries;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.GalleryEvent;
import media.archive.contracts.GalleryId;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads {@code media.galleries} into a {@link GalleryView}: assigned to every
 * partition (no consumer group: every replica reads every gallery), from the beginning at each
 * start, so the view needs no stored offsets. {@link #isCaughtUp()} once it has read what the
 * topic held when it started.
 *
 * <p>Errors are classified once: an event that cannot be read is logged and skipped (a newer
 * writer's event, or a broken one, must not stop the view); Kafka unreachable is retried every
 * second, from where the reader was. {@link #start()} once; {@link #close()} from any thread stops
 * it (flag, wakeup, latch) and closes the consumer, which this reader owns.
 */
public final class GalleryReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GalleryReader.class);
    /** A poll's wait when nothing comes: short enough that a saved gallery is seen within a fraction of a second. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Consumer<String, byte[]> consumer;
    private final GalleryView view;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private Thread thread;

    /** Reads with {@code consumer} (which it then owns) into {@code view}. */
    public GalleryReader(Consumer<String, byte[]> consumer, GalleryView view) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.view = Objects.requireNonNull(view, "view");
    }

    /** Starts reading on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("a gallery reader is started once");
        }
        thread = new Thread(this::run, "gallery-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the view holds every gallery the topic held when this reader started. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            Map<TopicPartition, Long> ends = null;
            while (running) {
                try {
                    if (ends == null) {
                        ends = assignFromStart();
                        if (ends == null) {
                            sleep(RETRY);
                            continue;
                        }
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    if (!caughtUp && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        LOG.info("galleries read: {} of them", view.size());
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop; the loop condition says so.
                } catch (KafkaException e) {
                    LOG.warn("reading the galleries failed, trying again: {}", e.toString());
                    sleep(RETRY);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                stopped.countDown();
            }
        }
    }

    /** Assigns every partition of the topic from its start; the end offsets to catch up with, or null when the topic is not there yet. */
    private Map<TopicPartition, Long> assignFromStart() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.GALLERIES, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            LOG.info("topic {} is not there yet", Topics.GALLERIES);
            return null;
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null && GalleryId.isValid(record.key())) {
                view.forget(GalleryId.parse(record.key()));
            }
            return;
        }
        try {
            view.apply(Json.read(record.value(), GalleryEvent.class));
        } catch (Json.MalformedJsonException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("skipped an unreadable gallery event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the reader and closes its consumer; waits a few seconds at most. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        synchronized (this) {
            if (thread == null) {
                consumer.close(Duration.ofSeconds(5));
                return;
            }
        }
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("the gallery reader did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
