package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import media.archive.contracts.Json;
import media.archive.embedded.LoopbackPorts;
import media.archive.platform.config.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's own tools against a running {@code ./archive run}: an S3 client and Kafka
 * clients built from nothing but {@code <data>/endpoints.json}, as {@code aws s3 ls}, boto3 or
 * kcat would be, before and after a restart.
 */
class OperatorAccessIT {
    private static final Set<String> TOPICS = Set.of("media.uploaded", "media.processed", "media.edits");

    @Test
    void clients_built_from_endpoints_json_list_the_bucket_and_the_topics_and_keep_working_after_a_restart(
            @TempDir Path data) throws Exception {
        JsonNode first;
        String imageId;
        MinioClient s3;
        Admin kafka;
        try (StandaloneArchive archive = start(data)) {
            // given: the endpoints file of a running archive, readable by its owner only
            Path file = data.resolve("endpoints.json");
            assertThat(archive.endpointsFile()).isEqualTo(file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            first = Json.read(Files.readAllBytes(file), JsonNode.class);
            assertThat(first.path("s3").path("secretKey").asText()).hasSizeGreaterThanOrEqualTo(32);

            // when: an operator builds an S3 client from it alone
            s3 = s3Client(first);

            // then: it lists the bucket, and after an upload the original is there
            String admin = archive.generatedAdminKey().orElseThrow();
            ArchiveClient.Answer upload = new ArchiveClient(archive.port())
                    .upload(admin, "lincoln.jpg", fixture("photos/agency-photographer-example.jpg"), Map.of());
            assertThat(upload.status()).as(new String(upload.body())).isEqualTo(202);
            imageId = upload.json().get("id").asText();
            assertThat(objects(s3, bucket(first))).contains("originals/" + imageId);

            // and: Kafka clients built from it list the archive's topics and read the upload's event
            kafka = kafkaAdmin(first);
            assertThat(kafka.listTopics().names().get()).containsAll(TOPICS);
            assertThat(keysOnUploaded(first)).contains(imageId);

            // and: what ./archive run prints says where both listen and where the file is, never the secret
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ArchiveCommand.Run.printWelcome(new PrintStream(printed, true, StandardCharsets.UTF_8), archive,
                    StandaloneConfig.from(Settings.of(Map.of("ARCHIVE_DATA_DIR", data.toString()))));
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains(first.path("kafka").path("bootstrapServers").asText(),
                            first.path("s3").path("endpoint").asText(), bucket(first), file.toString())
                    .doesNotContain(first.path("s3").path("secretKey").asText());
        }

        try (StandaloneArchive archive = start(data)) {
            // when: the archive started again on the same data
            JsonNode second = Json.read(Files.readAllBytes(data.resolve("endpoints.json")), JsonNode.class);

            // then: the secret and both addresses are the same, and the clients built before still work
            assertThat(second).isEqualTo(first);
            assertThat(objects(s3, bucket(first))).contains("originals/" + imageId);
            assertThat(kafka.listTopics().names().get()).containsAll(TOPICS);
        } finally {
            s3.close();
            kafka.close();
        }
    }

    @Test
    void configured_ports_win_over_the_last_start_and_the_secret_stays(@TempDir Path data) throws Exception {
        JsonNode first;
        try (StandaloneArchive archive = start(data)) {
            first = Json.read(Files.readAllBytes(archive.endpointsFile()), JsonNode.class);
        }

        int kafkaPort = LoopbackPorts.pick();
        int s3Port = LoopbackPorts.pick();
        Settings settings = Settings.of(Map.of(
                "ARCHIVE_DATA_DIR", data.toString(),
                "ARCHIVE_HTTP_PORT", "0",
                "ARCHIVE_HTTP_HOST", "127.0.0.1",
                "ARCHIVE_KAFKA_PORT", Integer.toString(kafkaPort),
                "ARCHIVE_S3_PORT", Integer.toString(s3Port)));
        try (StandaloneArchive archive = new StandaloneArchive(StandaloneConfig.from(settings), settings).start()) {
            assertThat(waitFor(archive::isReady, ready -> ready)).isTrue();
            JsonNode second = Json.read(Files.readAllBytes(archive.endpointsFile()), JsonNode.class);

            assertThat(second.path("kafka").path("bootstrapServers").asText()).isEqualTo("127.0.0.1:" + kafkaPort);
            assertThat(second.path("s3").path("endpoint").asText()).isEqualTo("http://127.0.0.1:" + s3Port);
            assertThat(second.path("s3").path("secretKey")).isEqualTo(first.path("s3").path("secretKey"));
            try (MinioClient s3 = s3Client(second)) {
                assertThat(objects(s3, bucket(second))).anyMatch(key -> key.startsWith("access-keys/"));
            }
        }
    }

    private static MinioClient s3Client(JsonNode endpoints) {
        JsonNode s3 = endpoints.path("s3");
        return MinioClient.builder()
                .endpoint(s3.path("endpoint").asText())
                .credentials(s3.path("accessKey").asText(), s3.path("secretKey").asText())
                .build();
    }

    private static String bucket(JsonNode endpoints) {
        return endpoints.path("s3").path("bucket").asText();
    }

    private static List<String> objects(MinioClient s3, String bucket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private static Admin kafkaAdmin(JsonNode endpoints) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.path("kafka").path("bootstrapServers").asText());
        return Admin.create(props);
    }

    /** The keys on {@code media.uploaded}, read from the start as a consumer outside any group (kcat -C). */
    private static List<String> keysOnUploaded(JsonNode endpoints) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.path("kafka").path("bootstrapServers").asText());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("media.uploaded").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
