package media.archive.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import media.archive.api.index.Events;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFields;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import media.archive.embedded.EmbeddedKafka;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The api killed with {@code kill -9} while it builds its index, then started again on the same
 * index: it resumes from the offsets of its last commit, and ends with one document per image
 * of the topics, none twice, none missing.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(300)
class ApiCrashIT {
    private static final int IMAGES = 20_000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void an_api_killed_while_indexing_resumes_with_every_image_exactly_once(Infrastructure infra, @TempDir Path dir)
            throws Exception {
        // A broker of its own: tens of thousands of events here must not slow down other tests' rebuilds.
        try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            Map<String, String> env = new HashMap<>(infra.environment());
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            KafkaSettings kafka = KafkaSettings.from(Settings.of(env), "api-crash-it");
            TopicSetup.ensureTopics(kafka, 3, (short) 1);

            Path indexDir = dir.resolve("index");
            String adminKey = "crash-" + UUID.randomUUID();
            int port = ApiProcess.freePort();
            Process first = startApi(env, indexDir, port, adminKey, dir.resolve("first.log"));
            ExecutorService publisher = Executors.newSingleThreadExecutor();
            try {
                ApiProcess.awaitReady(http, port, first, dir.resolve("first.log"), Duration.ofSeconds(180));
                Future<?> publishing = publisher.submit(() -> {
                    publishImages(kafka);
                    return null;
                });
                // Kill while events are still arriving and being indexed.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                long total = 0;
                while (total == 0 && System.nanoTime() < deadline) {
                    assertThat(first.isAlive()).as("api is running; its log:%n%s", Files.readString(dir.resolve("first.log"))).isTrue();
                    total = total(port, adminKey);
                    Thread.sleep(20);
                }
                assertThat(total).as("some images were indexed").isPositive();
                assertThat(publishing.isDone()).as("the api was killed while events were still arriving").isFalse();
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                first.waitFor(30, TimeUnit.SECONDS);
                publishing.get(120, TimeUnit.SECONDS);
            } finally {
                first.destroyForcibly();
                publisher.shutdownNow();
            }

            Process second = startApi(env, indexDir, port, adminKey, dir.resolve("second.log"));
            try {
                ApiProcess.awaitReady(http, port, second, dir.resolve("second.log"), Duration.ofSeconds(180));
                assertThat(total(port, adminKey)).isEqualTo(IMAGES);
                second.destroy(); // SIGTERM
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                second.destroyForcibly();
            }

            try (ImageIndex index = ImageIndex.open(indexDir)) {
                List<String> ids = index.withSearcher(searcher -> {
                    TopDocs all = searcher.search(new MatchAllDocsQuery(), Integer.MAX_VALUE);
                    StoredFields stored = searcher.storedFields();
                    List<String> found = new ArrayList<>();
                    for (ScoreDoc doc : all.scoreDocs) {
                        found.add(stored.document(doc.doc, Set.of(IndexFields.ID)).get(IndexFields.ID));
                    }
                    return found;
                });
                assertThat(ids).hasSize(IMAGES).doesNotHaveDuplicates();
            }
        }
    }

    /** Uploads, processing outcomes for half of them and an edit for some: many small events. */
    private static void publishImages(KafkaSettings kafka) throws Exception {
        String run = UUID.randomUUID().toString();
        Instant at = Instant.parse("2025-10-25T08:00:00Z");
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                ImageId id = Events.id(run + "-" + i);
                send(producer, sent, Topics.UPLOADED, Events.uploaded(id, at.plusSeconds(i)));
                if (i % 2 == 0) {
                    send(producer, sent, Topics.PROCESSED, Events.processed(id, ImageMetadata.builder()
                            .creator(List.of("Photographer " + (i % 97))).description("Crash test picture " + i).build()));
                }
                if (i % 10 == 0) {
                    send(producer, sent, Topics.EDITS, new ImageEdited(id, at, "desk", Map.of("headline", "Edited " + i)));
                }
                if (i % 500 == 499) {
                    // Events keep arriving over a few seconds, as from busy photographers, not in one burst.
                    producer.flush();
                    Thread.sleep(50);
                }
            }
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<Future<RecordMetadata>> sent, String topic, ImageEvent event) {
        sent.add(producer.send(new ProducerRecord<>(topic, event.id().value(), Json.toBytes(event))));
    }

    private static Process startApi(Map<String, String> env, Path indexDir, int port, String adminKey, Path log) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("API_INDEX_DIR", indexDir.toString());
        all.put("ARCHIVE_DATA_DIR", indexDir.getParent().resolve("data").toString());
        all.put("ARCHIVE_ADMIN_KEY", adminKey);
        return ApiProcess.start(List.of("-Xmx512m"), all, port, log);
    }

    private long total(int port, String key) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search?limit=1"))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            JsonNode body = Json.mapper().readTree(response.body());
            return body.path("total").asLong();
        } catch (IOException notYet) {
            return 0;
        }
    }
}
