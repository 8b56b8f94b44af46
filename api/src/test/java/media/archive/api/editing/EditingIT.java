package media.archive.api.editing;

import static media.archive.api.ApiTestBed.PATIENCE;
import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.encode;
import static media.archive.api.ApiTestBed.json;
import static media.archive.api.ApiTestBed.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import media.archive.api.Api;
import media.archive.api.ApiTestBed;
import media.archive.api.index.Events;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.api.serving.PublishedImages;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.access.Role;
import media.archive.platform.kafka.KafkaClients;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final String CAPTION = "Delegates arrive at the convention";

    @TempDir
    Path dataDir;
    private ApiTestBed bed;
    private String editorKey;
    private String otherEditorKey;
    private String adminKey;
    private String photographerKey;

    @BeforeEach
    void setUp(Infrastructure infra) {
        bed = new ApiTestBed(infra, "editing-it", dataDir.resolve("index"));
        String run = token();
        editorKey = bed.issue("lan " + run, Role.EDITOR);
        otherEditorKey = bed.issue("minh " + run, Role.EDITOR);
        adminKey = bed.issue("admin " + run, Role.ADMIN);
        photographerKey = bed.issue("tran " + run, Role.PHOTOGRAPHER);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void an_edited_caption_is_found_by_its_new_words_within_two_seconds_and_the_record_tells_who_changed_what() throws Exception {
        ImageId id = readyImage();
        HttpResponse<String> before = bed.get("/v1/images/" + id, editorKey);
        assertThat(before.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(json(before).path("version").asInt()).isZero();
        String word = token();

        long start = System.nanoTime();
        HttpResponse<String> patched = patch(id, "{\"description\":\"Flood waters reach the citadel " + word + "\"}", "\"0\"", editorKey);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        await(() -> json(bed.get("/v1/search?q=" + word, editorKey)).path("total").asLong() == 1);
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
        JsonNode read = json(bed.get("/v1/images/" + id, editorKey));
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
        JsonNode edited = json(bed.get("/v1/images/" + id, editorKey));
        rebuild(dataDir.resolve("rebuilt"));

        JsonNode rebuilt = json(bed.get("/v1/images/" + id, editorKey));
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

        JsonNode both = json(bed.get("/v1/images/" + id, editorKey));
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

        JsonNode record = json(bed.get("/v1/images/" + id, editorKey));
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
        assertThat(bed.get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
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
            bed.store().putBytes(ObjectKeys.original(image), bytes, "image/jpeg");
            bed.store().putBytes(ObjectKeys.rendition(image, "thumb", "jpg"), bytes, "image/jpeg");
            bed.store().putBytes(ObjectKeys.rendition(image, "w640", "jpg"), bytes, "image/jpeg");
            bed.store().putBytes(ObjectKeys.rendition(image, "thumb", "webp"), bytes, "image/webp");
        }
        startApi();
        bed.publish(uploaded(id), processed(id), uploaded(kept), processed(kept));
        await(() -> "ready".equals(json(bed.get("/v1/images/" + id, editorKey)).path("status").asText()));
        await(() -> "ready".equals(json(bed.get("/v1/images/" + kept, editorKey)).path("status").asText()));

        assertThat(delete(id, adminKey).statusCode()).isEqualTo(202);

        assertThat(bed.store().stat(ObjectKeys.original(id))).isEmpty();
        assertThat(bed.store().list(ObjectKeys.renditionsOf(id))).isEmpty();
        assertThat(bed.store().stat(ObjectKeys.original(kept))).isPresent();
        assertThat(bed.store().list(ObjectKeys.renditionsOf(kept))).hasSize(3);
        assertThat(bed.get("/v1/images/" + id + "/renditions/thumb", null).statusCode()).isEqualTo(410);
        assertThat(bed.get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        rebuild(dataDir.resolve("rebuilt"));

        assertThat(bed.get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        assertThat(bed.get("/v1/images/" + id + "/renditions/thumb", null).statusCode()).isEqualTo(410);
        assertThat(patch(id, "{\"headline\":\"x\"}", null, editorKey).statusCode()).isEqualTo(410);
        assertThat(bed.get("/v1/images/" + kept, editorKey).statusCode()).isEqualTo(200);
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
            bed.store().putBytes(ObjectKeys.original(id), new byte[] {1}, "image/jpeg");
            bed.serve(new EditRoutes(log, bed.store(), bed.guard()));

            HttpResponse<String> answer = patch(id, "{\"headline\":\"Nobody hears\"}", "\"0\"", editorKey);

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(answer).path("error").asText()).isEqualTo("unavailable");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(index.find(id).orElseThrow().version()).isZero();
            assertThat(delete(id, adminKey).statusCode()).isEqualTo(503);
            assertThat(bed.store().stat(ObjectKeys.original(id))).as("bytes stay until a removal is recorded").isPresent();
            assertThat(index.find(id).orElseThrow().status()).isEqualTo("ready");
        }
    }

    private ImageId readyImage() throws Exception {
        ImageId id = Events.id("edited " + token());
        startApi();
        bed.publish(uploaded(id), processed(id));
        await(() -> "ready".equals(json(bed.get("/v1/images/" + id, editorKey)).path("status").asText()));
        return id;
    }

    /** Starts an api and waits until it has caught up with the topics (it takes no edits before). */
    private void startApi() throws InterruptedException {
        Api api = bed.startApi();
        await(api::isReady);
    }

    /** Starts an api on an empty index in {@code indexDir} and waits until it has caught up. */
    private void rebuild(Path indexDir) throws InterruptedException {
        Api api = bed.rebuild(indexDir);
        await(api::isReady);
    }

    private static ImageUploaded uploaded(ImageId id) {
        return new ImageUploaded(id, MORNING, "tran", "DSC_0001.jpg", "image/jpeg", 12_666,
                new SuppliedMetadata(null, "Trần Trung", null, List.of()));
    }

    private static ImageProcessed processed(ImageId id) {
        return new ImageProcessed(id, MORNING.plusSeconds(2), Events.metadata().creator("Trần Trung").description(CAPTION).build(),
                List.of(new Rendition("thumb", 100, 60, 4, "image/jpeg", ObjectKeys.rendition(id, "thumb", "jpg"))));
    }

    /** The types of the events about {@code id} on the topic of edits, in their order there. */
    private List<String> eventTypesOnEdits(ImageId id) throws IOException {
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(bed.kafka(), Map.of())) {
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

    private HttpResponse<String> patch(ImageId id, String body, String ifMatch, String key) {
        return bed.patch("/v1/images/" + id, body, ifMatch, key);
    }

    private HttpResponse<String> delete(ImageId id, String key) {
        return bed.delete("/v1/images/" + id + "?reason=" + encode("rights withdrawn"), key);
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

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
