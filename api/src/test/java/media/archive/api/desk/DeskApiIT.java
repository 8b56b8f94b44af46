package media.archive.api.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import media.archive.api.Api;
import media.archive.api.ApiConfig;
import media.archive.api.index.Events;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the desk asks of the api besides pages and edits, against a real Kafka broker and a real
 * S3 server through a real HTTP server: live status of images being processed, and a
 * photographer's own search.
 */
@ExtendWith(RealInfrastructure.class)
class DeskApiIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path indexDir;
    private ObjectStore store;
    private KafkaProducer<String, byte[]> producer;
    private Api api;
    private Javalin server;
    private String editorKey;
    private String photographer;
    private String photographerKey;
    private String otherKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start(Infrastructure infra) {
        Settings settings = Settings.of(infra.environment());
        KafkaSettings kafka = KafkaSettings.from(settings, "desk-api-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        AccessKeys keys = new AccessKeys(store);
        editorKey = keys.issue("desk editor", Role.EDITOR).key();
        photographer = "Trần Trung " + token();
        photographerKey = keys.issue(photographer, Role.PHOTOGRAPHER).key();
        otherKey = keys.issue("other photographer " + token(), Role.PHOTOGRAPHER).key();
        producer = KafkaClients.producer(kafka);
        api = new Api(new ApiConfig(indexDir), kafka, store, new AccessGuard(keys));
        api.start();
        server = HttpServers.create(List.of(api.routes()), api.files()).start(0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        api.close();
        producer.close();
        store.close();
    }

    @Test
    void the_desk_sees_an_image_processing_then_ready() throws Exception {
        ImageId id = Events.id("live " + token());

        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), id.value(), photographerKey)) {
            publish(uploaded(id, photographer, "Convention " + token()));
            JsonNode processing = stream.nextEvent(PATIENCE).json();
            assertThat(processing.get("id").asText()).isEqualTo(id.value());
            assertThat(processing.get("status").asText()).isEqualTo("processing");
            assertThat(processing.get("record").get("fileName").asText()).isEqualTo("DSC_0001.jpg");

            publish(processed(id, "Delegates arrive at the convention"));
            JsonNode ready = stream.nextEvent(PATIENCE).json();
            assertThat(ready.get("status").asText()).isEqualTo("ready");
            assertThat(ready.get("record").get("description").asText()).isEqualTo("Delegates arrive at the convention");
        }
    }

    @Test
    void a_photographers_stream_and_search_show_only_the_images_their_key_uploaded() throws Exception {
        String word = "harbour" + token().replaceAll("[0-9]", "");
        ImageId own = Events.id("own " + word);
        ImageId others = Events.id("others " + word);
        publish(uploaded(own, photographer, word), processed(own, word),
                uploaded(others, "someone else", word), processed(others, word));
        await(() -> total(word, editorKey) == 2);

        JsonNode found = search(word, photographerKey);
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("hits").get(0).get("id").asText()).isEqualTo(own.value());
        assertThat(total(word, otherKey)).isZero();

        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), others + "," + own, photographerKey)) {
            EventStreamClient.Message first = stream.nextEvent(PATIENCE);
            assertThat(first.json().get("id").asText()).isEqualTo(own.value());
            // The other image's state never comes: the next message is a keep-alive or nothing.
            EventStreamClient.Message next = stream.poll(Duration.ofMillis(500));
            assertThat(next == null || next.comment() != null).isTrue();
        }
        HttpResponse<String> suggested = get("/v1/search/suggest?field=by&prefix=" + encode(word.substring(0, 4)), photographerKey);
        assertThat(suggested.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(suggested.body()).get("values").get(0).get("count").asLong()).isEqualTo(1);
    }

    @Test
    void the_server_stops_promptly_with_streams_open() throws Exception {
        EventStreamClient stream = EventStreamClient.connect(http, server.port(), Events.id("open " + token()).value(), editorKey);

        long start = System.nanoTime();
        server.stop();
        server = null;
        api.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(stream.next(PATIENCE)).isIn(EventStreamClient.END, new EventStreamClient.Message(null, null, "keep-alive"));
        stream.close();
    }

    private long total(String query, String key) {
        try {
            return search(query, key).get("total").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode search(String query, String key) throws Exception {
        HttpResponse<String> response = get("/v1/search?q=" + encode(query), key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ImageUploaded uploaded(ImageId id, String uploader, String creator) {
        return new ImageUploaded(id, MORNING, uploader, "DSC_0001.jpg", "image/jpeg", 12_666,
                new SuppliedMetadata(null, creator, null, List.of()));
    }

    private static ImageProcessed processed(ImageId id, String creator) {
        return new ImageProcessed(id, MORNING.plusSeconds(2),
                Events.metadata().creator(creator).description("Delegates arrive at the convention").build(), List.of());
    }

    private void publish(ImageEvent... events) throws Exception {
        for (ImageEvent event : events) {
            String topic = event instanceof ImageUploaded ? Topics.UPLOADED : Topics.PROCESSED;
            producer.send(new ProducerRecord<>(topic, event.id().value(), Json.toBytes(event))).get();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE);
            }
            Thread.sleep(50);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
