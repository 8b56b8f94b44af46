package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Static files through a real server on port 0, beside routes. */
class StaticFilesTest {
    private static final String POLICY = "default-src 'none'; script-src 'self'";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Javalin server;

    @BeforeAll
    static void start() {
        Routes api = app -> app.get("/v1/echo", ctx -> ctx.json(Map.of("from", "route")));
        StaticFiles page = new StaticFiles("/static-test", "/",
                Map.of("Content-Security-Policy", POLICY, "X-Content-Type-Options", "nosniff"));
        server = HttpServers.create(List.of(api), List.of(page)).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void the_root_answers_the_folders_index_page_with_the_policy() throws Exception {
        HttpResponse<String> root = get("/");

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("<title>Test page</title>");
        assertThat(root.headers().firstValue("Content-Type").map(StaticFilesTest::spaced)).hasValue("text/html; charset=utf-8");
        assertThat(root.headers().firstValue("Content-Security-Policy")).hasValue(POLICY);
        assertThat(root.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void every_file_answers_with_its_content_type_and_the_headers() throws Exception {
        Map<String, String> types = Map.of(
                "/index.html", "text/html; charset=utf-8",
                "/scripts/page.js", "text/javascript; charset=utf-8",
                "/page.css", "text/css; charset=utf-8",
                "/mark.svg", "image/svg+xml; charset=utf-8");
        for (Map.Entry<String, String> file : types.entrySet()) {
            HttpResponse<String> answer = get(file.getKey());

            assertThat(answer.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(file.getKey()).hasValueSatisfying(
                    type -> assertThat(spaced(type)).isEqualTo(file.getValue()));
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(file.getKey()).hasValue(POLICY);
            assertThat(answer.headers().firstValue("Cache-Control")).as(file.getKey()).hasValue("no-cache");
        }
    }

    @Test
    void an_unchanged_file_revalidates_with_304() throws Exception {
        HttpResponse<String> first = get("/scripts/page.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = HTTP.send(request("/scripts/page.js").header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> stale = HTTP.send(request("/scripts/page.js").header("If-None-Match", "\"other\"").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("greeting");
    }

    @Test
    void routes_win_over_files_of_the_same_path() throws Exception {
        HttpResponse<String> echo = get("/v1/echo");

        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("{\"from\":\"route\"}");
    }

    @Test
    void an_unknown_api_path_still_answers_the_json_404() throws Exception {
        HttpResponse<String> missing = get("/v1/nothing-here");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(missing.body()).contains("\"error\":\"not-found\"");
    }

    @Test
    void a_missing_file_or_a_path_out_of_the_folder_is_not_found() throws Exception {
        assertThat(get("/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/../simplelogger.properties").statusCode()).isIn(400, 404);
        assertThat(get("/%2e%2e/simplelogger.properties").statusCode()).isIn(400, 404);
    }

    @Test
    void cache_control_is_not_left_to_the_caller() {
        assertThatThrownBy(() -> new StaticFiles("/static-test", "/", Map.of("cache-control", "max-age=600")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A content type with one space after its semicolon, as Jetty writes it without. */
    private static String spaced(String contentType) {
        return contentType.replace(";charset=", "; charset=").toLowerCase();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    }
}
