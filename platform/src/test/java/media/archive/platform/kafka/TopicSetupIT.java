package media.archive.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.Topics;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.Settings;
import media.archive.platform.config.TopicSettings;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class TopicSetupIT {

    @Test
    void creates_compacted_topics_that_keep_events_forever(Infrastructure infra) throws Exception {
        KafkaSettings kafka = KafkaSettings.from(Settings.of(infra.environment()), "topic-setup-it");

        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        TopicSetup.ensureTopics(kafka, 3, (short) 1); // existing topics are left alone

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            ConfigResource uploaded = new ConfigResource(ConfigResource.Type.TOPIC, Topics.UPLOADED);
            Config config = admin.describeConfigs(List.of(uploaded)).all().get(30, TimeUnit.SECONDS).get(uploaded);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS))
                    .allSatisfy((name, description) -> assertThat(description.partitions()).hasSize(3));
        }
    }

    @Test
    void every_topic_gets_the_erasure_time_when_created_and_again_at_each_start(Infrastructure infra) throws Exception {
        KafkaSettings kafka = KafkaSettings.from(Settings.of(infra.environment()), "topic-erasure-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            assertThat(awaitConfig(admin, Topics.UPLOADED, "max.compaction.lag.ms", Long.toString(12 * 3_600_000L))
                    .get("max.compaction.lag.ms").value()).isEqualTo(Long.toString(12 * 3_600_000L));

            // An installation whose topics already exist gets a new erasure time at its next start.
            TopicSetup.ensureTopics(kafka, new TopicSettings(3, (short) 1, Duration.ofHours(48)));
            for (String topic : Topics.ALL) {
                Config config = awaitConfig(admin, topic, "segment.ms", Long.toString(24 * 3_600_000L));
                assertThat(config.get("segment.ms").value()).as(topic).isEqualTo(Long.toString(24 * 3_600_000L));
                assertThat(config.get("max.compaction.lag.ms").value()).as(topic).isEqualTo(Long.toString(24 * 3_600_000L));
                assertThat(config.get("min.cleanable.dirty.ratio").value()).as(topic).isEqualTo("0.1");
                assertThat(config.get("delete.retention.ms").value()).as(topic).isEqualTo(Long.toString(7 * 24 * 3_600_000L));
                assertThat(config.get("cleanup.policy").value()).as("left as it was").isEqualTo("compact");
            }
        } finally {
            TopicSetup.ensureTopics(kafka, 3, (short) 1);
        }
    }

    /** The topic's configuration once {@code key} is {@code value}: the controller accepts a change before the broker applies it. */
    private static Config awaitConfig(Admin admin, String topic, String key, String value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Config config = configsOf(admin, topic);
        while (!value.equals(config.get(key).value()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            config = configsOf(admin, topic);
        }
        return config;
    }

    private static Config configsOf(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }

    @Test
    void an_acknowledged_event_can_be_read_back(Infrastructure infra) throws Exception {
        KafkaSettings kafka = KafkaSettings.from(Settings.of(infra.environment()), "roundtrip-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        String key = "roundtrip-" + System.nanoTime();

        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka)) {
            producer.send(new ProducerRecord<>(Topics.EDITS, key, "{}".getBytes())).get(30, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EDITS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            boolean found = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    found |= record.key().equals(key);
                }
            }
            assertThat(found).isTrue();
        }
    }
}
