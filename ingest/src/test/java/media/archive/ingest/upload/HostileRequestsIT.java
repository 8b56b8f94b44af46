package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import media.archive.contracts.Json;
import media.archive.ingest.Ingest;
import media.archive.ingest.IngestConfig;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.Role;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpLimits;
import media.archive.platform.http.HttpServers;
import media.archive.platform.http.PublicOrigin;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Requests no photographer's client sends, written byte by byte to a real ingest server with a 2 s idle timeout. */
@ExtendWith(RealInfrastructure.class)
@Timeout(60)
class HostileRequestsIT {
    @TempDir
    static Path spool;

    private static ObjectStore store;
    private static KafkaProducer<String, byte[]> producer;
    private static Ingest ingest;
    private static Javalin server;
    private static String key;

    @BeforeAll
    static void start(Infrastructure infra) {
        Settings settings = Settings.of(infra.environment());
        KafkaSettings kafka = KafkaSettings.from(settings, "hostile-requests-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        AccessKeys keys = new AccessKeys(store);
        key = keys.issue("Tran Trung", Role.PHOTOGRAPHER).key();
        producer = KafkaClients.producer(kafka);
        ingest = new Ingest(new IngestConfig(0, 200L * 1024 * 1024, spool, Duration.ofSeconds(9)), store, producer, kafka,
                new AccessGuard(keys));
        server = HttpServers.create(List.of(ingest.routes()), List.of(), PublicOrigin.defaults(),
                new HttpLimits(Duration.ofSeconds(2), HttpLimits.DEFAULT_MIN_REQUEST_BYTES_PER_SECOND)).start(0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
            ingest.close();
            producer.close(Duration.ofSeconds(5));
            store.close();
        }
    }

    @AfterEach
    void no_upload_is_left_on_disk() throws IOException {
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void a_multipart_body_without_a_boundary_is_400_in_json() throws IOException {
        String answer = exchange("multipart/form-data", 40, "--\r\nContent-Disposition: form-data\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(answer).startsWith("HTTP/1.1 400");
        JsonNode body = json(answer);
        assertThat(body.get("error").asText()).isEqualTo("bad-request");
        assertThat(body.get("message").asText()).contains("boundary").doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void a_5_gb_content_length_is_refused_at_once_with_413() throws IOException {
        long start = System.nanoTime();
        MultipartBody form = new MultipartBody().fileHeader("file", "huge.jpg", "image/jpeg");

        String answer = exchange(form.contentType(), 5L * 1024 * 1024 * 1024, form.soFar());

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(json(answer).get("error").asText()).isEqualTo("too-large");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_body_that_stops_coming_is_cut_off_with_408_after_the_idle_timeout_and_nothing_is_kept() throws IOException {
        long start = System.nanoTime();
        MultipartBody form = new MultipartBody().fileHeader("file", "stalled.jpg", "image/jpeg");

        String answer = exchange(form.contentType(), 10L * 1024 * 1024, form.soFar());

        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(answer).containsIgnoringCase("X-Request-Id: ");
        assertThat(json(answer).get("error").asText()).isEqualTo("request-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
    }

    /** Sends an upload's head promising {@code length} bytes and then only {@code body}; reads the answer. */
    private static String exchange(String contentType, long length, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            String head = "POST /v1/uploads HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Authorization: Bearer " + key + "\r\n"
                    + "Content-Type: " + contentType + "\r\n"
                    + "Content-Length: " + length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException reset) {
            // A connection closed with bytes unread may end in a reset after the answer.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String answer) throws IOException {
        return Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
}
