package media.archive.platform.config;

import java.time.Duration;

/**
 * How the archive's topics are made when a service finds them missing, and how soon compaction
 * erases what a takedown tombstoned. Every service reads the same variables, so whichever starts
 * first creates the topics the same way, and each applies the erasure time to existing topics.
 *
 * @param erasure the longest time, from a takedown's tombstones, until compaction has dropped the
 *                image's earlier events from the topics (while the topic receives any writes)
 */
public record TopicSettings(int partitions, short replication, Duration erasure) {
    /** A day: a takedown is gone from Kafka by the next working day, at a cost of one log cleaning every few hours. */
    public static final int DEFAULT_ERASURE_HOURS = 24;

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition");
        }
        if (replication < 1) {
            throw new IllegalArgumentException("a topic has at least one replica");
        }
        if (erasure.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("erasure takes at least an hour");
        }
    }

    /** {@code partitions} and {@code replication} with the default erasure time. */
    public TopicSettings(int partitions, short replication) {
        this(partitions, replication, Duration.ofHours(DEFAULT_ERASURE_HOURS));
    }

    public static TopicSettings from(Settings settings) {
        return new TopicSettings(
                settings.integer("KAFKA_TOPIC_PARTITIONS", 3, 1, 10_000,
                        "partitions of each topic when a service creates it; bounds how many processors work at once"),
                (short) settings.integer("KAFKA_TOPIC_REPLICATION", 1, 1, Short.MAX_VALUE,
                        "replicas of each topic when a service creates it"),
                Duration.ofHours(settings.integer("ARCHIVE_ERASURE_HOURS", DEFAULT_ERASURE_HOURS, 1, 24 * 365,
                        "hours within which compaction erases a taken-down image's events from Kafka; applied to existing topics at start")));
    }
}
