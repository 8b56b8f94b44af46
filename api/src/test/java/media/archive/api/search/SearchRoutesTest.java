package media.archive.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import media.archive.api.index.ImageIndex;
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

/**
 * The search routes through a real server on port 0 with the operator's key, which needs no S3.
 * A photographer's own search goes through real S3 in {@code DeskApiIT}.
 */
class SearchRoutesTest {
    private static final String ADMIN_KEY = "operator-key-for-tests";

    @TempDir
    Path dir;
    private ImageIndex index;
    private ObjectStore store;
    private Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        index = ImageIndex.open(dir);
        store = new ObjectStore(new S3Settings("http://127.0.0.1:9", "nobody", "nothing", "no-bucket", "us-east-1"));
        AccessKeys keys = new AccessKeys(store);
        keys.trustBootstrapKey(ADMIN_KEY);
        server = HttpServers.create(List.of(new SearchRoutes(new SearchService(index), new AccessGuard(keys)))).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
        index.close();
    }

    @Test
    void the_help_lists_filters_operators_sorts_and_facets() throws Exception {
        HttpResponse<String> answer = get("/v1/search/help", ADMIN_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode help = Json.mapper().readTree(answer.body());
        JsonNode by = help.get("filters").get(0);
        assertThat(by.get("name").asText()).isEqualTo("by");
        assertThat(by.get("example").asText()).isEqualTo("by:\"Tran Trung\"");
        assertThat(by.has("values")).isFalse();
        assertThat(help.get("operators").get(0).has("syntax")).isTrue();
        assertThat(help.get("sorts").findValuesAsText("name")).containsExactly("relevance", "uploaded", "taken");
        assertThat(help.get("facets").get(0).toString()).isEqualTo("{\"name\":\"creator\",\"label\":\"Creator\",\"filter\":\"by\"}");
        assertThat(answer.body()).contains("\"name\":\"is\"", "\"value\":\"ai-generated\"");
    }

    @Test
    void help_and_suggestions_need_a_key() throws Exception {
        assertThat(get("/v1/search/help", null).statusCode()).isEqualTo(401);
        assertThat(get("/v1/search/suggest?field=by&prefix=t", null).statusCode()).isEqualTo(401);
    }

    @Test
    void suggestions_answer_the_field_and_its_values() throws Exception {
        HttpResponse<String> answer = get("/v1/search/suggest?field=by&prefix=tr&limit=5", ADMIN_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"field\":\"by\",\"values\":[]}");
    }

    @Test
    void a_bad_field_is_a_json_400_listing_the_valid_ones() throws Exception {
        HttpResponse<String> answer = get("/v1/search/suggest?field=colour&prefix=r", ADMIN_KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = Json.mapper().readTree(answer.body());
        assertThat(error.get("error").asText()).isEqualTo("bad-request");
        assertThat(error.get("message").asText()).contains("by, credit, source, keyword, country, camera, taken");
    }

    @Test
    void a_query_that_does_not_parse_is_a_json_400_saying_where() throws Exception {
        HttpResponse<String> answer = get("/v1/search?q=%22open", ADMIN_KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(answer.body()).get("message").asText()).contains("position 1");
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
