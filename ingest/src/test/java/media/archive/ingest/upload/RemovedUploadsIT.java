package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.ImageRestored;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Topics;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of a taken-down image, uploaded again, against real Kafka and S3 through a real server. */
@ExtendWith(RealInfrastructure.class)
@Timeout(120)
class RemovedUploadsIT {
    private static final Random RANDOM = new Random();

    @TempDir
    static Path spool;
    private static KafkaSettings kafka;
    private static ObjectStore store;
    private static KafkaProducer<String, byte[]> producer;
    private static Ingest ingest;
    private static Javalin server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String photographerKey;
    private static String editorKey;
    private static String adminKey;
    private static byte[] getty;

    @BeforeAll
    static void start(Infrastructure infra) throws IOException {
        Settings settings = Settings.of(infra.environment());
        kafka = KafkaSettings.from(settings, "removed-uploads-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        AccessKeys keys = new AccessKeys(store);
        photographerKey = keys.issue("Tran Trung", Role.PHOTOGRAPHER).key();
        editorKey = keys.issue("Desk Editor", Role.EDITOR).key();
        adminKey = keys.issue("Operator", Role.ADMIN).key();
        producer = KafkaClients.producer(kafka);
        ingest = new Ingest(new IngestConfig(0, 1024 * 1024, spool, Duration.ofSeconds(20)), store, producer, kafka,
                new AccessGuard(keys));
        server = HttpServers.create(List.of(ingest.routes())).start(0);
        try (InputStream in = RemovedUploadsIT.class.getResourceAsStream("/images/getty.jpg")) {
            getty = in.readAllBytes();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            ingest.close();
            server.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void the_same_bytes_of_a_removed_image_are_answered_410_with_the_removal_time_and_nothing_is_stored_or_published() throws Exception {
        byte[] jpeg = uniqueJpeg();
        ImageId id = ImageId.parse(sha256(jpeg));
        assertThat(upload(photographerKey, jpeg, Map.of()).statusCode()).isEqualTo(202);
        Instant removedAt = Instant.parse("2026-01-02T03:04:05Z");
        takeDown(id, removedAt);

        HttpResponse<String> again = upload(photographerKey, jpeg, Map.of());

        assertThat(again.statusCode()).as(again.body()).isEqualTo(410);
        JsonNode body = Json.mapper().readTree(again.body());
        assertThat(body.path("error").asText()).isEqualTo("removed");
        assertThat(body.path("removedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(store.list("")).noneMatch(key -> key.contains(id.value()));
        assertThat(typesOf(Topics.UPLOADED, id)).containsExactly("ImageUploaded", null);
        assertThat(upload(adminKey, jpeg, Map.of()).statusCode()).as("even from an admin, without restore").isEqualTo(410);
    }

    @Test
    void an_admin_restores_a_removed_image_with_restore_true_and_its_restoration_comes_before_its_new_upload() throws Exception {
        byte[] jpeg = uniqueJpeg();
        ImageId id = ImageId.parse(sha256(jpeg));
        assertThat(upload(photographerKey, jpeg, Map.of()).statusCode()).isEqualTo(202);
        takeDown(id, Instant.now());

        HttpResponse<String> photographer = upload(photographerKey, jpeg, Map.of("restore", "true"));
        HttpResponse<String> editor = upload(editorKey, jpeg, Map.of("restore", "true"));
        HttpResponse<String> admin = upload(adminKey, jpeg, Map.of("restore", "true"));

        assertThat(photographer.statusCode()).isEqualTo(403);
        assertThat(editor.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(202);
        assertThat(store.stat(ObjectKeys.original(id))).isPresent();
        assertThat(store.stat(ObjectKeys.uploadMarker(id))).isPresent();
        assertThat(typesOf(Topics.EDITS, id)).containsExactly("ImageRemoved", "ImageRestored");
        assertThat(typesOf(Topics.UPLOADED, id)).containsExactly("ImageUploaded", null, "ImageUploaded");
        JsonNode restoration = Json.mapper().readTree(valuesOf(Topics.EDITS, id).get(1));
        assertThat(restoration.path("by").asText()).isEqualTo("Operator");
        // Restored, it is an image like any other: the same bytes again are a duplicate.
        HttpResponse<String> duplicate = upload(photographerKey, jpeg, Map.of());
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(duplicate.body()).path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void a_restoration_of_an_image_that_was_never_removed_is_an_ordinary_upload_and_publishes_no_restoration() throws Exception {
        byte[] jpeg = uniqueJpeg();
        ImageId id = ImageId.parse(sha256(jpeg));

        assertThat(upload(adminKey, jpeg, Map.of("restore", "true")).statusCode()).isEqualTo(202);
        assertThat(upload(photographerKey, uniqueJpeg(), Map.of("restore", "yes")).statusCode()).isEqualTo(400);

        assertThat(typesOf(Topics.EDITS, id)).isEmpty();
    }

    @Test
    void ingest_started_after_removals_knows_them_from_the_topic() throws Exception {
        byte[] jpeg = uniqueJpeg();
        ImageId id = ImageId.parse(sha256(jpeg));
        takeDown(id, Instant.now());
        Path ownSpool = spool.resolve("late");
        java.nio.file.Files.createDirectories(ownSpool);
        AccessKeys keys = new AccessKeys(store);
        try (Ingest late = new Ingest(new IngestConfig(0, 1024 * 1024, ownSpool, Duration.ofSeconds(20)), store, producer, kafka,
                new AccessGuard(keys))) {
            Javalin lateServer = HttpServers.create(List.of(late.routes())).start(0);
            try {
                assertThat(upload(lateServer, photographerKey, jpeg, Map.of()).statusCode()).isEqualTo(410);
            } finally {
                lateServer.stop();
            }
        }
    }

    /** What the api's takedown leaves on the topics: the removal, and tombstones on the content topics. */
    private static void takeDown(ImageId id, Instant at) throws Exception {
        producer.send(new ProducerRecord<>(Topics.EDITS, id.value(), Json.toBytes(new ImageRemoved(id, at, "admin", "test")))).get();
        producer.send(new ProducerRecord<>(Topics.UPLOADED, id.value(), null)).get();
        store.deleteAll(ObjectKeys.renditionsOf(id));
        store.delete(ObjectKeys.original(id));
        store.delete(ObjectKeys.uploadMarker(id));
    }

    private static HttpResponse<String> upload(String key, byte[] jpeg, Map<String, String> fields) throws Exception {
        return upload(server, key, jpeg, fields);
    }

    private static HttpResponse<String> upload(Javalin target, String key, byte[] jpeg, Map<String, String> fields) throws Exception {
        MultipartBody form = new MultipartBody();
        fields.forEach(form::text);
        form.file("file", "photo.jpg", "image/jpeg", jpeg);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/v1/uploads"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", form.contentType())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The event types (null for a tombstone) of {@code id} on {@code topic}, in their order. */
    private static List<String> typesOf(String topic, ImageId id) throws IOException {
        List<String> types = new ArrayList<>();
        for (byte[] value : valuesOf(topic, id)) {
            types.add(value == null ? null : Json.mapper().readTree(value).path("type").asText());
        }
        return types;
    }

    private static List<byte[]> valuesOf(String topic, ImageId id) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<byte[]> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.value().equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
            return found;
        }
    }

    private static byte[] uniqueJpeg() {
        byte[] trailer = new byte[16];
        RANDOM.nextBytes(trailer);
        byte[] jpeg = Arrays.copyOf(getty, getty.length + trailer.length);
        System.arraycopy(trailer, 0, jpeg, getty.length, trailer.length);
        return jpeg;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
