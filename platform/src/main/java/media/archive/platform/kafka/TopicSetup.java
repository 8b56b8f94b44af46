package media.archive.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import media.archive.contracts.Topics;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.TopicSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the archive's topics when they are missing: compacted (the latest event per image is
 * kept) and never deleted by time, because Kafka is the archive's record of every image. On every
 * topic, new or existing, it sets how soon compaction erases what a takedown tombstoned
 * ({@link #erasureConfigs}), so an installation made before gets the same guarantee at its next start.
 */
public final class TopicSetup {
    /**
     * How long a tombstone itself stays readable after compaction: a week, so a reader that was
     * stopped over a long weekend still reads it. It holds nothing but the image id.
     */
    static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);
    /**
     * Compaction starts once a tenth of a log is dirty, not half (Kafka's default): the archive's
     * topics are small, and a takedown should not wait for half of them to be rewritten.
     */
    static final String DIRTY_RATIO = "0.1";

    private TopicSetup() {
    }

    /** Ensures every topic of {@link Topics#ALL} exists, made as {@code topics} says, with its erasure time. */
    public static void ensureTopics(KafkaSettings kafka, TopicSettings topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-setup");
        Map<String, String> erasure = erasureConfigs(topics.erasure());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    Map<String, String> configs = new HashMap<>(erasure);
                    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                    configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                    // With replicas to spare, an acknowledged event is on two brokers: losing one loses nothing.
                    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, topics.replication())));
                    missing.add(new NewTopic(topic, topics.partitions(), topics.replication()).configs(configs));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Another service created them first; their erasure times are set just below.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // Incremental: only these four keys change; whatever else an operator set stays.
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
            for (String topic : Topics.ALL) {
                List<AlterConfigOp> ops = new ArrayList<>();
                erasure.forEach((key, value) -> ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops);
            }
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create or configure topics on " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ensures every topic of {@link Topics#ALL} exists with {@code partitions} partitions and
     * {@code replication} replicas, erasing within {@link TopicSettings#DEFAULT_ERASURE_HOURS}.
     */
    public static void ensureTopics(KafkaSettings kafka, int partitions, short replication) {
        ensureTopics(kafka, new TopicSettings(partitions, replication));
    }

    /**
     * The topic settings under which compaction drops the events a tombstone (or a later event of
     * the same image) replaced within {@code erasure}:
     * <ul>
     *   <li>{@code segment.ms} = half of it: the cleaner never touches the segment being written, so
     *   the segment holding a tombstone must be closed first; Kafka closes it at the first write after
     *   this age (an idle topic keeps it open until its next write).</li>
     *   <li>{@code max.compaction.lag.ms} = half of it: a closed segment waits no longer than this for
     *   the cleaner, however little of the log is dirty. With the two halves and the cleaner's pass
     *   (every 15 s, seconds per small log) the content is gone within {@code erasure}.</li>
     *   <li>{@code min.cleanable.dirty.ratio} = {@value #DIRTY_RATIO}: busy topics are cleaned sooner still.</li>
     *   <li>{@code delete.retention.ms} = {@link #TOMBSTONE_RETENTION}: the tombstones are kept that long after.</li>
     * </ul>
     */
    static Map<String, String> erasureConfigs(Duration erasure) {
        String half = Long.toString(erasure.toMillis() / 2);
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.SEGMENT_MS_CONFIG, half);
        configs.put(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, half);
        configs.put(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, DIRTY_RATIO);
        configs.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(TOMBSTONE_RETENTION.toMillis()));
        return configs;
    }
}
