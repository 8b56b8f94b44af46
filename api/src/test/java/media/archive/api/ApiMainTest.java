package media.archive.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import media.archive.platform.http.HttpServers;
import org.junit.jupiter.api.Test;

class ApiMainTest {
    @Test
    void readiness_is_503_until_the_index_caught_up_then_200() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        Javalin server = HttpServers.create(List.of(ApiMain.readiness(ready::get))).start(0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build();

            HttpResponse<String> starting = http.send(request, HttpResponse.BodyHandlers.ofString());
            ready.set(true);
            HttpResponse<String> caughtUp = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("\"status\":\"starting\"");
            assertThat(caughtUp.statusCode()).isEqualTo(200);
            assertThat(caughtUp.body()).isEqualTo("{\"status\":\"ready\"}");
        } finally {
            server.stop();
        }
    }
}
