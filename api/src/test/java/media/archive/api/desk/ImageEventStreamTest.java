package media.archive.api.desk;

import static media.archive.api.index.Events.failed;
import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.api.search.SearchRoutes;
import media.archive.api.search.SearchService;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRemoved;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.config.S3Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live status stream through a real server on port 0 and a real index, with the operator's
 * key (no S3 needed). Keep-alives and lifetimes are short here; a photographer's stream and the
 * index fed from Kafka are in {@code DeskApiIT}.
 */
class ImageEventStreamTest {
    private static final String ADMIN_KEY = "operator-key-for-tests";
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private ObjectStore store;
    private ImageEventStream events;
    private Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        start(new ImageEventStream.Limits(Duration.ofMillis(300), Duration.ofMinutes(1), 1_000));
    }

    private void start(ImageEventStream.Limits limits) {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
        store = new ObjectStore(new S3Settings("http://127.0.0.1:9", "nobody", "nothing", "no-bucket", "us-east-1"));
        AccessKeys keys = new AccessKeys(store);
        keys.trustBootstrapKey(ADMIN_KEY);
        AccessGuard guard = new AccessGuard(keys);
        events = new ImageEventStream(index, guard, limits);
        server = HttpServers.create(List.of(events, new SearchRoutes(new SearchService(index), guard),
                app -> app.get("/health/ready", ctx -> ctx.json(Map.of("status", "ready"))))).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
        events.close();
        store.close();
        index.close();
    }

    @Test
    void each_known_image_is_sent_with_its_current_state_then_whenever_it_changes() throws Exception {
        ImageId id = id("processing");
        ImageId unknown = id("never uploaded");
        feeder.feed(uploaded(id, MORNING));

        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), id + "," + unknown, ADMIN_KEY)) {
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.response().headers().firstValue("Content-Encoding")).isEmpty();
            EventStreamClient.Message first = stream.nextEvent(PATIENCE);
            assertThat(first.event()).isEqualTo("image");
            assertThat(first.json().get("id").asText()).isEqualTo(id.value());
            assertThat(first.json().get("status").asText()).isEqualTo("processing");
            assertThat(first.json().get("failure").isNull()).isTrue();
            assertThat(first.json().get("record").get("id").asText()).isEqualTo(id.value());

            feeder.feed(processed(id, metadata().creator("Trần Trung").build()));

            EventStreamClient.Message ready = stream.nextEvent(PATIENCE);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            assertThat(ready.json().get("record").get("creator").get(0).asText()).isEqualTo("Trần Trung");
        }
    }

    @Test
    void an_image_uploaded_after_connecting_is_sent_when_it_appears_and_a_failure_says_why() throws Exception {
        ImageId id = id("late");

        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), id.value(), ADMIN_KEY)) {
            feeder.feed(uploaded(id, MORNING), failed(id));

            JsonNode status = stream.nextEvent(PATIENCE).json();
            assertThat(status.get("status").asText()).isEqualTo("failed");
            assertThat(status.get("failure").get("reason").asText()).isEqualTo("undecodable");
        }
    }

    @Test
    void a_removed_image_is_sent_without_its_record() throws Exception {
        ImageId id = id("withdrawn");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Trần Trung").build()));

        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), id.value(), ADMIN_KEY)) {
            assertThat(stream.nextEvent(PATIENCE).json().get("status").asText()).isEqualTo("ready");
            feeder.feed(new ImageRemoved(id, MORNING.plusSeconds(3600), "admin", "rights withdrawn"));

            JsonNode removed = stream.nextEvent(PATIENCE).json();
            assertThat(removed.get("status").asText()).isEqualTo("removed");
            assertThat(removed.get("record").isNull()).isTrue();
            assertThat(removed.get("failure").isNull()).isTrue();
        }
    }

    @Test
    void an_idle_stream_sends_keep_alive_comments() throws Exception {
        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), id("quiet").value(), ADMIN_KEY)) {
            EventStreamClient.Message message = stream.next(PATIENCE);

            assertThat(message.comment()).isEqualTo("keep-alive");
            assertThat(stream.next(PATIENCE).comment()).isEqualTo("keep-alive");
        }
    }

    @Test
    void a_stream_ends_after_its_lifetime_so_the_desk_connects_again() throws Exception {
        stop();
        start(new ImageEventStream.Limits(Duration.ofSeconds(15), Duration.ofMillis(500), 1_000));

        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), id("short").value(), ADMIN_KEY)) {
            assertThat(stream.next(PATIENCE)).isSameAs(EventStreamClient.END);
        }
        await(() -> events.openStreams() == 0);
    }

    @Test
    void a_client_that_goes_away_is_dropped() throws Exception {
        ImageId id = id("watched");
        feeder.feed(uploaded(id, MORNING));
        EventStreamClient stream = EventStreamClient.connect(http, server.port(), id.value(), ADMIN_KEY);
        stream.nextEvent(PATIENCE);
        assertThat(events.openStreams()).isEqualTo(1);

        stream.close();

        // Noticed at the next write: a keep-alive at the latest.
        await(() -> events.openStreams() == 0);
    }

    @Test
    void ids_are_checked_and_at_most_a_hundred() throws Exception {
        String many = IntStream.range(0, ImageEventStream.MAX_IDS + 1).mapToObj(i -> id("many " + i).value())
                .collect(Collectors.joining(","));
        String hundred = IntStream.range(0, ImageEventStream.MAX_IDS).mapToObj(i -> id("many " + i).value())
                .collect(Collectors.joining(","));

        assertError(EventStreamClient.open(http, server.port(), many, ADMIN_KEY), 400);
        assertError(EventStreamClient.open(http, server.port(), "not-an-id", ADMIN_KEY), 400);
        assertError(EventStreamClient.open(http, server.port(), id("a") + ",,", ADMIN_KEY), 400);
        assertError(EventStreamClient.open(http, server.port(), "", ADMIN_KEY), 400);
        assertError(EventStreamClient.open(http, server.port(), id("a").value(), null), 401);
        try (EventStreamClient stream = EventStreamClient.connect(http, server.port(), hundred, ADMIN_KEY)) {
            assertThat(stream.next(PATIENCE).comment()).isEqualTo("keep-alive");
        }
    }

    @Test
    void hundreds_of_open_streams_leave_the_server_free_to_answer() throws Exception {
        ImageId id = id("popular");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Trần Trung").build()));
        // More streams than the server has threads (250): streams that held a thread each would starve it.
        int streams = 300;
        List<CompletableFuture<HttpResponse<InputStream>>> opening = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            opening.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/v1/events?ids=" + id))
                    .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (CompletableFuture<HttpResponse<InputStream>> response : opening) {
                open.add(response.get());
            }
            await(() -> events.openStreams() == streams);

            long start = System.nanoTime();
            HttpResponse<String> health = get("/health/ready");
            HttpResponse<String> search = get("/v1/search?q=tran");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(search.body()).contains(id.value());
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            // And every stream got the image's state.
            for (HttpResponse<InputStream> response : open.subList(0, 10)) {
                byte[] head = response.body().readNBytes(20);
                assertThat(new String(head, StandardCharsets.UTF_8)).startsWith("event: image");
            }
        } finally {
            for (HttpResponse<InputStream> response : open) {
                response.body().close();
            }
        }
        await(() -> events.openStreams() == 0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + ADMIN_KEY).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<InputStream> response, int status) throws Exception {
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(body).startsWith("{\"error\":");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
