package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.processor.metadata.MetadataReader;
import media.archive.processor.pipeline.ImageProcessing;
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
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison on a real Kafka broker and S3 server: records the processor cannot read, an image that
 * crashes its decoder and one that hangs it, all on one partition ahead of a good image. The
 * decoder's crash and hang are played by the image handler (no real file is known that hangs
 * Java's decoders every time); everything else is the processor as it runs.
 */
@ExtendWith(RealInfrastructure.class)
class PoisonIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Shorter than one attempt at the hanging image: a consumer that stopped polling would lose the group. */
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(3);
    private static final int PARTITION = 0;

    @TempDir
    static Path tempDir;

    private static final AtomicInteger crashes = new AtomicInteger();
    private static final AtomicInteger hangs = new AtomicInteger();
    private static final CountDownLatch released = new CountDownLatch(1);
    private static ObjectStore store;
    private static KafkaSettings kafka;
    private static Processor processor;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startProcessor(Infrastructure infra) {
        Settings settings = Settings.of(infra.environment()).with(Map.of(
                "PROCESSOR_TEMP_DIR", tempDir.toString(),
                "PROCESSOR_IMAGE_BUDGET_SECONDS", "4",
                "PROCESSOR_ATTEMPT_TIMEOUT_SECONDS", "5",
                "PROCESSOR_MAX_RETRY_SECONDS", "1"));
        kafka = KafkaSettings.from(settings, "poison-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        ProcessorConfig config = ProcessorConfig.from(settings);
        ImageProcessing processing = new ImageProcessing(store, new MetadataReader(config.cleaning()),
                config.renditionMaker(), config.tempDir(), Clock.systemUTC());
        processor = new Processor(config, KafkaSettings.from(settings, Processor.GROUP_ID), uploaded -> {
            switch (uploaded.fileName()) {
                case "crashes-the-decoder.jpg" -> {
                    crashes.incrementAndGet();
                    throw new StackOverflowError("a decoder recursing through the file's nesting");
                }
                case "hangs-the-decoder.jpg" -> {
                    hangs.incrementAndGet();
                    hangIgnoringInterrupts();
                    // Released at the end of the class: write nothing into a temporary directory being deleted.
                    throw new IllegalStateException("released at the end of the test");
                }
                default -> {
                    return processing.process(uploaded);
                }
            }
        }, MAX_POLL_INTERVAL);
        processor.start();
        producer = KafkaClients.producer(kafka);
    }

    @AfterAll
    static void stopProcessor() {
        released.countDown();
        if (processor != null) {
            processor.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void poison_goes_to_the_dead_letter_topic_after_bounded_attempts_its_image_is_failed_and_the_partition_moves_on()
            throws Exception {
        // given: on one partition, ahead of a good image, four records the processor cannot use
        ImageId unreadable = idOf("not an event " + UUID.randomUUID());
        RecordMetadata notJson = send(unreadable.value(), "{ this is not an event".getBytes(StandardCharsets.UTF_8));
        ImageUploaded newer = withSchema(stage("reo_Landscape_1.jpg", "newer-schema.jpg"), ImageEvent.CURRENT_SCHEMA + 1);
        RecordMetadata newerSchema = send(newer.id().value(), Json.toBytes(newer));
        ImageUploaded crashing = stage("reo_Landscape_2.jpg", "crashes-the-decoder.jpg");
        RecordMetadata crash = send(crashing.id().value(), Json.toBytes(crashing));
        ImageUploaded hanging = stage("reo_Landscape_3.jpg", "hangs-the-decoder.jpg");
        RecordMetadata hang = send(hanging.id().value(), Json.toBytes(hanging));
        ImageUploaded good = stage("reo_Landscape_4.jpg", "fine.jpg");
        RecordMetadata fine = send(good.id().value(), Json.toBytes(good));

        // when: the processor has answered the good image behind them
        Map<String, List<ImageEvent>> answers = awaitAnswers(Topics.PROCESSED, List.of(good.id()));

        // then: each of the four is answered failed, with a reason an editor can act on
        assertThat(answers.get(good.id().value())).singleElement().isInstanceOf(ImageProcessed.class);
        assertThat(onlyFailure(answers, unreadable).reason()).isEqualTo(ImageFailed.UNREADABLE_EVENT);
        assertThat(onlyFailure(answers, newer.id()).reason()).isEqualTo(ImageFailed.UNREADABLE_EVENT);
        assertThat(onlyFailure(answers, newer.id()).message()).contains("schema version 2");
        assertThat(onlyFailure(answers, crashing.id()).reason()).isEqualTo(ImageFailed.PROCESSING_ERROR);
        assertThat(onlyFailure(answers, hanging.id()).reason()).isEqualTo(ImageFailed.TIMED_OUT);

        // and: each waits on the dead-letter topic, byte for byte, saying where it came from and why
        Map<String, ConsumerRecord<String, byte[]>> letters = deadLetters();
        assertDeadLetter(letters.get(unreadable.value()), notJson, "1", ImageFailed.UNREADABLE_EVENT);
        assertThat(letters.get(unreadable.value()).value()).asString(StandardCharsets.UTF_8).isEqualTo("{ this is not an event");
        assertDeadLetter(letters.get(newer.id().value()), newerSchema, "1", ImageFailed.UNREADABLE_EVENT);
        assertDeadLetter(letters.get(crashing.id().value()), crash, "3", ImageFailed.PROCESSING_ERROR);
        assertThat(DeadLetters.header(letters.get(crashing.id().value()).headers(), DeadLetters.EXCEPTION_CLASS))
                .isEqualTo(StackOverflowError.class.getName());
        assertDeadLetter(letters.get(hanging.id().value()), hang, "3", ImageFailed.TIMED_OUT);

        // and: the crash and the hang had exactly their three attempts, the hang's each longer than
        // max.poll.interval.ms: a consumer that missed its polls would have lost the partition and
        // counted again, and the offsets past them are committed
        assertThat(crashes).hasValue(3);
        assertThat(hangs).hasValue(3);
        assertThat(committed(new TopicPartition(Topics.UPLOADED, PARTITION))).isEqualTo(fine.offset() + 1);
        assertThat(processor.isRunning()).isTrue();
    }

    private static void assertDeadLetter(ConsumerRecord<String, byte[]> letter, RecordMetadata original, String attempts,
                                         String reason) {
        assertThat(letter).as("dead letter of offset " + original.offset()).isNotNull();
        Headers headers = letter.headers();
        assertThat(DeadLetters.header(headers, "__connect.errors.topic")).isEqualTo(Topics.UPLOADED);
        assertThat(DeadLetters.header(headers, "__connect.errors.partition")).isEqualTo(Integer.toString(original.partition()));
        assertThat(DeadLetters.header(headers, "__connect.errors.offset")).isEqualTo(Long.toString(original.offset()));
        assertThat(DeadLetters.header(headers, "__connect.errors.exception.message")).isNotBlank();
        assertThat(DeadLetters.header(headers, "archive.errors.attempts")).isEqualTo(attempts);
        assertThat(DeadLetters.header(headers, "archive.errors.reason")).isEqualTo(reason);
    }

    private static ImageFailed onlyFailure(Map<String, List<ImageEvent>> answers, ImageId id) {
        List<ImageEvent> events = answers.getOrDefault(id.value(), List.of());
        assertThat(events).as("answers for " + id).singleElement().isInstanceOf(ImageFailed.class);
        return (ImageFailed) events.get(0);
    }

    /** Blocks until the test class ends, like a decoder in a loop that never looks at its interrupt flag. */
    private static void hangIgnoringInterrupts() {
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException ignored) {
                // A hung decoder does not notice.
            }
        }
    }

    /** Stores the original as ingest does and returns its event, not yet sent. */
    private static ImageUploaded stage(String image, String fileName) throws Exception {
        byte[] bytes = Files.readAllBytes(TestImages.path(image));
        ImageId id = ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(bytes));
        store.putBytes(ObjectKeys.original(id), bytes, "image/jpeg");
        return new ImageUploaded(id, Instant.now(), "poison-it", fileName, "image/jpeg", bytes.length, SuppliedMetadata.NONE);
    }

    private static ImageUploaded withSchema(ImageUploaded u, int schema) {
        return new ImageUploaded(schema, u.id(), u.at(), u.uploader(), u.fileName(), u.contentType(), u.bytes(), u.supplied());
    }

    private static ImageId idOf(String text) throws Exception {
        return ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static RecordMetadata send(String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.UPLOADED, PARTITION, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Every answer on {@code topic} by key, read from its start until each of {@code ids} has one. */
    private static Map<String, List<ImageEvent>> awaitAnswers(String topic, List<ImageId> ids) {
        Map<String, List<ImageEvent>> answers = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "poison-it-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!ids.stream().allMatch(id -> answers.containsKey(id.value()))) {
                assertThat(System.nanoTime()).as("answers within " + PATIENCE).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        answers.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Json.read(record.value(), ImageEvent.class));
                    }
                }
            }
        }
        return answers;
    }

    /** The dead-letter topic from its start to its end, by key. */
    private static Map<String, ConsumerRecord<String, byte[]>> deadLetters() {
        Map<String, ConsumerRecord<String, byte[]>> letters = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.put(record.key(), record);
                }
            }
        }
        return letters;
    }

    private static long committed(TopicPartition partition) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(Processor.GROUP_ID).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
