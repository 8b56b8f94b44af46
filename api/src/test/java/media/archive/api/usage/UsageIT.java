package media.archive.api.usage;

import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import media.archive.api.ApiTestBed;
import media.archive.contracts.ImageId;
import media.archive.platform.access.Role;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.kafka.KafkaClients;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Usage counted, published on media.usages and read back, against a real Kafka broker, through a real HTTP server. */
@ExtendWith(RealInfrastructure.class)
class UsageIT {
    /** Flushes only when a test says so (or on close). */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dataDir;
    private ApiTestBed bed;
    private ImageId harbour;
    private ImageId market;

    @BeforeEach
    void setUp(Infrastructure infra) {
        bed = new ApiTestBed(infra, "usage-it", dataDir.resolve("index"));
        // The broker outlives a test: pictures of their own keep each test's totals apart.
        harbour = randomId();
        market = randomId();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void usage_from_two_sites_is_published_and_found_again_after_a_restart() throws Exception {
        try (UsageTracking usage = started("replica-a")) {
            count(usage, harbour, "https://news.example/2026/12/harbour.html", 3);
            count(usage, harbour, "https://www.blog.example/post", 2);
            count(usage, market, "https://news.example/markets", 1);

            assertThat(usage.flush()).isEqualTo(3);
        }

        try (UsageTracking restarted = started("replica-a")) {
            assertThat(counts(restarted.view().of(harbour)))
                    .isEqualTo(Map.of("https://news.example", 3L, "https://www.blog.example", 2L));
            assertThat(counts(restarted.view().of(market))).isEqualTo(Map.of("https://news.example", 1L));

            // Closing publishes what was counted since the last flush, on top of the earlier totals.
            count(restarted, harbour, "https://news.example/again", 4);
        }

        try (UsageTracking again = started("replica-a")) {
            assertThat(counts(again.view().of(harbour)))
                    .isEqualTo(Map.of("https://news.example", 7L, "https://www.blog.example", 2L));
            assertThat(again.view().of(harbour).get(0).site())
                    .as("most recent first").isEqualTo("https://news.example");
        }
    }

    @Test
    void the_totals_of_two_replicas_add_up() throws Exception {
        try (UsageTracking first = started("replica-1"); UsageTracking second = started("replica-2")) {
            assertThat(first.replica()).isNotEqualTo(second.replica());
            count(first, harbour, "https://news.example/a", 5);
            count(second, harbour, "https://news.example/b", 2);
            count(second, harbour, "http://localhost:8080/desk", 1);
            first.flush();
            second.flush();

            // Each replica's view reads the other's totals from the topic.
            await(() -> counts(first.view().of(harbour)).equals(Map.of("https://news.example", 7L, "http://localhost:8080", 1L)));
            await(() -> counts(second.view().of(harbour)).equals(Map.of("https://news.example", 7L, "http://localhost:8080", 1L)));

            count(first, harbour, "https://news.example/a", 1);
            first.flush();
        }
        try (UsageTracking reader = started("replica-3")) {
            assertThat(counts(reader.view().of(harbour))).isEqualTo(Map.of("https://news.example", 8L, "http://localhost:8080", 1L));
        }
    }

    @Test
    void a_flush_kafka_does_not_acknowledge_keeps_its_counts_for_the_next() throws Exception {
        try (UsageTracking usage = started("replica-a")) {
            count(usage, harbour, "https://news.example/a", 3);
            KafkaSettings nowhere = new KafkaSettings("127.0.0.1:" + freePort(), "usage-it-nowhere");
            try (UsageFlusher failing = new UsageFlusher(usage.counter(), usage.view(), KafkaClients.producer(nowhere),
                    usage.replica(), Duration.ofSeconds(2))) {
                assertThat(failing.flush()).isZero();
            }
            assertThat(usage.view().of(harbour)).isEmpty();

            assertThat(usage.flush()).isEqualTo(1);
        }
        try (UsageTracking restarted = started("replica-a")) {
            assertThat(counts(restarted.view().of(harbour))).isEqualTo(Map.of("https://news.example", 3L));
        }
    }

    @Test
    void editors_list_usage_by_site_and_time_as_json_and_csv() throws Exception {
        try (UsageTracking usage = started("replica-a")) {
            count(usage, harbour, "https://www.news.example/a", 2);
            count(usage, market, "https://news.example/b", 1);
            count(usage, market, "https://badnews.example/b", 9);
            usage.flush();
            bed.serve(usage.routes());
            String editor = bed.key(Role.EDITOR);

            HttpResponse<String> listed = bed.get("/v1/usages?site=news.example", editor);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.headers().firstValue("Cache-Control")).hasValue("private, no-store");
            List<JsonNode> ours = ours(json(listed).get("usages"));
            assertThat(ours).extracting(u -> u.get("site").asText() + " " + u.get("count").asLong())
                    .containsExactlyInAnyOrder("https://www.news.example 2", "https://news.example 1");
            assertThat(ours).allSatisfy(u -> assertThat(u.get("firstSeen").asText()).isNotEmpty());

            HttpResponse<String> csv = bed.send(bed.request("/v1/usages?site=news.example", editor).header("Accept", "text/csv"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            List<String> lines = csv.body().lines().toList();
            assertThat(lines.get(0)).isEqualTo("image,site,firstSeen,lastSeen,count");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(harbour + ",https://www.news.example,").endsWith(",2"));
            assertThat(lines).noneSatisfy(l -> assertThat(l).contains("badnews"));

            assertThat(ours(json(bed.get("/v1/usages?site=news.example&since=2999-01-01", editor)).get("usages"))).isEmpty();
            assertThat(ours(json(bed.get("/v1/usages?since=2000-01-01T00:00:00Z", editor)).get("usages"))).hasSize(3);

            JsonNode ofImage = json(bed.get("/v1/images/" + market + "/usages", editor));
            assertThat(ofImage.get("usages")).extracting(u -> u.get("site").asText())
                    .containsExactly("https://badnews.example", "https://news.example");
        }
    }

    @Test
    void usage_is_for_editors_and_refuses_what_it_cannot_read() throws Exception {
        try (UsageTracking usage = started("replica-a")) {
            bed.serve(usage.routes());
            assertThat(bed.get("/v1/usages", null).statusCode()).isEqualTo(401);
            assertThat(bed.get("/v1/usages", bed.key(Role.PHOTOGRAPHER)).statusCode()).isEqualTo(403);
            String editor = bed.key(Role.EDITOR);
            assertThat(json(bed.get("/v1/usages?since=yesterday", editor)).get("error").asText()).isEqualTo("bad-request");
            assertThat(bed.get("/v1/usages?site=" + ApiTestBed.encode("not a host"), editor).statusCode()).isEqualTo(400);
            assertThat(bed.get("/v1/usages?limit=0", editor).statusCode()).isEqualTo(400);
            assertThat(bed.get("/v1/images/not-an-id/usages", editor).statusCode()).isEqualTo(400);
            assertThat(json(bed.get("/v1/images/" + harbour + "/usages", editor)).get("usages")).isEmpty();
        }
    }

    @Test
    void the_api_counts_through_its_counter_and_publishes_on_shutdown() throws Exception {
        bed.startApi();
        await(bed.api()::isReady);
        bed.api().usage().count(harbour, "https://news.example/story", null);
        bed.api().usage().count(harbour, null, "https://news.example");

        bed.restartApi();
        String editor = bed.key(Role.EDITOR);
        await(() -> {
            JsonNode usages = json(bed.get("/v1/images/" + harbour + "/usages", editor)).get("usages");
            return usages.size() == 1 && usages.get(0).get("count").asLong() == 2;
        });
        assertThat(json(bed.get("/v1/images/" + harbour + "/usages", editor)).get("usages").get(0).get("site").asText())
                .isEqualTo("https://news.example");
    }

    /** A tracker whose replica name is kept under {@code name}, started and caught up with the topic. */
    private UsageTracking started(String name) throws InterruptedException {
        UsageTracking usage = new UsageTracking(new UsageConfig(NEVER, 10_000, dataDir.resolve(name)), bed.kafka(), bed.guard());
        usage.start();
        await(usage.view()::isCaughtUp);
        return usage;
    }

    private static void count(UsageTracking usage, ImageId id, String referer, int times) {
        for (int i = 0; i < times; i++) {
            usage.counter().count(id, referer, null);
        }
    }

    private static Map<String, Long> counts(List<Usage> usages) {
        return usages.stream().collect(Collectors.toMap(Usage::site, Usage::count));
    }

    private List<JsonNode> ours(JsonNode usages) {
        List<JsonNode> ours = new java.util.ArrayList<>();
        usages.forEach(u -> {
            String image = u.get("image").asText();
            if (image.equals(harbour.value()) || image.equals(market.value())) {
                ours.add(u);
            }
        });
        return ours;
    }

    private static ImageId randomId() {
        byte[] digest = new byte[32];
        new SecureRandom().nextBytes(digest);
        return new ImageId(HexFormat.of().formatHex(digest));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
