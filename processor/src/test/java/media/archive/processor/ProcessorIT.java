package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The processor against a real Kafka broker and S3 server, driven only through the topics and the bucket. */
@ExtendWith(RealInfrastructure.class)
class ProcessorIT {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path tempDir;

    private static ObjectStore store;
    private static String bootstrapServers;
    private static Processor processor;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> answers;
    private static final Map<String, ImageEvent> answered = new HashMap<>();

    @BeforeAll
    static void startProcessor(Infrastructure infra) {
        Settings settings = Settings.of(infra.environment()).with(Map.of("PROCESSOR_TEMP_DIR", tempDir.toString()));
        KafkaSettings kafka = KafkaSettings.from(settings, "processor-it");
        bootstrapServers = kafka.bootstrapServers();
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        processor = new Processor(ProcessorConfig.from(settings), KafkaSettings.from(settings, Processor.GROUP_ID), store);
        processor.start();
        producer = KafkaClients.producer(kafka);
        answers = KafkaClients.consumer(kafka, Map.of(
                // A group of this run's own, reading media.processed from its start.
                ConsumerConfig.GROUP_ID_CONFIG, "processor-it-" + UUID.randomUUID()));
        answers.subscribe(List.of(Topics.PROCESSED));
    }

    @AfterAll
    static void stopProcessor() {
        if (processor != null) {
            processor.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (answers != null) {
            answers.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void processes_an_uploaded_original_into_metadata_renditions_and_appearance() throws Exception {
        ImageUploaded uploaded = upload("exr_iptc-agency-photographer-example.jpg", SuppliedMetadata.NONE);

        ImageEvent answer = awaitAnswer(uploaded.id());

        assertThat(answer).isInstanceOf(ImageProcessed.class);
        ImageProcessed processed = (ImageProcessed) answer;
        assertThat(processed.metadata().creator()).containsExactly("Julie Doe");
        assertThat(processed.metadata().credit()).isEqualTo("Mugwum Press");
        assertThat(processed.metadata().headline()).isEqualTo("Lincoln Memorial");
        assertThat(processed.renditions()).extracting(Rendition::name)
                .containsExactlyInAnyOrder("thumb", "small", "medium", "large");
        assertStored(processed, "large", 527, 350); // smaller than 2048 and 1024: never enlarged
        assertStored(processed, "medium", 527, 350);
        assertStored(processed, "small", 512, 340);
        assertStored(processed, "thumb", 256, 170);
        assertThat(processed.appearance().perceptualHash()).matches("[0-9a-f]{16}");
        assertThat(processor.isRunning()).isTrue();
    }

    @Test
    void answers_a_broken_file_sets_a_malformed_record_aside_and_goes_on_with_the_next_image() throws Exception {
        ImageUploaded broken = upload("kim_photo_45.jpg", SuppliedMetadata.NONE);
        ImageUploaded good = stage("reo_Landscape_6.jpg",
                new SuppliedMetadata("Fields at dusk", "Jane Roe", null, List.of()));
        // The malformed record goes to the good image's partition, ahead of it: it must not block it.
        producer.send(new ProducerRecord<>(Topics.UPLOADED, 0, "not-an-image-id",
                "{ this is not an event".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(Topics.UPLOADED, 0, good.id().value(), Json.toBytes(good))).get(30, TimeUnit.SECONDS);

        ImageEvent brokenAnswer = awaitAnswer(broken.id());
        ImageEvent goodAnswer = awaitAnswer(good.id());

        assertThat(brokenAnswer).isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.UNDECODABLE);
            assertThat(failed.metadata()).isNotNull();
            assertThat(failed.metadata().warnings()).contains("no image size in the JPEG header");
        });
        assertThat(goodAnswer).isInstanceOfSatisfying(ImageProcessed.class, processed -> {
            assertThat(processed.metadata().description()).isEqualTo("Fields at dusk");
            assertThat(processed.metadata().width()).isEqualTo(1800);
            assertThat(processed.metadata().height()).isEqualTo(1200);
        });
        assertStored((ImageProcessed) goodAnswer, "medium", 1024, 683);
        assertStored((ImageProcessed) goodAnswer, "thumb", 256, 171);
        try (var leftovers = Files.list(tempDir)) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void steps_over_a_takedowns_tombstone_commits_past_it_and_goes_on_with_the_next_image() throws Exception {
        ImageUploaded next = stage("reo_Landscape_6.jpg", new SuppliedMetadata("After a takedown", null, null, List.of()));
        // A takedown's tombstone, on the partition of the next image, ahead of it.
        RecordMetadata tombstone = producer.send(new ProducerRecord<>(Topics.UPLOADED, next.id().value(), null)).get(30, TimeUnit.SECONDS);
        send(next.id().value(), Json.toBytes(next));

        awaitAnswer(next.id());

        assertThat(processor.isRunning()).isTrue();
        TopicPartition partition = new TopicPartition(Topics.UPLOADED, tombstone.partition());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            long committed = -1;
            while (committed <= tombstone.offset() && System.nanoTime() < deadline) {
                OffsetAndMetadata offset = admin.listConsumerGroupOffsets(Processor.GROUP_ID).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(partition);
                committed = offset == null ? -1 : offset.offset();
                Thread.sleep(50);
            }
            assertThat(committed).as("the offset committed past the tombstone").isGreaterThan(tombstone.offset());
        }
    }

    /** Stores the original and announces it, as ingest does. */
    private static ImageUploaded upload(String image, SuppliedMetadata supplied) throws Exception {
        ImageUploaded uploaded = stage(image, supplied);
        send(uploaded.id().value(), Json.toBytes(uploaded));
        return uploaded;
    }

    /** Stores the original only. */
    private static ImageUploaded stage(String image, SuppliedMetadata supplied) throws Exception {
        byte[] bytes = Files.readAllBytes(TestImages.path(image));
        ImageId id = ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(bytes));
        store.putBytes(ObjectKeys.original(id), bytes, "image/jpeg");
        return new ImageUploaded(id, Instant.now(), "processor-it", image, "image/jpeg", bytes.length, supplied);
    }

    private static void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.UPLOADED, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static ImageEvent awaitAnswer(ImageId id) {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (!answered.containsKey(id.value())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer for " + id + " within " + ANSWER_TIMEOUT);
            }
            for (ConsumerRecord<String, byte[]> record : answers.poll(Duration.ofMillis(500))) {
                if (record.value() == null) {
                    continue; // a takedown's tombstone
                }
                answered.put(record.key(), Json.read(record.value(), ImageEvent.class));
            }
        }
        return answered.get(id.value());
    }

    private static void assertStored(ImageProcessed processed, String name, int width, int height) throws IOException {
        Rendition rendition = processed.renditions().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(rendition.key()).isEqualTo(ObjectKeys.rendition(processed.id(), name, "jpg"));
        assertThat(rendition.contentType()).isEqualTo("image/jpeg");
        assertThat(rendition.width()).isEqualTo(width);
        assertThat(rendition.height()).isEqualTo(height);
        assertThat(store.stat(rendition.key())).hasValueSatisfying(stat -> {
            assertThat(stat.size()).isEqualTo(rendition.bytes());
            assertThat(stat.contentType()).isEqualTo("image/jpeg");
        });
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(store.readAll(rendition.key()).orElseThrow()));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
    }
}
