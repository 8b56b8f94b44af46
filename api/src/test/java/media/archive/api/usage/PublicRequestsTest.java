package media.archive.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import media.archive.contracts.ImageId;
import media.archive.platform.http.HttpServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a public route's report counts, through a real server: the request's site, never the archive's own. */
class PublicRequestsTest {
    private static final ImageId HARBOUR = new ImageId("a".repeat(64));

    private final UsageCounter counter = new UsageCounter(Clock.systemUTC(), 1000);
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin server;

    @BeforeEach
    void serve() {
        ServedTo servedTo = new PublicRequests(counter);
        server = HttpServers.create(List.of(app -> app.get("/picture", ctx -> {
            ctx.result("picture");
            servedTo.served(ctx, HARBOUR);
        }))).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void counts_the_site_of_the_referer_else_of_the_origin() throws Exception {
        get("Referer", "https://news.example/2026/12/harbour.html");
        get("Origin", "https://blog.example");
        get("Referer", "https://news.example/other");

        assertThat(sites()).isEqualTo(Map.of("https://news.example", 2L, "https://blog.example", 1L));
    }

    @Test
    void the_archives_own_pages_and_requests_naming_no_site_are_not_counted() throws Exception {
        get("Referer", "http://127.0.0.1:" + server.port() + "/i/" + HARBOUR);
        get("Origin", "http://127.0.0.1:" + server.port());
        get(null, null);
        get("Referer", "about:blank");

        assertThat(counter.pending()).isEmpty();
    }

    @Test
    void the_same_host_on_another_port_is_another_site() throws Exception {
        get("Referer", "http://127.0.0.1:1/page");

        assertThat(sites()).isEqualTo(Map.of("http://127.0.0.1:1", 1L));
    }

    private void get(String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/picture"));
        if (header != null) {
            request.header(header, value);
        }
        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private Map<String, Long> sites() {
        return counter.pending().stream().collect(Collectors.toMap(p -> p.pair().site(), UsageCounter.Pending::hits));
    }
}
