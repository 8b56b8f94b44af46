package media.archive.api.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link ImageIndex} up to date with the topics, on a thread of its own.
 *
 * <p>Every replica of the api reads every partition, so the consumer has no group: it is
 * {@linkplain Consumer#assign assigned} all partitions of the topics and seeks to the offsets
 * stored in the index's last commit (or to the beginning when the index has none). Each poll
 * is applied as one batch and committed with its offsets in one Lucene commit. Partitions that
 * appear later (a topic created after the start, partitions added) are picked up by
 * re-reading the topics' partitions every few seconds.
 *
 * <p>Errors are classified once: an event that cannot be read is counted and skipped (see
 * {@link ImageIndex}); Kafka being unreachable is waited out; a failing index (disk full,
 * corruption) stops the loop, which then reports {@link #hasFailed()}.
 *
 * <p>{@link #start()} once; {@link #close()} from any thread stops the loop (flag, wakeup,
 * latch) and closes the consumer, which this loop owns.
 */
public final class IndexWriterLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexWriterLoop.class);
    /** How long one poll waits for records; new events are searchable about this soon at worst. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    /** How long a metadata or offsets request may take before the loop tries again. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How often the topics' partitions are read again, to pick up new topics and partitions. */
    private static final long PARTITION_CHECK_MILLIS = 10_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How often staged batches are committed and made visible under a steady stream of events,
     * once the index has caught up (an event on its own is committed as soon as a poll finds
     * nothing more): new events are searchable within this plus a poll, under a second. Each
     * commit makes a small segment to merge later and new searchers; twice a second costs the
     * api half what four times did.
     */
    private static final long LIVE_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * How often while catching up: rarely, because each commit flushes every segment being
     * written on one thread while the others wait, and each refresh prepares new searchers.
     * A crash while catching up repeats at most this much work.
     */
    private static final long CATCH_UP_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * How many images may be staged before a commit while catching up. A written image costs
     * the staging its id only (about 150 bytes); images still waiting for their upload or
     * outcome keep their events (a few KB), but few wait long when the topics are read in step.
     */
    private static final int CATCH_UP_MAX_STAGED = 500_000;
    /**
     * While catching up, how far (in record timestamps) a partition may run ahead of the one
     * furthest behind. An image's upload and its processing outcome are on different topics,
     * published seconds apart; read in step, both arrive before the same commit and the image is
     * written once, not once per event with a lookup of the first in between. Tight, so that
     * topics filled in a burst (a bulk import, the search benchmark) are read in step too.
     */
    private static final long ALIGNMENT_WINDOW_MILLIS = 50;

    private final ImageIndex index;
    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile boolean failed;
    private Thread thread;
    private boolean closed;

    // Touched by the loop's thread only.
    private final PartitionAlignment alignment;
    private Map<TopicPartition, Long> startEnds;
    private long nextPartitionCheck;
    private long lastCommit = System.nanoTime();
    /** When the first records arrived, for the rate of catching up; 0 before. */
    private long firstRecords;

    /** A loop that will feed {@code index} from {@code topics} through {@code consumer}, which it takes over. */
    public IndexWriterLoop(ImageIndex index, Consumer<String, byte[]> consumer, List<String> topics) {
        this.index = index;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.alignment = new PartitionAlignment(consumer, ALIGNMENT_WINDOW_MILLIS);
    }

    /** Starts the loop's thread. */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("the index writer loop can be started once");
        }
        thread = new Thread(this::run, "index-writer");
        thread.start();
    }

    /** Whether the index has reached the end of every partition as it was when the loop started. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Whether the loop stopped because the index could not be written. */
    public boolean hasFailed() {
        return failed;
    }

    /** Events applied to the index since the start. */
    public long appliedEvents() {
        return applied.get();
    }

    /** Records of event types this version does not index, skipped since the start. */
    public long ignoredEvents() {
        return ignored.get();
    }

    /** Records that were no readable event, skipped since the start. */
    public long malformedEvents() {
        return malformed.get();
    }

    private void run() {
        try {
            while (running) {
                try {
                    if (!assignPartitions()) {
                        pause(Duration.ofSeconds(1));
                        continue;
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                    if (!records.isEmpty()) {
                        if (firstRecords == 0) {
                            firstRecords = System.nanoTime();
                        }
                        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                        records.forEach(batch::add);
                        if (!caughtUp) {
                            alignment.consumed(batch);
                        }
                        ImageIndex.BatchOutcome outcome = index.stage(batch);
                        applied.addAndGet(outcome.applied());
                        ignored.addAndGet(outcome.ignored());
                        malformed.addAndGet(outcome.malformed());
                    }
                    long now = System.nanoTime();
                    if (index.hasStaged() && commitDue(records.isEmpty(), now)) {
                        long commitStart = System.nanoTime();
                        int images = index.stagedImages();
                        index.commit();
                        if (!caughtUp) {
                            LOG.info("catching up: {} events applied; committed {} images in {} ms ({} early refreshes)",
                                    applied.get(), images, (System.nanoTime() - commitStart) / 1_000_000,
                                    index.takeLookupRefreshes());
                        }
                        // The next interval starts when this commit is done, however long it took.
                        lastCommit = System.nanoTime();
                    }
                    if (!caughtUp && startEnds != null) {
                        alignment.align(startEnds);
                    }
                    if (!index.hasStaged()) {
                        checkCaughtUp();
                        if (caughtUp && index.isServingPrevious()) {
                            index.promoteRebuild();
                        }
                    }
                } catch (TimeoutException e) {
                    // Kafka is unreachable or slow. Each batch is one commit, so none is half-applied: try again.
                    LOG.warn("Kafka did not answer in time; trying again: {}", e.getMessage());
                    nextPartitionCheck = 0;
                    pause(Duration.ofSeconds(1));
                }
            }
        } catch (WakeupException | InterruptException e) {
            if (running) {
                failed = true;
                LOG.error("index writer loop woken up while it was not asked to stop", e);
            }
        } catch (Exception e) {
            failed = true;
            LOG.error("index writer loop stopped: the index can no longer be updated", e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("cannot close the consumer cleanly: {}", e.getMessage());
            }
            stopped.countDown();
        }
    }

    /**
     * Makes sure every partition of the topics is assigned, seeking new ones to their stored
     * offsets. Returns whether there is anything to poll.
     */
    private boolean assignPartitions() {
        long now = System.currentTimeMillis();
        if (now < nextPartitionCheck) {
            return !consumer.assignment().isEmpty();
        }
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, REQUEST_TIMEOUT);
            if (partitions != null) {
                partitions.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        if (!all.equals(consumer.assignment())) {
            Set<TopicPartition> added = new HashSet<>(all);
            added.removeAll(consumer.assignment());
            consumer.assign(all);
            seek(added);
            LOG.info("indexing {} partitions of {}", all.size(), topics);
        }
        if (startEnds == null) {
            startEnds = new HashMap<>(consumer.endOffsets(all, REQUEST_TIMEOUT));
        }
        nextPartitionCheck = now + PARTITION_CHECK_MILLIS;
        if (all.isEmpty()) {
            checkCaughtUp();
        }
        return !all.isEmpty();
    }

    private void seek(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = index.committedOffsets();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = stored.get(tp);
            if (offset == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
    }

    /**
     * Whether the staged batches should be committed now. Live, as soon as a poll finds nothing
     * more (or every {@link #LIVE_COMMIT_NANOS} under a steady stream); catching up, rarely, and
     * when the ends of the partitions are reached.
     */
    private boolean commitDue(boolean pollWasEmpty, long now) {
        if (caughtUp) {
            return pollWasEmpty || now - lastCommit >= LIVE_COMMIT_NANOS;
        }
        return now - lastCommit >= CATCH_UP_COMMIT_NANOS || index.stagedImages() >= CATCH_UP_MAX_STAGED
                || (pollWasEmpty && reachedStartEnds());
    }

    private boolean reachedStartEnds() {
        if (startEnds == null) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> end : startEnds.entrySet()) {
            if (end.getValue() > 0 && consumer.position(end.getKey(), REQUEST_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void checkCaughtUp() {
        if (caughtUp || !reachedStartEnds()) {
            return;
        }
        caughtUp = true;
        alignment.release();
        double seconds = firstRecords == 0 ? 0 : (System.nanoTime() - firstRecords) / 1e9;
        LOG.info("index caught up with the topics ({} events applied, {} ignored, {} malformed) in {} s from the first records: {} events/s",
                applied.get(), ignored.get(), malformed.get(), String.format("%.1f", seconds),
                seconds == 0 ? "-" : String.format("%.0f", (applied.get() + ignored.get() + malformed.get()) / seconds));
    }

    private void pause(Duration duration) throws InterruptedException {
        stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the loop and waits for it to finish its batch; the consumer is closed when this returns. */
    @Override
    public void close() {
        Thread worker;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            worker = thread;
        }
        stopRequested.countDown();
        if (worker == null) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            if (!stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("index writer loop did not stop within {} s", STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
