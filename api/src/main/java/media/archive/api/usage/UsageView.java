package media.archive.api.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageUsage;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each picture is used, as {@link Topics#USAGES} says: rebuilt in memory from the start of
 * the topic at every start, then kept up to date on a thread of its own, the way a compacted
 * topic is read as a table. Holds each replica's latest total per (image, site) and answers
 * their sums.
 *
 * <p>Totals only grow, so applying one is a merge (earliest first sighting, latest last one,
 * largest count): reading a value twice, or this replica's own flush before the topic gives it
 * back, changes nothing. A tombstone (null value) forgets its key. Queries may be called from
 * any thread; {@link #start()} and {@link #close()} once each. Thread-safe.
 */
public final class UsageView implements Usages, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageView.class);
    /** How long one poll waits for new totals; also how quickly {@link #close()} is seen. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long the thread waits before asking again when the topic has no partitions or Kafka failed. */
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Consumer<String, byte[]> consumer;
    /** Image to {@code <site> <replica>} to that replica's latest total. */
    private final ConcurrentMap<ImageId, ConcurrentMap<String, ImageUsage>> totals = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean caughtUp;
    private volatile boolean closing;
    private Thread thread;

    /** A view reading through {@code consumer}, which it takes over (and closes). */
    public UsageView(Consumer<String, byte[]> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Starts reading the topic from its beginning. */
    public synchronized void start() {
        if (thread != null || closing) {
            throw new IllegalStateException("a usage view is started once, before it is closed");
        }
        thread = new Thread(this::run, "usage-view");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the view has read the topic as it was when the view started. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public List<Usage> of(ImageId id) {
        Map<String, ImageUsage> ofImage = totals.get(id);
        if (ofImage == null) {
            return List.of();
        }
        List<Usage> usages = new ArrayList<>(bySite(ofImage.values()).values());
        usages.sort(Usage::mostRecentFirst);
        return usages;
    }

    /**
     * Usages last seen at {@code since} or later (null: any time) on host {@code host} and its
     * subdomains (null: every site), most recent first, at most {@code limit}.
     */
    public Listing list(String host, Instant since, int limit) {
        List<Usage> found = new ArrayList<>();
        for (Map<String, ImageUsage> ofImage : totals.values()) {
            for (Usage usage : bySite(ofImage.values()).values()) {
                if ((since == null || !usage.lastSeen().isBefore(since)) && (host == null || Sites.isOn(usage.site(), host))) {
                    found.add(usage);
                }
            }
        }
        found.sort(Usage::mostRecentFirst);
        boolean truncated = found.size() > limit;
        return new Listing(truncated ? List.copyOf(found.subList(0, limit)) : List.copyOf(found), truncated);
    }

    /** Goes through every total: a search for used pictures costs a pass over the pairs held, with no index of sites to keep. */
    @Override
    public Set<ImageId> usedOn(String host) {
        String wanted = host == null ? null : Sites.host(host);
        if (host != null && wanted == null) {
            return Set.of();
        }
        Set<ImageId> used = new HashSet<>();
        for (Map.Entry<ImageId, ConcurrentMap<String, ImageUsage>> ofImage : totals.entrySet()) {
            for (ImageUsage total : ofImage.getValue().values()) {
                if (wanted == null || Sites.isOnHost(total.site(), wanted)) {
                    used.add(ofImage.getKey());
                    break;
                }
            }
        }
        return used;
    }

    /** A page of {@link #list}: {@code truncated} when more matched than the limit. */
    public record Listing(List<Usage> usages, boolean truncated) {
    }

    /** {@code replica}'s total of {@code id} on {@code site}, or null when it published none. */
    ImageUsage totalOf(ImageId id, String site, String replica) {
        Map<String, ImageUsage> ofImage = totals.get(id);
        return ofImage == null ? null : ofImage.get(site + ' ' + replica);
    }

    /** Takes in one total, as read from the topic or as this replica's flush published it. */
    void apply(ImageUsage usage) {
        // One compute per image, so that a tombstone emptying the image's map cannot drop this total.
        totals.compute(usage.id(), (id, ofImage) -> {
            ConcurrentMap<String, ImageUsage> map = ofImage == null ? new ConcurrentHashMap<>() : ofImage;
            map.merge(usage.site() + ' ' + usage.replica(), usage, UsageView::later);
            return map;
        });
    }

    private static ImageUsage later(ImageUsage known, ImageUsage next) {
        if (next.count() <= known.count() && !next.firstSeen().isBefore(known.firstSeen())
                && !next.lastSeen().isAfter(known.lastSeen())) {
            return known;
        }
        return new ImageUsage(known.id(), known.site(), known.replica(), Usage.min(known.firstSeen(), next.firstSeen()),
                Usage.max(known.lastSeen(), next.lastSeen()), Math.max(known.count(), next.count()));
    }

    private static Map<String, Usage> bySite(Collection<ImageUsage> ofImage) {
        Map<String, Usage> bySite = new HashMap<>();
        for (ImageUsage total : ofImage) {
            Usage usage = new Usage(total.id(), total.site(), total.firstSeen(), total.lastSeen(), total.count());
            bySite.merge(total.site(), usage, Usage::plus);
        }
        return bySite;
    }

    private void run() {
        try {
            Map<TopicPartition, Long> ends = assignFromTheStart();
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    take(record);
                }
                if (!caughtUp && ends != null && reached(ends)) {
                    caughtUp = true;
                    LOG.info("usage view caught up with {}: {} images used", Topics.USAGES, totals.size());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            LOG.error("the usage view stopped reading {}; usage answers stay as they were", Topics.USAGES, e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("closing the usage view's consumer failed: {}", e.toString());
            }
            stopped.countDown();
        }
    }

    /** Assigns every partition of the topic from its beginning, once it has any; returns their end offsets. */
    private Map<TopicPartition, Long> assignFromTheStart() {
        while (!closing) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.USAGES);
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    return consumer.endOffsets(partitions);
                }
                LOG.warn("topic {} has no partitions yet; usage is counted but not published until it has", Topics.USAGES);
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.warn("cannot read {} yet: {}", Topics.USAGES, e.toString());
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            forget(record.key());
            return;
        }
        try {
            apply(Json.read(record.value(), ImageUsage.class));
        } catch (RuntimeException e) {
            // Someone else's record on our topic: it counts for nothing, and must not stop the view.
            LOG.warn("skipping an unreadable usage at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** A tombstone: {@code <image id> <site> <replica>} is forgotten. */
    private void forget(String key) {
        String[] parts = key == null ? new String[0] : key.split(" ", 3);
        if (parts.length != 3 || !ImageId.isValid(parts[0])) {
            return;
        }
        ImageId id = ImageId.parse(parts[0]);
        totals.computeIfPresent(id, (image, ofImage) -> {
            ofImage.remove(parts[1] + ' ' + parts[2]);
            return ofImage.isEmpty() ? null : ofImage;
        });
    }

    /** Stops reading and closes the consumer; the answers stay as they were. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
        }
        if (running == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
