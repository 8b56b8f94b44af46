package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import media.archive.contracts.Topics;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A takedown through the whole archive, started as {@code ./archive run} starts it: a real
 * photograph uploaded, processed, served with variants, then taken down, re-uploaded, rebuilt
 * and restored.
 */
class TakedownIT {

    @Test
    void a_taken_down_photo_is_erased_stays_gone_after_a_rebuild_and_only_an_admin_brings_it_back(@TempDir Path data)
            throws Exception {
        byte[] photo = fixture("photos/skater.jpg");
        String id;
        String adminKey;
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            adminKey = archive.generatedAdminKey().orElseThrow();
            String photographerKey = issueKey(client, adminKey, "Tran Trung", "photographer");

            // given: a ready photo, with a ?w= variant and a WebP variant made by the api
            ArchiveClient.Answer upload = client.upload(photographerKey, "skater.jpg", photo, Map.of());
            assertThat(upload.status()).as(new String(upload.body())).isEqualTo(202);
            id = upload.json().get("id").asText();
            String imageId = id;
            JsonNode record = waitFor(() -> client.get("/v1/images/" + imageId, adminKey).json(),
                    r -> "ready".equals(r.path("status").asText()));
            assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            assertThat(client.get("/v1/images/" + id + "/renditions/medium?w=320", null).status()).isEqualTo(200);
            assertThat(client.request("GET", "/v1/images/" + id + "/renditions/medium",
                    Map.of("Accept", "image/webp,*/*")).status()).isEqualTo(200);
            assertThat(objectFiles(data, id)).map(Path::toString)
                    .anyMatch(p -> p.contains("originals"))
                    .anyMatch(p -> p.contains("w320"))
                    .anyMatch(p -> p.endsWith(".webp"))
                    .anyMatch(p -> p.endsWith(".published"));

            // when: an admin takes it down
            ArchiveClient.Answer takedown = client.request("DELETE", "/v1/images/" + id + "?reason=rights%20withdrawn",
                    Map.of("Authorization", "Bearer " + adminKey));

            // then: no object of the bucket names it, and each content topic ends with a tombstone for it
            assertThat(takedown.status()).as(new String(takedown.body())).isEqualTo(202);
            assertThat(objectFiles(data, id)).isEmpty();
            Map<String, List<byte[]>> topics = valuesOf(archive.kafkaBootstrapServers(), id);
            for (String topic : Topics.CONTENT) {
                assertThat(topics.get(topic)).as(topic).isNotEmpty().last().isNull();
            }
            assertThat(topics.get(Topics.EDITS)).hasSize(1);
            assertThat(client.get("/v1/images/" + id, adminKey).status()).isEqualTo(410);

            // and: the same bytes again are refused, saying since when
            ArchiveClient.Answer again = client.upload(photographerKey, "skater-again.jpg", photo, Map.of());
            assertThat(again.status()).as(new String(again.body())).isEqualTo(410);
            assertThat(again.json().path("error").asText()).isEqualTo("removed");
            assertThat(Instant.parse(again.json().path("removedAt").asText())).isBefore(Instant.now());
            assertThat(objectFiles(data, id)).isEmpty();
            assertThat(client.upload(photographerKey, "skater.jpg", photo, Map.of("restore", "true")).status()).isEqualTo(403);
        }

        // when: the index is rebuilt from the topics
        deleteTree(data.resolve("index"));
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String imageId = id;
            assertThat(client.get("/v1/images/" + id, adminKey).status()).isEqualTo(410);
            assertThat(client.get("/i/" + id, null).status()).isEqualTo(410);

            // and: an admin restores it on purpose
            ArchiveClient.Answer restore = client.upload(adminKey, "skater.jpg", photo, Map.of("restore", "true"));
            assertThat(restore.status()).as(new String(restore.body())).isEqualTo(202);

            // then: it is processed and ready again
            JsonNode record = waitFor(() -> client.get("/v1/images/" + imageId, adminKey).json(),
                    r -> "ready".equals(r.path("status").asText()));
            assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            assertThat(client.get("/v1/images/" + id + "/renditions/thumb", null).status()).isEqualTo(200);
        }
    }

    private static String issueKey(ArchiveClient client, String adminKey, String name, String role) {
        ArchiveClient.Answer answer = client.postJson("/v1/keys", adminKey, Map.of("name", name, "role", role));
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(201);
        return answer.json().get("key").asText();
    }

    /** The files of the embedded S3 (one per object) whose path names the image. */
    private static List<Path> objectFiles(Path data, String id) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("s3"))) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().contains(id)).toList();
        }
    }

    /** Every value keyed by the image on each topic, in order, read with a plain consumer. */
    private static Map<String, List<byte[]>> valuesOf(String bootstrap, String id) {
        KafkaSettings kafka = KafkaSettings.from(Settings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap)), "takedown-it");
        Map<String, List<byte[]>> values = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : java.util.stream.Stream.concat(Topics.IMAGES.stream(), Topics.CONTENT.stream()).distinct().toList()) {
                values.put(topic, new ArrayList<>());
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(record.key())) {
                        values.get(record.topic()).add(record.value());
                    }
                }
            }
        }
        return values;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
