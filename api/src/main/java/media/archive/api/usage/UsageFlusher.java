package media.archive.api.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import media.archive.contracts.ImageUsage;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a {@link UsageCounter} counted on {@link Topics#USAGES}, every
 * {@code API_USAGE_FLUSH_SECONDS} and once more on {@link #close()}: for each (image, site) with
 * new hits, this replica's new cumulative total, under the key {@link ImageUsage#key()} that
 * only this replica writes. A total counts as flushed only once Kafka acknowledged it; a failed
 * flush leaves its hits to the next one.
 *
 * <p>Totals start from what this replica published before (its earlier runs, read by the
 * {@link UsageView}), so nothing is published before the view has caught up with the topic: a
 * total lower than the one already on the topic would replace it under compaction. From then on
 * this replica's acknowledged totals are its own bookkeeping, never the view's: a send whose
 * acknowledgement timed out may still have been written, and the view reading it back must not
 * make the next total count those hits twice. Owns its producer. Thread-safe.
 */
final class UsageFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageFlusher.class);

    private final UsageCounter counter;
    private final UsageView view;
    private final Producer<String, byte[]> producer;
    private final String replica;
    private final Duration ackTimeout;
    /** This replica's acknowledged total per pair (guarded by this). */
    private final Map<UsageCounter.Pair, ImageUsage> own = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private long overflowLogged;
    private boolean closed;

    UsageFlusher(UsageCounter counter, UsageView view, Producer<String, byte[]> producer, String replica, Duration ackTimeout) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.view = Objects.requireNonNull(view, "view");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.replica = Objects.requireNonNull(replica, "replica");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    /** Flushes every {@code every} on a thread of its own, until {@link #close()}. */
    synchronized void start(Duration every) {
        if (scheduler != null || closed) {
            throw new IllegalStateException("a usage flusher is started once, before it is closed");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "usage-flusher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes the totals of every pair with new hits and waits for their acknowledgements;
     * returns how many were acknowledged, or -1 when the view has not caught up yet (nothing is
     * sent then, the hits wait).
     */
    synchronized int flush() {
        logOverflow();
        if (!view.isCaughtUp()) {
            LOG.info("usage not published yet: the usage view is still reading {}", Topics.USAGES);
            return -1;
        }
        List<UsageCounter.Pending> pending = counter.pending();
        List<ImageUsage> totals = new ArrayList<>(pending.size());
        List<Future<RecordMetadata>> sent = new ArrayList<>(pending.size());
        RuntimeException sendFailure = null;
        for (UsageCounter.Pending next : pending) {
            ImageUsage total = next(next);
            totals.add(total);
            try {
                sent.add(producer.send(new ProducerRecord<>(Topics.USAGES, total.key(), Json.toBytes(total))));
            } catch (KafkaException e) {
                // Kafka unreachable for longer than the producer blocks: the rest waits for the next flush.
                sendFailure = e;
                break;
            }
        }
        List<UsageCounter.Pending> acknowledged = new ArrayList<>(sent.size());
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        Throwable ackFailure = sendFailure;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ImageUsage total = totals.get(i);
                own.put(pending.get(i).pair(), total);
                view.apply(total);
                acknowledged.add(pending.get(i));
            } catch (ExecutionException e) {
                ackFailure = e.getCause();
            } catch (TimeoutException e) {
                ackFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ackFailure = e;
                break;
            }
        }
        counter.flushed(acknowledged);
        if (acknowledged.size() < pending.size()) {
            LOG.warn("published {} of {} usage totals on {}; the rest waits for the next flush: {}", acknowledged.size(),
                    pending.size(), Topics.USAGES, String.valueOf(ackFailure));
        }
        return acknowledged.size();
    }

    /** This replica's new total of a pair: what it published before plus the new hits. */
    private ImageUsage next(UsageCounter.Pending pending) {
        UsageCounter.Pair pair = pending.pair();
        ImageUsage before = own.computeIfAbsent(pair, p -> view.totalOf(p.id(), p.site(), replica));
        Instant first = Instant.ofEpochMilli(pending.firstSeen());
        Instant last = Instant.ofEpochMilli(pending.lastSeen());
        if (before == null) {
            return new ImageUsage(pair.id(), pair.site(), replica, first, last, pending.hits());
        }
        return new ImageUsage(pair.id(), pair.site(), replica, Usage.min(before.firstSeen(), first),
                Usage.max(before.lastSeen(), last), before.count() + pending.hits());
    }

    private void logOverflow() {
        long overflowed = counter.overflowed();
        if (overflowed > overflowLogged) {
            LOG.warn("{} hits of new (image, site) pairs were not counted: the counter held its maximum of pairs"
                    + " (API_USAGE_MAX_PAIRS)", overflowed - overflowLogged);
            overflowLogged = overflowed;
        }
    }

    /** A replica stopped right after its start gives its view a moment to catch up, rather than drop its counts. */
    private void awaitView() throws InterruptedException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (!view.isCaughtUp() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // The scheduler would stop for good on a thrown exception; the hits wait for the next flush.
            LOG.error("flushing usage failed", e);
        }
    }

    /**
     * Stops the schedule, flushes once more (when it was started and the view has caught up) and
     * closes the producer.
     */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = scheduler;
        }
        try {
            if (running != null) {
                running.shutdown();
                running.awaitTermination(ackTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                awaitView();
                flushQuietly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
