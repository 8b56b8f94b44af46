package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import media.archive.contracts.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every archive server does to slow and malformed requests, through a real server on port 0. */
@Timeout(30)
class HttpConnectionLimitsTest {
    private Javalin server;

    @BeforeEach
    void start() {
        HttpLimits limits = new HttpLimits(Duration.ofSeconds(2), 4096);
        server = HttpServers.create(List.of(app -> {
            app.post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()));
            app.get("/fine", ctx -> ctx.json(java.util.Map.of("status", "fine")));
            app.get("/broken", ctx -> {
                throw new IllegalStateException("/srv/archive/secret.txt");
            });
        }), List.of(), PublicOrigin.defaults(), limits).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void a_body_trickled_a_byte_at_a_time_is_cut_off_with_408_in_json() throws Exception {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("POST /echo", "Content-Length: 10000\r\n"));
            out.write(new byte[100]);
            out.flush();
            String answer = null;
            for (int i = 0; i < 50 && answer == null; i++) {
                Thread.sleep(200);
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException cutOff) {
                    answer = readAll(socket.getInputStream());
                }
                if (answer == null && socket.getInputStream().available() > 0) {
                    answer = readAll(socket.getInputStream());
                }
            }

            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(json(answer).get("error").asText()).isEqualTo("request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_body_that_never_comes_is_cut_off_after_the_idle_timeout() throws Exception {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head("POST /echo", "Content-Length: 900000\r\n"));
            socket.getOutputStream().write(new byte[10]);
            socket.getOutputStream().flush();

            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(json(answer).get("error").asText()).isEqualTo("request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
        }
    }

    @Test
    void errors_jetty_answers_itself_are_json() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head("GET /fine", "X-Padding: " + "a".repeat(20_000) + "\r\n"));

            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 431");
            assertThat(answer).containsIgnoringCase("Content-Type: application/json");
            assertThat(json(answer).get("error").asText()).isEqualTo("request-header-fields-too-large");
            assertThat(answer).doesNotContainIgnoringCase("jetty").doesNotContain("<");
        }
    }

    @Test
    void every_answer_names_its_request_keeping_a_well_formed_id_the_client_sent() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI fine = URI.create("http://127.0.0.1:" + server.port() + "/fine");
        URI broken = URI.create("http://127.0.0.1:" + server.port() + "/broken");
        URI missing = URI.create("http://127.0.0.1:" + server.port() + "/missing");

        HttpResponse<String> kept = http.send(HttpRequest.newBuilder(fine).header("X-Request-Id", "lb-7f3a9c21-0001").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> replaced = http.send(HttpRequest.newBuilder(fine).header("X-Request-Id", "<script>").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(broken).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(missing).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a9c21-0001");
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{24}"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{24}"));
        assertThat(failed.body()).doesNotContain("/srv").doesNotContain("Exception");
        assertThat(notFound.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(Json.mapper().readTree(notFound.body()).get("error").asText()).isEqualTo("not-found");
    }

    private byte[] head(String requestLine, String extraHeaders) {
        return (requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException reset) {
            // A connection Jetty closed while bytes were unread may end in a reset after the answer.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String answer) throws IOException {
        return Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
}
