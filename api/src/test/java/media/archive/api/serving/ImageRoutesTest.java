package media.archive.api.serving;

import static media.archive.api.index.Events.failed;
import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.api.search.SearchRoutes;
import media.archive.api.search.SearchService;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.config.S3Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routes through a real server on port 0, with a real index and an S3 endpoint where
 * nothing listens: whatever answers here did not need S3 (a request that touched it would be a
 * 503). Streaming renditions from S3 is tested in {@code ApiIT}.
 */
class ImageRoutesTest {
    private static final String ADMIN_KEY = "operator-key-for-tests";
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private ObjectStore store;
    private Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
        store = new ObjectStore(new S3Settings("http://127.0.0.1:9", "nobody", "nothing", "no-bucket", "us-east-1"));
        AccessKeys keys = new AccessKeys(store);
        // The operator's key is checked without S3.
        keys.trustBootstrapKey(ADMIN_KEY);
        ImageRoutes routes = new ImageRoutes(index, new AccessGuard(keys));
        SearchRoutes search = new SearchRoutes(new SearchService(index), new AccessGuard(keys));
        RenditionRoutes renditions = new RenditionRoutes(new PublishedImages(index), store, new AccessGuard(keys), ServingConfig.defaults());
        server = HttpServers.create(List.of(routes, search, renditions)).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
        index.close();
    }

    @Test
    void an_editor_gets_the_record_of_a_ready_image() throws Exception {
        ImageId id = id("ready");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Trần Trung").build()));

        HttpResponse<String> response = get("/v1/images/" + id, ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode record = json(response);
        assertThat(record.get("id").asText()).isEqualTo(id.value());
        assertThat(record.get("status").asText()).isEqualTo("ready");
        assertThat(record.get("creator").get(0).asText()).isEqualTo("Trần Trung");
        assertThat(record.get("uploadedAt").asText()).isEqualTo("2025-10-25T08:00:00Z");
        assertThat(record.get("usages").isArray()).as("usages are always there").isTrue();
        assertThat(record.get("usages")).as("used nowhere").isEmpty();
    }

    @Test
    void a_failed_image_has_its_failure_reason() throws Exception {
        ImageId id = id("failed");
        feeder.feed(uploaded(id, MORNING), failed(id));

        JsonNode record = json(get("/v1/images/" + id, ADMIN_KEY));

        assertThat(record.get("status").asText()).isEqualTo("failed");
        assertThat(record.get("failure").get("reason").asText()).isEqualTo("undecodable");
    }

    @Test
    void an_unknown_image_is_a_json_404() throws Exception {
        HttpResponse<String> response = get("/v1/images/" + id("unknown"), ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "..%2F..%2Fetc",
            "0000000000000000000000000000000000000000000000000000000000000000a", "%2e%2e"})
    void a_malformed_id_is_a_400_without_looking_anything_up(String id) throws Exception {
        HttpResponse<String> record = get("/v1/images/" + id, null);
        HttpResponse<String> rendition = get("/v1/images/" + id + "/renditions/thumb", null);

        assertThat(record.statusCode()).isEqualTo(400);
        assertThat(json(record).get("error").asText()).isEqualTo("bad-request");
        assertThat(rendition.statusCode()).isEqualTo(400);
    }

    @Test
    void records_and_search_need_a_key() throws Exception {
        HttpResponse<String> record = get("/v1/images/" + id("any"), null);
        HttpResponse<String> search = get("/v1/search?q=x", "not-a-key");

        assertThat(record.statusCode()).isEqualTo(401);
        assertThat(record.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(search.statusCode()).isEqualTo(401);
    }

    @Test
    void search_answers_total_hits_and_a_cursor_to_the_next_page() throws Exception {
        for (int i = 0; i < 3; i++) {
            ImageId id = id("search-" + i);
            feeder.feed(uploaded(id, MORNING.plusSeconds(i)), processed(id, metadata().creator("Trần Trung").build()));
        }

        JsonNode first = json(get("/v1/search?q=" + encode("tran trung") + "&limit=2", ADMIN_KEY));
        JsonNode second = json(get("/v1/search?q=" + encode("tran trung") + "&limit=2&cursor=" + first.get("next").asText(), ADMIN_KEY));

        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("hits")).hasSize(2);
        assertThat(second.get("hits")).hasSize(1);
        assertThat(second.has("next")).isFalse();
    }

    @Test
    void search_without_q_lists_the_newest_uploads_first() throws Exception {
        ImageId older = id("older");
        ImageId newer = id("newer");
        feeder.feed(uploaded(older, MORNING), uploaded(newer, MORNING.plusSeconds(60)));

        JsonNode results = json(get("/v1/search", ADMIN_KEY));

        assertThat(results.get("hits").get(0).get("id").asText()).isEqualTo(newer.value());
        assertThat(results.get("hits").get(1).get("id").asText()).isEqualTo(older.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=500", "limit=ten", "cursor=garbage", "q=x&cursor=AQ"})
    void a_bad_limit_or_cursor_is_a_400(String parameters) throws Exception {
        HttpResponse<String> response = get("/v1/search?" + parameters, ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "\\", "%", "<script>", "x AND ("})
    void hostile_query_text_gets_an_answer(String query) throws Exception {
        assertThat(get("/v1/search?q=" + encode(query), ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "*:*", "title:x AND (", "taken:2025-02-30", "x OR"})
    void a_malformed_query_is_a_400_saying_where(String query) throws Exception {
        HttpResponse<String> response = get("/v1/search?q=" + encode(query), ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("position").doesNotContain("Exception").doesNotContain("at media.");
    }

    @Test
    void a_rendition_of_an_image_still_processing_is_a_404() throws Exception {
        ImageId id = id("processing");
        feeder.feed(uploaded(id, MORNING));

        HttpResponse<String> response = get("/v1/images/" + id + "/renditions/thumb", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void an_unknown_rendition_name_is_a_404_and_a_malformed_one_a_400() throws Exception {
        ImageId id = id("named");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));

        assertThat(get("/v1/images/" + id + "/renditions/poster", null).statusCode()).isEqualTo(404);
        assertThat(get("/v1/images/" + id + "/renditions/THUMB", null).statusCode()).isEqualTo(400);
        assertThat(get("/v1/images/" + id("nobody") + "/renditions/thumb", null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_cached_rendition_is_confirmed_with_304_without_reading_s3() throws Exception {
        ImageId id = id("cached");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));
        String version = RenditionRights.version(index.find(id).orElseThrow());
        String tag = "\"" + id + "-thumb-" + version + "\"";

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v1/images/" + id + "/renditions/thumb?v=" + version))
                .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.headers().firstValue("ETag")).hasValue(tag);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void a_rendition_whose_bytes_cannot_be_read_is_a_503_that_caches_do_not_keep() throws Exception {
        ImageId id = id("unreachable");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));

        HttpResponse<String> response = get("/v1/images/" + id + "/renditions/thumb", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
