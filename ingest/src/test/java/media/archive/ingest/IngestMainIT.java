package media.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ingest program as an operator runs it: its own JVM, configured by environment variables, stopped by SIGTERM. */
@ExtendWith(RealInfrastructure.class)
@Timeout(120)
class IngestMainIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void serves_health_and_uploads_from_its_environment_and_stops_on_sigterm(Infrastructure infra, @TempDir Path dir)
            throws IOException, InterruptedException {
        int port = freePort();
        String adminKey = "operator-" + UUID.randomUUID();
        Path log = dir.resolve("ingest.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Darchive.log.level=INFO",
                "-cp", System.getProperty("java.class.path"),
                IngestMain.class.getName());
        builder.environment().putAll(infra.environment());
        builder.environment().put("INGEST_HTTP_PORT", Integer.toString(port));
        builder.environment().put("INGEST_TMP_DIR", dir.resolve("spool").toString());
        builder.environment().put("ARCHIVE_ADMIN_KEY", adminKey);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process ingest = builder.start();
        try {
            awaitReady(port, ingest, log);

            HttpResponse<String> upload = upload(port, adminKey);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            // The log line the upload wrote names the request's id, as the answer did.
            String requestId = upload.headers().firstValue("X-Request-Id").orElseThrow();
            awaitLogLine(log, "[" + requestId + "] - image ");
            assertThat(Files.exists(dir.resolve("spool"))).as("spool directory created").isTrue();

            ingest.destroy(); // SIGTERM
            assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(Files.readString(log)).contains("stopping ingest");
        } finally {
            ingest.destroyForcibly();
        }
    }

    private static void awaitLogLine(Path log, String part) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(log).contains(part)) {
            assertThat(System.nanoTime()).as("a log line with %s in:%n%s", part, Files.readString(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void awaitReady(int port, Process ingest, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(ingest.isAlive()).as("ingest is running; its log:%n%s", Files.readString(log)).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    assertThat(health.body()).contains("ready");
                    return;
                }
            } catch (IOException notYet) {
                // The server is not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("ingest did not become ready; its log:\n" + Files.readString(log));
    }

    private HttpResponse<String> upload(int port, String key) throws IOException, InterruptedException {
        String boundary = "boundary-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"getty.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = IngestMainIT.class.getResourceAsStream("/images/getty.jpg")) {
            body.writeBytes(in.readAllBytes());
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/uploads"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
