package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import media.archive.contracts.ImageId;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Topics;
import media.archive.embedded.EmbeddedKafka;
import media.archive.ingest.Ingest;
import media.archive.ingest.IngestConfig;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.Role;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest while its Kafka broker is stopped and started again: a broker of this class's own
 * (embedded, on the same port and log directory after the restart), the shared S3 server, and
 * one ingest that is never restarted.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(180)
class KafkaOutageIT {
    @TempDir
    static Path dir;

    private static EmbeddedKafka broker;
    private static KafkaSettings kafka;
    private static ObjectStore store;
    private static KafkaProducer<String, byte[]> producer;
    private static Ingest ingest;
    private static Javalin server;
    private static UploadClient photographer;
    private static byte[] getty;

    @BeforeAll
    static void start(Infrastructure infra) throws IOException {
        broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        Settings settings = Settings.of(infra.environment()).with(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
        kafka = KafkaSettings.from(settings, "kafka-outage-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        AccessKeys keys = new AccessKeys(store);
        String key = keys.issue("Tran Trung", Role.PHOTOGRAPHER).key();
        producer = KafkaClients.producer(kafka);
        Path spool = Files.createDirectories(dir.resolve("spool"));
        ingest = new Ingest(IngestConfig.from(Settings.of(Map.of("INGEST_TMP_DIR", spool.toString()))), store, producer, kafka,
                new AccessGuard(keys));
        server = HttpServers.create(List.of(ingest.routes())).start(0);
        photographer = new UploadClient(server.port(), key);
        try (InputStream in = KafkaOutageIT.class.getResourceAsStream("/images/getty.jpg")) {
            getty = in.readAllBytes();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
            ingest.close();
            producer.close(Duration.ofSeconds(5));
            store.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void answers_503_within_10_s_while_kafka_is_down_loses_no_202_and_takes_uploads_again_once_it_is_back() throws Exception {
        assertThat(photographer.upload(UploadClient.unique(getty)).status()).isEqualTo(202);
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> uploaders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread uploader = new Thread(() -> {
                while (sending.get()) {
                    byte[] image = UploadClient.unique(getty);
                    try {
                        sent.add(new Sent(image, photographer.upload(image), System.nanoTime()));
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "uploader-" + i);
            uploader.start();
            uploaders.add(uploader);
        }

        Thread.sleep(1_000);
        broker.close();
        long down = System.nanoTime();
        Thread.sleep(15_000);
        broker.start();
        long up = System.nanoTime();
        long deadline = up + Duration.ofSeconds(60).toNanos();
        while (sent.stream().filter(s -> s.at() > up && s.answer().status() == 202).count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        sending.set(false);
        for (Thread uploader : uploaders) {
            uploader.join(70_000);
        }

        List<Sent> answered = List.copyOf(sent);
        Map<Integer, Integer> statuses = new HashMap<>();
        answered.forEach(s -> statuses.merge(s.answer().status(), 1, Integer::sum));
        Duration slowest = answered.stream().map(s -> s.answer().took()).max(Duration::compareTo).orElseThrow();
        long firstAfter = answered.stream().filter(s -> s.at() > up && s.answer().status() == 202).mapToLong(Sent::at)
                .min().orElse(Long.MAX_VALUE);
        System.out.printf("uploads while Kafka went down and came back: %s, slowest answer %d ms; first 202 %d ms after the"
                + " broker was back (down for %d ms)%n", statuses, slowest.toMillis(),
                Duration.ofNanos(firstAfter - up).toMillis(), Duration.ofNanos(up - down).toMillis());

        assertThat(statuses.keySet()).as("answers while Kafka was away").containsOnly(202, 503);
        assertThat(statuses.get(503)).as("uploads refused while Kafka was away").isPositive();
        assertThat(slowest).as("slowest answer").isLessThan(Duration.ofSeconds(10));
        assertThat(firstAfter).as("a 202 once the broker was back, without restarting ingest").isNotEqualTo(Long.MAX_VALUE);
        for (Sent refused : answered.stream().filter(s -> s.answer().status() == 503).toList()) {
            assertThat(refused.answer().headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.answer().json().get("error").asText()).isEqualTo("unavailable");
            assertThat(refused.answer().json().get("message").asText()).isNotBlank();
        }
        List<String> accepted = answered.stream().filter(s -> s.answer().status() == 202).map(s -> s.answer().id()).toList();
        assertThat(publishedIds()).as("every upload answered 202 has its event").containsAll(accepted);

        // The photographer sends every refused picture again: each is taken now, with its event.
        List<String> retried = new ArrayList<>();
        for (Sent refused : answered.stream().filter(s -> s.answer().status() == 503).toList()) {
            UploadClient.Answer again = photographer.upload(refused.image());
            assertThat(again.status()).isEqualTo(202);
            retried.add(again.id());
        }
        assertThat(publishedIds()).containsAll(retried);
    }

    @Test
    void an_original_stored_without_its_event_is_announced_by_the_next_upload_of_the_same_bytes() throws Exception {
        // What a failure between the two steps leaves: the original in S3, no event, no marker.
        byte[] image = UploadClient.unique(getty);
        ImageId id = ImageId.parse(UploadClient.sha256(image));
        store.putBytes(ObjectKeys.original(id), image, "image/jpeg");
        assertThat(publishedIds()).doesNotContain(id.value());

        UploadClient.Answer again = photographer.upload(image);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("duplicate").asBoolean()).isFalse();
        assertThat(publishedIds()).contains(id.value());
        assertThat(store.stat(ObjectKeys.uploadMarker(id))).isPresent();
    }

    private record Sent(byte[] image, UploadClient.Answer answer, long at) {
    }

    /** The key of every event on {@code media.uploaded}, read from the beginning to the current end. */
    private static List<String> publishedIds() {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.UPLOADED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> ids = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading %s to its end", Topics.UPLOADED).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(record.key());
                }
            }
            return ids;
        }
    }
}
