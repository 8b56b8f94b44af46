package media.archive.platform.config;

/**
 * How the archive's topics are made when a service finds them missing. Every service reads
 * the same two variables, so whichever starts first creates them the same way.
 */
public record TopicSettings(int partitions, short replication) {
    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition");
        }
        if (replication < 1) {
            throw new IllegalArgumentException("a topic has at least one replica");
        }
    }

    public static TopicSettings from(Settings settings) {
        return new TopicSettings(
                settings.integer("KAFKA_TOPIC_PARTITIONS", 3, 1, 10_000,
                        "partitions of each topic when a service creates it; bounds how many processors work at once"),
                (short) settings.integer("KAFKA_TOPIC_REPLICATION", 1, 1, Short.MAX_VALUE,
                        "replicas of each topic when a service creates it"));
    }
}
