package media.archive.api.index;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the partitions a consumer reads in step by record timestamp, pausing those that ran
 * more than a window ahead of the partition furthest behind, as Kafka Streams does when it
 * joins topics. Without it a consumer reads each partition as fast as its fetches fill: small
 * records (uploads) would be read far ahead of large ones (processing outcomes).
 *
 * <p>A partition whose records have all been read is left out of the comparison, so it never
 * holds the others back. Used by one thread, the consumer's.
 */
final class PartitionAlignment {
    private final Consumer<?, ?> consumer;
    private final long windowMillis;
    /** The timestamp of the last record read per partition. */
    private final Map<TopicPartition, Long> lastTimestamps = new HashMap<>();

    PartitionAlignment(Consumer<?, ?> consumer, long windowMillis) {
        this.consumer = consumer;
        this.windowMillis = windowMillis;
    }

    /** Notes how far each partition of {@code records} has been read. */
    void consumed(List<? extends ConsumerRecord<?, ?>> records) {
        for (ConsumerRecord<?, ?> record : records) {
            lastTimestamps.merge(new TopicPartition(record.topic(), record.partition()), record.timestamp(), Math::max);
        }
    }

    /**
     * Pauses the partitions that are ahead and resumes the others. Only partitions that have not
     * reached their offset in {@code ends} count: the one furthest behind is never paused, so
     * reading always goes on.
     */
    void align(Map<TopicPartition, Long> ends) {
        Set<TopicPartition> behind = new HashSet<>();
        long slowest = Long.MAX_VALUE;
        for (TopicPartition partition : consumer.assignment()) {
            Long end = ends.get(partition);
            if (end == null || consumer.position(partition) >= end) {
                continue;
            }
            behind.add(partition);
            Long last = lastTimestamps.get(partition);
            // A partition not read yet could hold anything: nobody is ahead of it.
            slowest = Math.min(slowest, last == null ? Long.MIN_VALUE : last);
        }
        Set<TopicPartition> ahead = new HashSet<>();
        for (TopicPartition partition : behind) {
            Long last = lastTimestamps.get(partition);
            if (last != null && slowest != Long.MIN_VALUE && last - slowest > windowMillis) {
                ahead.add(partition);
            }
        }
        pause(ahead);
    }

    /** Resumes every partition: once caught up, each record is read as soon as it arrives. */
    void release() {
        pause(Set.of());
        lastTimestamps.clear();
    }

    private void pause(Set<TopicPartition> ahead) {
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(ahead);
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        Set<TopicPartition> newlyPaused = new HashSet<>(ahead);
        newlyPaused.removeAll(paused);
        if (!newlyPaused.isEmpty()) {
            consumer.pause(newlyPaused);
        }
    }
}
