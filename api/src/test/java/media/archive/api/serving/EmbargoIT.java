package media.archive.api.serving;

import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.encode;
import static media.archive.api.ApiTestBed.fixture;
import static media.archive.api.ApiTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
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
 * Embargoes and withheld pictures on a real Kafka broker and S3 server, through a real HTTP
 * server: every public route refuses, conditional requests included, and serves again the moment
 * the picture is free, with no restart; editors keep seeing and finding them.
 */
@ExtendWith(RealInfrastructure.class)
class EmbargoIT {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ApiTestBed bed;
    private String editorKey;
    private ImageId id;
    /** The public routes of the picture, as a website asks for them. */
    private List<String> routes;
    private String renditionTag;

    @BeforeEach
    void setUp(Infrastructure infra) throws Exception {
        bed = new ApiTestBed(infra, "embargo-it", dir.resolve("index"));
        editorKey = bed.issue("picture desk " + ApiTestBed.token(), Role.EDITOR);
        bed.startApi();
        await(bed.api()::isReady);

        id = Events.id("embargo " + UUID.randomUUID());
        byte[] jpeg = fixture("/images/grid_getty.jpg");
        bed.store().putBytes(ObjectKeys.rendition(id, "medium", "jpg"), jpeg, "image/jpeg");
        bed.publish(Topics.UPLOADED, new ImageUploaded(id, MORNING, "staff photographer", "summit.jpg", "image/jpeg",
                jpeg.length, SuppliedMetadata.NONE));
        bed.publish(Topics.PROCESSED, new ImageProcessed(id, MORNING.plusSeconds(2),
                ImageMetadata.builder().width(640).height(427).creator(List.of("Trần Trung"))
                        .description("Delegates arrive at the summit").build(),
                List.of(new Rendition("medium", 640, 427, jpeg.length, "image/jpeg", ObjectKeys.rendition(id, "medium", "jpg")))));
        await(() -> bed.get("/v1/images/" + id + "/embed?format=json", null).statusCode() == 200);
        String page = json(bed.get("/v1/images/" + id + "/embed?format=json", null)).path("page").asText();
        String rendition = "/v1/images/" + id + "/renditions/medium";
        routes = List.of(rendition, rendition + "?w=320", rendition + "?download=1", "/v1/images/" + id + "/embed",
                "/i/" + id, "/oembed?format=json&url=" + encode(page));
        for (String route : routes) {
            assertThat(bed.get(route, null).statusCode()).as("free: " + route).isEqualTo(200);
        }
        renditionTag = bed.getBytes(rendition, null).headers().firstValue("ETag").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void an_embargo_a_few_seconds_ahead_refuses_every_public_route_then_they_serve_it_without_a_restart() throws Exception {
        String galleryEmbed = "/v1/galleries/" + gallery() + "/embed";
        Instant until = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> set = bed.patch("/v1/images/" + id, "{\"embargoUntil\":\"" + until + "\"}", null, editorKey);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(202);
        await(() -> bed.get(routes.get(0), null).statusCode() == 403);

        for (String route : routes) {
            HttpResponse<String> refused = bed.get(route, null);
            assertThat(refused.statusCode()).as(route).isEqualTo(403);
            assertThat(refused.headers().firstValue("Cache-Control")).as(route).hasValue("no-store");
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).as(route).isBetween(1L, 9L);
            assertThat(json(refused).path("error").asText()).isEqualTo("embargoed");
            assertThat(json(refused).path("until").asText()).isEqualTo(until.toString());
        }
        HttpResponse<String> conditional = bed.send(bed.request(routes.get(0), null).header("If-None-Match", renditionTag),
                HttpResponse.BodyHandlers.ofString());
        assertThat(conditional.statusCode()).as("a tag seen before gets the refusal, not a 304").isEqualTo(403);
        assertThat(json(bed.get("/v1/images/" + id, editorKey)).path("embargoUntil").asText()).isEqualTo(until.toString());
        assertThat(json(bed.get("/v1/search?q=" + encode("is:embargoed"), editorKey)).path("hits").toString()).contains(id.value());
        HttpResponse<String> galleryWithout = bed.get(galleryEmbed, null);
        assertThat(galleryWithout.body()).doesNotContain("/v1/images/" + id + "/");
        long galleryMaxAge = Long.parseLong(galleryWithout.headers().firstValue("Cache-Control").orElseThrow()
                .replace("public, max-age=", ""));
        assertThat(galleryMaxAge).as("cached no longer than the embargo lasts").isBetween(1L, 9L);

        while (Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        for (String route : routes) {
            assertThat(bed.get(route, null).statusCode()).as("after the embargo: " + route).isEqualTo(200);
        }
        assertThat(json(bed.get("/v1/search?q=" + encode("is:embargoed"), editorKey)).path("hits").toString())
                .doesNotContain(id.value());
        HttpResponse<String> galleryWith = bed.get(galleryEmbed, null);
        assertThat(galleryWith.body()).contains("/v1/images/" + id + "/");
        assertThat(galleryWith.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    }

    @Test
    void a_withheld_picture_answers_451_to_every_public_route_without_its_reason_until_an_editor_releases_it() throws Exception {
        String gallery = gallery();
        List<String> galleryRoutes = List.of("/v1/galleries/" + gallery + "/embed", "/g/" + gallery);
        await(() -> bed.get(galleryRoutes.get(0), null).body().contains("/v1/images/" + id + "/"));
        HttpResponse<String> withhold = bed.patch("/v1/images/" + id, "{\"withheld\":\"court order 2026/114\"}", null, editorKey);
        assertThat(withhold.statusCode()).as(withhold.body()).isEqualTo(202);
        await(() -> bed.get(routes.get(0), null).statusCode() == 451);

        for (String route : routes) {
            HttpResponse<String> refused = bed.get(route, null);
            assertThat(refused.statusCode()).as(route).isEqualTo(451);
            assertThat(refused.headers().firstValue("Cache-Control")).as(route).hasValue("no-store");
            assertThat(json(refused).path("error").asText()).isEqualTo("withheld");
            assertThat(refused.body()).as(route).doesNotContain("court");
        }
        HttpResponse<String> conditional = bed.send(bed.request(routes.get(0), null).header("If-None-Match", renditionTag),
                HttpResponse.BodyHandlers.ofString());
        assertThat(conditional.statusCode()).isEqualTo(451);
        for (String route : galleryRoutes) {
            HttpResponse<String> without = bed.get(route, null);
            assertThat(without.statusCode()).as(route).isEqualTo(200);
            assertThat(without.body()).as("the gallery leaves it out: " + route).doesNotContain("/v1/images/" + id + "/");
        }
        JsonNode record = json(bed.get("/v1/images/" + id, editorKey));
        assertThat(record.path("withheld").asText()).isEqualTo("court order 2026/114");
        assertThat(json(bed.get("/v1/search?q=" + encode("is:withheld"), editorKey)).path("hits").toString()).contains(id.value());

        HttpResponse<String> release = bed.patch("/v1/images/" + id, "{\"withheld\":null}", null, editorKey);
        assertThat(release.statusCode()).as(release.body()).isEqualTo(202);
        await(() -> bed.get(routes.get(0), null).statusCode() == 200);
        for (String route : routes) {
            assertThat(bed.get(route, null).statusCode()).as("released: " + route).isEqualTo(200);
        }
        for (String route : galleryRoutes) {
            assertThat(bed.get(route, null).body()).as("the gallery has it back: " + route).contains("/v1/images/" + id + "/");
        }
        assertThat(json(bed.get("/v1/search?q=" + encode("is:withheld"), editorKey)).path("hits").toString())
                .doesNotContain(id.value());
    }

    @Test
    void an_embargo_that_is_not_an_instant_is_refused_naming_the_field() {
        HttpResponse<String> refused = bed.patch("/v1/images/" + id, "{\"embargoUntil\":\"tomorrow at six\"}", null, editorKey);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).path("field").asText()).isEqualTo("embargoUntil");
    }

    /** A gallery of the picture, made by an editor; its id. */
    private String gallery() {
        HttpResponse<String> made = bed.send(bed.request("/v1/galleries", editorKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Summit\",\"language\":\"en\",\"items\":[{\"image\":\""
                                + id + "\"}]}")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return json(made).path("id").asText();
    }
}
