package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.embedded.EmbeddedS3;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 stopped while the processor has uploads to work on, then started again on the same port
 * with the same data: nothing is failed or dead-lettered for it, no offset moves past unfinished
 * work, and every image becomes ready exactly once. The S3 server is this test's own (the shared
 * one serves every test class); Kafka is the shared real broker.
 */
@ExtendWith(RealInfrastructure.class)
class StorageOutageIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Long enough for several retries at the 2 s cap this test sets. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final List<String> IMAGES = List.of("reo_Landscape_5.jpg", "reo_Landscape_7.jpg",
            "reo_Landscape_8.jpg", "kim_photo_4.jpg");

    @TempDir
    Path dir;

    private EmbeddedS3 s3;
    private ObjectStore store;
    private Processor processor;
    private KafkaProducer<String, byte[]> producer;
    private KafkaSettings kafka;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void while_s3_is_down_images_wait_uncommitted_and_become_ready_exactly_once_when_it_returns(Infrastructure infra)
            throws Exception {
        // given: originals stored while S3 was up, then S3 stops
        s3 = new EmbeddedS3(dir.resolve("s3"), 0, "outage-access", "outage-secret-key").start();
        Settings settings = Settings.of(infra.environment()).with(Map.of(
                "S3_ENDPOINT", s3.endpoint(), "S3_ACCESS_KEY", s3.accessKey(), "S3_SECRET_KEY", s3.secretKey(),
                "S3_BUCKET", "outage-" + UUID.randomUUID().toString().substring(0, 8),
                "PROCESSOR_TEMP_DIR", dir.resolve("tmp").toString(),
                "PROCESSOR_MAX_RETRY_SECONDS", "2"));
        kafka = KafkaSettings.from(settings, "storage-outage-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        List<ImageUploaded> uploads = new ArrayList<>();
        for (String image : IMAGES) {
            uploads.add(stage(image));
        }
        producer = KafkaClients.producer(kafka);
        processor = new Processor(ProcessorConfig.from(settings), KafkaSettings.from(settings, Processor.GROUP_ID), store);
        processor.start();
        s3.close();

        // when: their events arrive while S3 is away
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ImageUploaded upload : uploads) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.UPLOADED, upload.id().value(), Json.toBytes(upload)))
                    .get(30, TimeUnit.SECONDS);
            firstOffsets.merge(new TopicPartition(Topics.UPLOADED, sent.partition()), sent.offset(), Math::min);
        }
        Thread.sleep(OUTAGE.toMillis());

        // then: nothing is answered, nothing dead-lettered, no offset moved past an unfinished image
        List<String> ids = uploads.stream().map(u -> u.id().value()).toList();
        assertThat(keysOn(Topics.PROCESSED, ids, Duration.ofSeconds(2))).isEmpty();
        assertThat(committed(firstOffsets.keySet())).allSatisfy((partition, offset) ->
                assertThat(offset).as(partition.toString()).isLessThanOrEqualTo(firstOffsets.get(partition)));
        assertThat(processor.isRunning()).isTrue();

        // when: S3 comes back on the same port with the same data
        s3.start();

        // then: every image is ready, answered exactly once, its renditions stored
        Map<String, List<ImageEvent>> answers = awaitAnswers(ids);
        Thread.sleep(3_000); // room for a duplicate to show up, were there one
        answers = keysOn(Topics.PROCESSED, ids, Duration.ofSeconds(5));
        for (ImageUploaded upload : uploads) {
            List<ImageEvent> events = answers.get(upload.id().value());
            assertThat(events).as(upload.fileName()).singleElement().isInstanceOf(ImageProcessed.class);
            for (Rendition rendition : ((ImageProcessed) events.get(0)).renditions()) {
                assertThat(store.stat(rendition.key())).as(rendition.key())
                        .hasValueSatisfying(stat -> assertThat(stat.size()).isEqualTo(rendition.bytes()));
            }
        }
        assertThat(keysOn(Topics.DEAD_LETTER, ids, Duration.ofSeconds(2))).as("S3 away is not the files' fault").isEmpty();
        assertThat(processor.isRunning()).isTrue();
    }

    /** Stores the original as ingest does and returns its event, not yet sent. */
    private ImageUploaded stage(String image) throws Exception {
        byte[] bytes = Files.readAllBytes(TestImages.path(image));
        ImageId id = ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(bytes));
        store.putBytes(ObjectKeys.original(id), bytes, "image/jpeg");
        return new ImageUploaded(id, Instant.now(), "storage-outage-it", image, "image/jpeg", bytes.length, SuppliedMetadata.NONE);
    }

    private Map<String, List<ImageEvent>> awaitAnswers(List<String> ids) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, List<ImageEvent>> answers = Map.of();
        while (!answers.keySet().containsAll(ids)) {
            assertThat(System.nanoTime()).as("every image answered within " + PATIENCE).isLessThan(deadline);
            Thread.sleep(500);
            answers = keysOn(Topics.PROCESSED, ids, Duration.ofSeconds(2));
        }
        return answers;
    }

    /** The values on {@code topic} keyed by one of {@code ids}, read from its start to its end. */
    private Map<String, List<ImageEvent>> keysOn(String topic, List<String> ids, Duration patience) {
        Map<String, List<ImageEvent>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "storage-outage-it-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + patience.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ids.contains(record.key()) && record.value() != null) {
                        ImageEvent event = topic.equals(Topics.DEAD_LETTER) ? null : Json.read(record.value(), ImageEvent.class);
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
        return found;
    }

    private Map<TopicPartition, Long> committed(java.util.Set<TopicPartition> partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Processor.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = offsets.get(partition);
                result.put(partition, offset == null ? -1L : offset.offset());
            }
            return result;
        }
    }
}
