package media.archive.api.usage;

import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.encode;
import static media.archive.api.ApiTestBed.fixture;
import static media.archive.api.ApiTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import media.archive.api.ApiTestBed;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.access.Role;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each picture is used, the whole way, on a real Kafka broker and S3 server through a real
 * HTTP server: websites fetch renditions, embeds, pages, oEmbed and a gallery; the counts reach the
 * record, the search and the usage listing, and are still there after a restart and after the index
 * is rebuilt from the topics.
 */
@ExtendWith(RealInfrastructure.class)
class UsedPicturesIT {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ApiTestBed bed;
    private String editor;
    /** A word in every caption of this run, to find its pictures among those of earlier runs on the topics. */
    private final String run = ApiTestBed.token();
    private ImageId harbour;
    private ImageId market;
    private ImageId quiet;

    @BeforeEach
    void setUp(Infrastructure infra) throws Exception {
        bed = new ApiTestBed(infra, "used-pictures-it", dir.resolve("index"));
        bed.flushUsageEvery(Duration.ofSeconds(1));
        editor = bed.key(Role.EDITOR);
        bed.startApi();
        harbour = picture("harbour");
        market = picture("market");
        quiet = picture("quiet");
        await(bed.api()::isReady);
        for (ImageId id : List.of(harbour, market, quiet)) {
            await(() -> bed.get("/v1/images/" + id + "/embed?format=json", null).statusCode() == 200);
        }
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void usage_counted_from_two_sites_is_found_with_used_and_still_there_after_a_restart_and_a_rebuild() throws Exception {
        // given: websites show the pictures, each answer a use
        String rendition = "/v1/images/" + harbour + "/renditions/medium";
        assertThat(get(rendition, "Referer", "https://news.example/2026/12/harbour.html").statusCode()).isEqualTo(200);
        String tag = get(rendition, "Referer", "https://news.example/2026/12/harbour.html").headers().firstValue("ETag").orElseThrow();
        pause();
        HttpResponse<String> revalidated = bed.send(bed.request(rendition, null).header("If-None-Match", tag)
                .header("Referer", "https://www.news.example/front"), HttpResponse.BodyHandlers.ofString());
        assertThat(revalidated.statusCode()).as("a revalidation is a use too").isEqualTo(304);
        pause();
        String page = json(bed.get("/v1/images/" + market + "/embed?format=json", null)).path("page").asText();
        assertThat(get("/oembed?format=json&url=" + encode(page), "Origin", "https://blog.example").statusCode()).isEqualTo(200);
        assertThat(get("/i/" + market, "Referer", "https://blog.example/feed").statusCode()).isEqualTo(200);
        pause();
        String gallery = gallery(harbour, market);
        assertThat(get("/v1/galleries/" + gallery + "/embed", "Referer", "https://magazine.example/story").statusCode()).isEqualTo(200);
        // and: what is no use: the archive's own pages, a refusal, a request naming no site
        String own = "http://127.0.0.1:" + bed.port();
        assertThat(get("/v1/images/" + quiet + "/renditions/medium", "Referer", own + "/").statusCode()).isEqualTo(200);
        assertThat(get("/v1/images/" + quiet + "/embed", "Origin", own).statusCode()).isEqualTo(200);
        assertThat(get("/v1/images/" + quiet + "/renditions/nosuch", "Referer", "https://news.example/").statusCode()).isEqualTo(404);
        assertThat(get("/v1/images/" + quiet + "/renditions/medium", null, null).statusCode()).isEqualTo(200);

        // when: the counts are published (every second here)
        await(() -> usages(harbour).size() == 3 && usages(market).size() == 2);

        // then
        JsonNode counted = usagesAsSeen();
        assertFound();
        assertListed();

        bed.restartApi();
        await(bed.api()::isReady);
        assertThat(usagesAsSeen()).as("after a restart").isEqualTo(counted);
        assertFound();

        bed.stopApi();
        deleteTree(bed.indexDir());
        bed.startApi();
        await(bed.api()::isReady);
        await(() -> "ready".equals(json(bed.get("/v1/images/" + quiet, editor)).path("status").asText()));
        assertThat(usagesAsSeen()).as("after a rebuild of the index from the topics").isEqualTo(counted);
        assertFound();
    }

    /** The usages of the three pictures as their records say, checked for what the sites did. */
    private JsonNode usagesAsSeen() {
        JsonNode ofHarbour = usages(harbour);
        assertThat(ofHarbour).as("most recent first").extracting(u -> u.path("site").asText() + " " + u.path("count").asLong())
                .containsExactly("https://magazine.example 1", "https://www.news.example 1", "https://news.example 2");
        for (JsonNode usage : ofHarbour) {
            assertThat(Instant.parse(usage.path("firstSeen").asText())).isBeforeOrEqualTo(Instant.parse(usage.path("lastSeen").asText()));
        }
        assertThat(usages(market)).extracting(u -> u.path("site").asText() + " " + u.path("count").asLong())
                .containsExactly("https://magazine.example 1", "https://blog.example 2");
        assertThat(usages(quiet)).as("always there, empty when unused").isEmpty();
        return json(bed.get("/v1/images/" + harbour, editor)).path("usages");
    }

    private void assertFound() {
        assertThat(search("used:news.example")).containsExactly(harbour.value());
        assertThat(search("used:https://www.news.example/anything")).containsExactly(harbour.value());
        assertThat(search("used:blog.example")).containsExactly(market.value());
        assertThat(search("used:magazine.example")).containsExactlyInAnyOrder(harbour.value(), market.value());
        assertThat(search("used:ews.example")).isEmpty();
        assertThat(search("is:used")).containsExactlyInAnyOrder(harbour.value(), market.value());
        assertThat(search("is:unused")).containsExactly(quiet.value());
        assertThat(search("-used:news.example")).containsExactlyInAnyOrder(market.value(), quiet.value());
    }

    private void assertListed() {
        JsonNode listed = json(bed.get("/v1/usages?site=news.example", editor)).path("usages");
        List<String> ours = new ArrayList<>();
        listed.forEach(u -> {
            if (u.path("image").asText().equals(harbour.value())) {
                ours.add(u.path("site").asText() + " " + u.path("count").asLong());
            }
        });
        assertThat(ours).containsExactly("https://www.news.example 1", "https://news.example 2");
        HttpResponse<String> csv = bed.send(bed.request("/v1/usages?site=magazine.example", editor).header("Accept", "text/csv"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().lines()).first().isEqualTo("image,site,firstSeen,lastSeen,count");
        assertThat(csv.body().lines()).anySatisfy(l -> assertThat(l).startsWith(harbour + ",https://magazine.example,").endsWith(",1"));
        assertThat(csv.body().lines()).anySatisfy(l -> assertThat(l).startsWith(market + ",https://magazine.example,").endsWith(",1"));
    }

    private JsonNode usages(ImageId id) {
        JsonNode record = json(bed.get("/v1/images/" + id, editor));
        assertThat(record.has("usages")).as("the record of " + id + " carries usages").isTrue();
        return record.path("usages");
    }

    /** The ids this run's query finds. */
    private List<String> search(String query) {
        JsonNode found = json(bed.get("/v1/search?limit=50&q=" + encode(run + " " + query), editor));
        List<String> ids = new ArrayList<>();
        found.path("hits").forEach(hit -> ids.add(hit.path("id").asText()));
        return ids;
    }

    private HttpResponse<String> get(String path, String header, String value) {
        HttpRequest.Builder request = bed.request(path, null);
        if (header != null) {
            request.header(header, value);
        }
        return bed.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A ready picture with a medium rendition in the bucket, its caption naming this run. */
    private ImageId picture(String name) throws Exception {
        ImageId id = Events.id(name + " " + UUID.randomUUID());
        byte[] jpeg = fixture("/images/grid_getty.jpg");
        String key = ObjectKeys.rendition(id, "medium", "jpg");
        bed.store().putBytes(key, jpeg, "image/jpeg");
        bed.publish(Topics.UPLOADED, new ImageUploaded(id, MORNING, "staff photographer", name + ".jpg", "image/jpeg",
                jpeg.length, SuppliedMetadata.NONE));
        bed.publish(Topics.PROCESSED, new ImageProcessed(id, MORNING.plusSeconds(2),
                ImageMetadata.builder().width(640).height(427).description("The " + name + " at dawn, " + run).build(),
                List.of(new Rendition("medium", 640, 427, jpeg.length, "image/jpeg", key))));
        return id;
    }

    /** A gallery of {@code images}, saved by an editor; its id. */
    private String gallery(ImageId... images) throws Exception {
        StringBuilder items = new StringBuilder();
        for (ImageId image : images) {
            items.append(items.length() == 0 ? "" : ",").append("{\"image\":\"").append(image).append("\"}");
        }
        String body = "{\"title\":\"Dawn\",\"language\":\"en\",\"items\":[" + items + "]}";
        HttpResponse<String> made = bed.send(bed.request("/v1/galleries", editor).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = json(made).path("id").asText();
        await(() -> bed.get("/v1/galleries/" + id + "/embed", null).statusCode() == 200);
        return id;
    }

    /** Later uses get a later last sighting: the clock counts milliseconds. */
    private static void pause() throws InterruptedException {
        Thread.sleep(10);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
