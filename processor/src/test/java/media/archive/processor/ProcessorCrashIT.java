package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as a process of its own, killed with {@code kill -9} in the middle of a batch,
 * started again, stopped with SIGTERM in the middle of the rest, started once more: every image
 * ends ready, each answer ever published names renditions that are all in S3 (nothing
 * half-written is visible), and the graceful stop leaves no commit past unfinished work.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(600)
class ProcessorCrashIT {
    private static final int IMAGES = 18;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final List<String> SOURCES = List.of("reo_Landscape_5.jpg", "reo_Landscape_7.jpg", "reo_Landscape_8.jpg");

    @Test
    void a_processor_killed_mid_batch_and_one_stopped_mid_batch_leave_every_image_ready_with_every_rendition(
            Infrastructure infra, @TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(infra.environment());
        env.put("PROCESSOR_TEMP_DIR", dir.resolve("tmp").toString());
        Settings settings = Settings.of(env);
        KafkaSettings kafka = KafkaSettings.from(settings, "processor-crash-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        Map<String, ImageUploaded> uploads = new LinkedHashMap<>();
        try (ObjectStore store = new ObjectStore(S3Settings.from(settings));
             KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka)) {
            store.ensureBucket();
            // given: a photographer's batch, stored and announced as ingest does
            for (int i = 0; i < IMAGES; i++) {
                ImageUploaded upload = stage(store, SOURCES.get(i % SOURCES.size()), i);
                uploads.put(upload.id().value(), upload);
                producer.send(new ProducerRecord<>(Topics.UPLOADED, upload.id().value(), Json.toBytes(upload))).get(30, TimeUnit.SECONDS);
            }
            Set<String> ids = uploads.keySet();

            // when: the processor is killed with kill -9 once it has answered a few
            Process first = ProcessorProcess.start(env, dir.resolve("first.log"));
            awaitAnswered(kafka, ids, 3, first, dir.resolve("first.log"));
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            // and: started again, stopped with SIGTERM once it has answered a few more
            int beforeStop = answers(kafka, ids).size();
            Process second = ProcessorProcess.start(env, dir.resolve("second.log"));
            awaitAnswered(kafka, ids, Math.min(IMAGES - 1, beforeStop + 3), second, dir.resolve("second.log"));
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("a SIGTERM'd processor exits").isTrue();

            // then: what the graceful stop committed was finished: every record below each
            // committed offset is answered, and no attempt is left marked in flight
            Map<String, List<ImageEvent>> answered = answers(kafka, ids);
            for (Map.Entry<TopicPartition, OffsetAndMetadata> commit : committed(kafka).entrySet()) {
                assertThat(commit.getValue().metadata()).as("metadata of " + commit.getKey()).doesNotContain("in-flight");
                for (String id : keysBelow(kafka, commit.getKey(), commit.getValue().offset())) {
                    if (ids.contains(id)) {
                        assertThat(answered).as("answer for " + id + ", committed at " + commit.getKey()).containsKey(id);
                    }
                }
            }

            // when: started once more
            Process third = ProcessorProcess.start(env, dir.resolve("third.log"));
            try {
                awaitAnswered(kafka, ids, IMAGES, third, dir.resolve("third.log"));
            } finally {
                third.destroy();
                third.waitFor(60, TimeUnit.SECONDS);
            }

            // then: every image is ready, and every answer ever published names only renditions in S3
            Map<String, List<ImageEvent>> all = answers(kafka, ids);
            assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            for (Map.Entry<String, List<ImageEvent>> entry : all.entrySet()) {
                List<ImageEvent> events = entry.getValue();
                assertThat(events).as(uploads.get(entry.getKey()).fileName()).allMatch(ImageProcessed.class::isInstance);
                for (ImageEvent event : events) {
                    for (Rendition rendition : ((ImageProcessed) event).renditions()) {
                        assertThat(store.stat(rendition.key())).as(rendition.key())
                                .hasValueSatisfying(stat -> assertThat(stat.size()).isEqualTo(rendition.bytes()));
                    }
                }
            }
        }
    }

    /** A corpus file made a new image by a trailer after its end, which every decoder ignores. */
    private static ImageUploaded stage(ObjectStore store, String source, int n) throws Exception {
        byte[] original = Files.readAllBytes(TestImages.path(source));
        byte[] trailer = ("processor-crash-it " + n + " " + Instant.now()).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[original.length + trailer.length];
        System.arraycopy(original, 0, bytes, 0, original.length);
        System.arraycopy(trailer, 0, bytes, original.length, trailer.length);
        ImageId id = ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(bytes));
        store.putBytes(ObjectKeys.original(id), bytes, "image/jpeg");
        return new ImageUploaded(id, Instant.now(), "processor-crash-it", "frame-" + n + ".jpg", "image/jpeg",
                bytes.length, SuppliedMetadata.NONE);
    }

    private static void awaitAnswered(KafkaSettings kafka, Set<String> ids, int count, Process processor, Path log)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (answers(kafka, ids).size() < count) {
            if (!processor.isAlive()) {
                throw new AssertionError("the processor stopped; its log:\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " images not answered within " + PATIENCE + "; the log:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    /** Every answer on media.processed for one of {@code ids}, in order, by image. */
    private static Map<String, List<ImageEvent>> answers(KafkaSettings kafka, Set<String> ids) {
        Map<String, List<ImageEvent>> answers = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROCESSED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ids.contains(record.key()) && record.value() != null) {
                        answers.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Json.read(record.value(), ImageEvent.class));
                    }
                }
            }
        }
        return answers;
    }

    /** The keys of {@code partition} below {@code offset}. */
    private static List<String> keysBelow(KafkaSettings kafka, TopicPartition partition, long offset) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (consumer.position(partition) < offset) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < offset) {
                        keys.add(record.key());
                    }
                }
            }
        }
        return keys;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(KafkaSettings kafka) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(Processor.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
            offsets.keySet().removeIf(partition -> !partition.topic().equals(Topics.UPLOADED));
            return offsets;
        }
    }
}
