package media.archive.api.editing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import media.archive.api.Api;
import media.archive.api.ApiConfig;
import media.archive.api.index.Events;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.api.serving.PublishedImages;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Editing and removal against a real Kafka broker and a real S3 server, through a real HTTP server. */
@ExtendWith(RealInfrastructure.class)
class EditingIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final String CAPTION = "Delegates arrive at the convention";

    @TempDir
    Path dataDir;
    private Path indexDir;
    private KafkaSettings kafka;
    private ObjectStore store;
    private AccessGuard guard;
    private KafkaProducer<String, byte[]> producer;
    private String editorKey;
    private String otherEditorKey;
    private String adminKey;
    private String photographerKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Api api;
    private Javalin server;

    @BeforeEach
    void setUp(Infrastructure infra) {
        Settings settings = Settings.of(infra.environment());
        kafka = KafkaSettings.from(settings, "editing-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        AccessKeys keys = new AccessKeys(store);
        guard = new AccessGuard(keys);
        String run = token();
        editorKey = keys.issue("lan " + run, Role.EDITOR).key();
        otherEditorKey = keys.issue("minh " + run, Role.EDITOR).key();
        adminKey = keys.issue("admin " + run, Role.ADMIN).key();
        photographerKey = keys.issue("tran " + run, Role.PHOTOGRAPHER).key();
        producer = KafkaClients.producer(kafka);
        indexDir = dataDir.resolve("index");
    }

    @AfterEach
    void tearDown() {
        stopApi();
        producer.close();
        store.close();
    }

    @Test
    void an_edited_caption_is_found_by_its_new_words_within_two_seconds_and_the_record_tells_who_changed_what() throws Exception {
        ImageId id = readyImage();
        HttpResponse<String> before = get("/v1/images/" + id, editorKey);
        assertThat(before.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(json(before).path("version").asInt()).isZero();
        String word = token();

        long start = System.nanoTime();
        HttpResponse<String> patched = patch(id, "{\"description\":\"Flood waters reach the citadel " + word + "\"}", "\"0\"", editorKey);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        await(() -> json(getQuietly("/v1/search?q=" + word)).path("total").asLong() == 1);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(patched.statusCode()).isEqualTo(202);
        assertThat(patched.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode edited = json(patched);
        assertThat(edited.path("description").asText()).isEqualTo("Flood waters reach the citadel " + word);
        assertThat(edited.path("version").asInt()).isEqualTo(1);
        assertThat(edited.path("provenance").path("description").asText()).startsWith("edit:lan ");
        JsonNode entry = edited.path("edits").path(0);
        assertThat(entry.path("editor").asText()).startsWith("lan ");
        assertThat(Instant.parse(entry.path("at").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(entry.path("changes").path("description").path("old").asText()).isEqualTo(CAPTION);
        assertThat(entry.path("changes").path("description").path("new").asText()).endsWith(word);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
        JsonNode read = json(get("/v1/images/" + id, editorKey));
        assertThat(read.path("version").asInt()).isEqualTo(1);
        assertThat(read.path("edits")).isEqualTo(edited.path("edits"));
    }

    @Test
    void the_history_and_the_edited_values_survive_a_rebuild_of_the_index() throws Exception {
        ImageId id = readyImage();
        assertThat(patch(id, "{\"headline\":\"Summit opens\",\"keywords\":[\"summit\",\"un\"]}", "\"0\"", editorKey).statusCode())
                .isEqualTo(202);
        assertThat(patch(id, "{\"headline\":\"Summit closes\",\"credit\":\"AFP\"}", "\"1\"", otherEditorKey).statusCode())
                .isEqualTo(202);
        JsonNode edited = json(get("/v1/images/" + id, editorKey));
        stopApi();

        indexDir = dataDir.resolve("rebuilt");
        startApi();

        JsonNode rebuilt = json(get("/v1/images/" + id, editorKey));
        assertThat(rebuilt.path("version").asInt()).isEqualTo(2);
        assertThat(rebuilt.path("headline").asText()).isEqualTo("Summit closes");
        assertThat(rebuilt.path("credit").asText()).isEqualTo("AFP");
        assertThat(rebuilt.path("keywords").toString()).isEqualTo("[\"summit\",\"un\"]");
        assertThat(rebuilt.path("edits")).hasSize(2);
        assertThat(rebuilt.path("edits").path(1).path("changes").path("headline").path("old").asText()).isEqualTo("Summit opens");
        assertThat(rebuilt).isEqualTo(edited);
    }

    @Test
    void of_two_editors_saving_the_same_version_at_once_one_wins_the_other_gets_the_current_record_and_neither_change_is_lost()
            throws Exception {
        ImageId id = readyImage();
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService editors = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> lan = editors.submit(atOnce(ready, () -> patch(id, "{\"headline\":\"Lan's headline\"}", "\"0\"", editorKey)));
            Future<HttpResponse<String>> minh = editors.submit(atOnce(ready, () -> patch(id, "{\"credit\":\"Minh's credit\"}", "\"0\"", otherEditorKey)));
            List<HttpResponse<String>> answers = List.of(lan.get(), minh.get());

            assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
            HttpResponse<String> loser = answers.get(0).statusCode() == 409 ? answers.get(0) : answers.get(1);
            JsonNode conflict = json(loser);
            assertThat(conflict.path("error").asText()).isEqualTo("conflict");
            assertThat(conflict.path("current").path("version").asInt()).isEqualTo(1);
            assertThat(conflict.path("current").path("id").asText()).isEqualTo(id.value());

            // The loser sees the other change and saves again on the version it now knows.
            String retry = loser == answers.get(0) ? "{\"headline\":\"Lan's headline\"}" : "{\"credit\":\"Minh's credit\"}";
            String key = loser == answers.get(0) ? editorKey : otherEditorKey;
            assertThat(patch(id, retry, "\"" + conflict.path("current").path("version").asInt() + "\"", key).statusCode()).isEqualTo(202);
        } finally {
            editors.shutdownNow();
        }

        JsonNode both = json(get("/v1/images/" + id, editorKey));
        assertThat(both.path("headline").asText()).isEqualTo("Lan's headline");
        assertThat(both.path("credit").asText()).isEqualTo("Minh's credit");
        assertThat(both.path("version").asInt()).isEqualTo(2);
    }

    @Test
    void bad_edits_are_refused_with_the_field_at_fault_and_change_nothing() throws Exception {
        ImageId id = readyImage();

        assertThat(badRequestField(patch(id, "{\"width\":3}", null, editorKey))).isEqualTo("width");
        assertThat(badRequestField(patch(id, "{\"headline\":\"Fine\",\"keywords\":\"not a list\"}", null, editorKey))).isEqualTo("keywords");
        assertThat(badRequestField(patch(id, "{\"creator\":[\"A\",7]}", null, editorKey))).isEqualTo("creator");
        assertThat(badRequestField(patch(id, "{\"headline\":null}", null, editorKey))).isEqualTo("headline");
        assertThat(badRequestField(patch(id, "{\"description\":\"" + "x".repeat(20_001) + "\"}", null, editorKey))).isEqualTo("description");
        for (String body : List.of("", "{\"headline\":", "[\"headline\"]", "{}", "\"headline\"")) {
            HttpResponse<String> answer = patch(id, body, null, editorKey);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(json(answer).path("error").asText()).as(body).isEqualTo("bad-request");
        }
        assertThat(patch(id, "{\"headline\":\"x\"}", "\"soon\"", editorKey).statusCode()).isEqualTo(400);
        assertThat(patch(id, "{\"headline\":\"x\"}", null, photographerKey).statusCode()).isEqualTo(403);
        assertThat(patch(id, "{\"headline\":\"x\"}", null, null).statusCode()).isEqualTo(401);
        assertThat(patch(Events.id("never uploaded " + token()), "{\"headline\":\"x\"}", null, editorKey).statusCode()).isEqualTo(404);

        JsonNode record = json(get("/v1/images/" + id, editorKey));
        assertThat(record.path("version").asInt()).isZero();
        assertThat(record.has("headline")).isFalse();
    }

    @Test
    void a_removed_image_takes_no_more_edits_and_no_edit_is_published_after_its_removal() throws Exception {
        ImageId id = readyImage();
        assertThat(patch(id, "{\"headline\":\"Before removal\"}", "\"0\"", editorKey).statusCode()).isEqualTo(202);
        assertThat(delete(id, editorKey).statusCode()).isEqualTo(403);

        HttpResponse<String> removal = delete(id, adminKey);
        HttpResponse<String> late = patch(id, "{\"headline\":\"After removal\"}", null, editorKey);

        assertThat(removal.statusCode()).isEqualTo(202);
        assertThat(json(removal).path("status").asText()).isEqualTo("removed");
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(json(late).path("error").asText()).isEqualTo("gone");
        assertThat(get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        assertThat(eventTypesOnEdits(id)).containsExactly("ImageEdited", "ImageRemoved");
        assertThat(delete(id, adminKey).statusCode()).as("removing again is harmless").isEqualTo(202);
        assertThat(eventTypesOnEdits(id)).containsExactly("ImageEdited", "ImageRemoved");
    }

    @Test
    void a_removal_deletes_the_original_and_every_rendition_from_s3_and_its_tombstone_survives_a_rebuild() throws Exception {
        ImageId id = Events.id("removed " + token());
        ImageId kept = Events.id("kept " + token());
        byte[] bytes = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
        for (ImageId image : List.of(id, kept)) {
            store.putBytes(ObjectKeys.original(image), bytes, "image/jpeg");
            store.putBytes(ObjectKeys.rendition(image, "thumb", "jpg"), bytes, "image/jpeg");
            store.putBytes(ObjectKeys.rendition(image, "w640", "jpg"), bytes, "image/jpeg");
            store.putBytes(ObjectKeys.rendition(image, "thumb", "webp"), bytes, "image/webp");
        }
        startApi();
        publish(uploaded(id), processed(id), uploaded(kept), processed(kept));
        await(() -> "ready".equals(json(getQuietly("/v1/images/" + id)).path("status").asText()));
        await(() -> "ready".equals(json(getQuietly("/v1/images/" + kept)).path("status").asText()));

        assertThat(delete(id, adminKey).statusCode()).isEqualTo(202);

        assertThat(store.stat(ObjectKeys.original(id))).isEmpty();
        assertThat(store.list(ObjectKeys.renditionsOf(id))).isEmpty();
        assertThat(store.stat(ObjectKeys.original(kept))).isPresent();
        assertThat(store.list(ObjectKeys.renditionsOf(kept))).hasSize(3);
        assertThat(get("/v1/images/" + id + "/renditions/thumb", null).statusCode()).isEqualTo(410);
        assertThat(get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        stopApi();

        indexDir = dataDir.resolve("rebuilt");
        startApi();

        assertThat(get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        assertThat(get("/v1/images/" + id + "/renditions/thumb", null).statusCode()).isEqualTo(410);
        assertThat(patch(id, "{\"headline\":\"x\"}", null, editorKey).statusCode()).isEqualTo(410);
        assertThat(get("/v1/images/" + kept, editorKey).statusCode()).isEqualTo(200);
    }

    @Test
    void an_edit_while_kafka_is_unreachable_answers_503_with_retry_after_and_changes_nothing() throws Exception {
        ImageId id = Events.id("unreachable " + token());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500);
        try (ImageIndex index = ImageIndex.open(dataDir.resolve("alone"));
             EditLog log = new EditLog(index, new PublishedImages(index),
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()), Clock.systemUTC(),
                     new EditLog.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)), () -> true)) {
            new IndexFeeder(index).feed(uploaded(id), processed(id));
            store.putBytes(ObjectKeys.original(id), new byte[] {1}, "image/jpeg");
            server = HttpServers.create(List.of(new EditRoutes(log, store, guard))).start(0);

            HttpResponse<String> answer = patch(id, "{\"headline\":\"Nobody hears\"}", "\"0\"", editorKey);

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(answer).path("error").asText()).isEqualTo("unavailable");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(index.find(id).orElseThrow().version()).isZero();
            assertThat(delete(id, adminKey).statusCode()).isEqualTo(503);
            assertThat(store.stat(ObjectKeys.original(id))).as("bytes stay until a removal is recorded").isPresent();
            assertThat(index.find(id).orElseThrow().status()).isEqualTo("ready");
        } finally {
            server.stop();
            server = null;
        }
    }

    private ImageId readyImage() throws Exception {
        ImageId id = Events.id("edited " + token());
        startApi();
        publish(uploaded(id), processed(id));
        await(() -> "ready".equals(json(getQuietly("/v1/images/" + id)).path("status").asText()));
        return id;
    }

    /** Starts an api on {@code indexDir} and waits until it has caught up with the topics (it takes no edits before). */
    private void startApi() throws InterruptedException {
        api = new Api(new ApiConfig(indexDir), kafka, store, guard);
        api.start();
        server = HttpServers.create(List.of(api.routes())).start(0);
        await(api::isReady);
    }

    private void stopApi() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    private static ImageUploaded uploaded(ImageId id) {
        return new ImageUploaded(id, MORNING, "tran", "DSC_0001.jpg", "image/jpeg", 12_666,
                new SuppliedMetadata(null, "Trần Trung", null, List.of()));
    }

    private static ImageProcessed processed(ImageId id) {
        return new ImageProcessed(id, MORNING.plusSeconds(2), Events.metadata().creator("Trần Trung").description(CAPTION).build(),
                List.of(new Rendition("thumb", 100, 60, 4, "image/jpeg", ObjectKeys.rendition(id, "thumb", "jpg"))));
    }

    private void publish(ImageEvent... events) throws Exception {
        for (ImageEvent event : events) {
            String topic = event instanceof ImageUploaded ? Topics.UPLOADED : Topics.PROCESSED;
            producer.send(new ProducerRecord<>(topic, event.id().value(), Json.toBytes(event))).get();
        }
    }

    /** The types of the events about {@code id} on the topic of edits, in their order there. */
    private List<String> eventTypesOnEdits(ImageId id) throws IOException {
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EDITS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.value().equals(record.key())) {
                        types.add(Json.mapper().readTree(record.value()).path("type").asText());
                    }
                }
            }
        }
        return types;
    }

    private HttpResponse<String> patch(ImageId id, String body, String ifMatch, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/v1/images/" + id, key)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(ImageId id, String key) throws IOException, InterruptedException {
        return http.send(request("/v1/images/" + id + "?reason=" + URLEncoder.encode("rights withdrawn", StandardCharsets.UTF_8), key)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getQuietly(String path) {
        try {
            return get(path, editorKey);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    private static String badRequestField(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode body = json(answer);
        assertThat(body.path("error").asText()).isEqualTo("bad-request");
        assertThat(body.path("message").asText()).isNotBlank();
        return body.path("field").asText();
    }

    private static <T> Callable<T> atOnce(CountDownLatch ready, Callable<T> call) {
        return () -> {
            ready.countDown();
            ready.await();
            return call.call();
        };
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String token() {
        return "run" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
