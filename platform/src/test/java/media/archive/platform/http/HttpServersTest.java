package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpServersTest {
    /** A domain exception that knows nothing of Javalin. */
    static final class UnreadableThing extends RuntimeException implements RefusedRequest {
        UnreadableThing(String message) {
            super(message);
        }

        @Override
        public int status() {
            return 422;
        }

        @Override
        public String error() {
            return "unreadable";
        }
    }

    @Test
    void a_refused_request_of_the_domain_answers_its_status_and_code_in_json() throws Exception {
        Javalin server = HttpServers.create(List.of(app -> {
            app.get("/refused", ctx -> {
                throw new UnreadableThing("this thing cannot be read");
            });
            app.get("/broken", ctx -> {
                throw new IllegalStateException("secret internals");
            });
        })).start(0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/refused")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> broken = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/broken")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).isEqualTo("{\"error\":\"unreadable\",\"message\":\"this thing cannot be read\"}");
            assertThat(broken.statusCode()).isEqualTo(500);
            assertThat(broken.body()).doesNotContain("secret");
        } finally {
            server.stop();
        }
    }

    @Test
    void a_refusal_with_headers_and_fields_of_its_own_answers_them_after_error_and_message() throws Exception {
        RefusedRequest later = new Later();
        Javalin server = HttpServers.create(List.of(app -> app.get("/later", ctx -> {
            throw (RuntimeException) later;
        }))).start(0);
        try {
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/later")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(refused.body()).isEqualTo("{\"error\":\"later\",\"message\":\"not yet\",\"until\":\"2026-12-04T06:00:00Z\"}");
        } finally {
            server.stop();
        }
    }

    /** A refusal that says when to come back. */
    static final class Later extends RuntimeException implements RefusedRequest {
        Later() {
            super("not yet");
        }

        @Override
        public int status() {
            return 403;
        }

        @Override
        public String error() {
            return "later";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "30", "Cache-Control", "no-store");
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("until", "2026-12-04T06:00:00Z");
        }
    }
}
