package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import media.archive.testkit.SlowClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 400 uploads whose bodies trickle in a byte at a time, from ten keys, against ingest with its
 * default limits: health and a picture served from S3 by the same server keep answering within a
 * second, every slow upload ends with a clear answer, and a normal upload then succeeds.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(90)
class SlowUploadsIT {
    private static final int SLOW_UPLOADS = 400;
    private static final int KEYS = 10;
    private static final Duration BUDGET = Duration.ofSeconds(1);

    @TempDir
    Path spool;

    @Test
    void health_and_serving_answer_within_a_second_while_400_slow_uploads_are_shed(Infrastructure infra) throws Exception {
        Settings settings = Settings.of(infra.environment());
        KafkaSettings kafka = KafkaSettings.from(settings, "slow-uploads-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        byte[] getty;
        try (InputStream in = SlowUploadsIT.class.getResourceAsStream("/images/getty.jpg")) {
            getty = in.readAllBytes();
        }
        try (ObjectStore store = new ObjectStore(S3Settings.from(settings));
             KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka)) {
            store.ensureBucket();
            store.putBytes("test/rendition.jpg", getty, "image/jpeg");
            AccessKeys keys = new AccessKeys(store);
            List<String> slowKeys = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                slowKeys.add(keys.issue("slow sender " + i, Role.PHOTOGRAPHER).key());
            }
            String photographer = keys.issue("Patient Photographer", Role.PHOTOGRAPHER).key();
            try (Ingest ingest = new Ingest(new IngestConfig(0, 1024 * 1024, spool, Duration.ofSeconds(9)), store, producer,
                    kafka, new AccessGuard(keys))) {
                Routes health = app -> app.get("/health/ready", ctx -> ctx.json(Map.of("status", "ready")));
                // Stands for the api's renditions, which share the server in the one-process archive.
                Routes rendition = app -> app.get("/rendition", ctx ->
                        ctx.contentType("image/jpeg").result(store.readAll("test/rendition.jpg").orElseThrow()));
                Javalin server = HttpServers.create(List.of(ingest.routes(), health, rendition), List.of(),
                        PublicOrigin.defaults(), HttpLimits.defaults()).start(0);
                try {
                    run(server.port(), slowKeys, photographer, getty);
                } finally {
                    server.stop();
                }
            }
        }
    }

    private void run(int port, List<String> slowKeys, String photographer, byte[] getty) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        MultipartBody form = new MultipartBody().fileHeader("file", "slow.jpg", "image/jpeg");
        byte[] preamble = form.soFar();
        // Warm: the first requests of a JVM pay for class loading, not for the slow uploads.
        for (int i = 0; i < 20; i++) {
            timed(http, URI.create("http://127.0.0.1:" + port + "/health/ready"));
            timed(http, URI.create("http://127.0.0.1:" + port + "/rendition"));
        }
        long started = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> outcomes;
        // Half of them from one key, which meets its own limit (429); the rest from nine others,
        // which together meet ingest's (503).
        try (SlowClients slow = SlowClients.open(port, SLOW_UPLOADS, i -> start(port,
                slowKeys.get(i % 2 == 0 ? 0 : 1 + i % (KEYS - 1)), form.contentType(),
                preamble, getty), Duration.ofMillis(250))) {
            long opened = System.nanoTime();
            // Probe for as long as any slow upload is open, and at least five seconds.
            while (System.nanoTime() - opened < Duration.ofSeconds(5).toNanos()
                    || slow.outcomes().containsKey("open") && System.nanoTime() - opened < Duration.ofSeconds(30).toNanos()) {
                for (String path : List.of("/health/ready", "/rendition")) {
                    long took = timed(http, URI.create("http://127.0.0.1:" + port + path));
                    latencies.add(took);
                    if (took > Duration.ofMillis(250).toNanos()) {
                        System.out.printf("%s took %d ms, %d ms after the slow uploads opened%n", path,
                                Duration.ofNanos(took).toMillis(), Duration.ofNanos(System.nanoTime() - opened).toMillis());
                    }
                }
                Thread.sleep(100);
            }
            assertThat(slow.awaitAllEnded(Duration.ofSeconds(5))).as("every slow upload ended: %s", slow.outcomes()).isTrue();
            outcomes = slow.outcomes();
        }
        long ended = System.nanoTime();
        long worst = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
        long median = latencies.stream().sorted().toList().get(latencies.size() / 2);
        System.out.printf("%d slow uploads: %s in %d ms; %d probes, median %d ms, slowest %d ms%n", SLOW_UPLOADS, outcomes,
                Duration.ofNanos(ended - started).toMillis(), latencies.size(), Duration.ofNanos(median).toMillis(),
                Duration.ofNanos(worst).toMillis());

        assertThat(Duration.ofNanos(worst)).as("slowest answer of health or a rendition").isLessThan(BUDGET);
        // Refused at once when over the limits (503 in all, 429 per key), cut off by the data rate
        // once admitted (408, or the connection closed after it); never accepted, never left waiting.
        assertThat(outcomes.keySet()).isSubsetOf("408", "429", "503", "closed");
        // A slot freed by a cut-off upload goes to a later one, so more than the limit may be admitted in all.
        assertThat(outcomes.get("429")).as("refused for their key").isPositive();
        assertThat(outcomes.get("503")).as("refused for ingest as a whole").isPositive();
        assertThat(outcomes.getOrDefault("408", 0) + outcomes.getOrDefault("closed", 0)).as("cut off")
                .isGreaterThanOrEqualTo(UploadOptions.DEFAULT_MAX_CONCURRENT_UPLOADS);

        byte[] jpeg = Arrays.copyOf(getty, getty.length + 8);
        jpeg[getty.length] = (byte) System.nanoTime();
        MultipartBody whole = new MultipartBody().file("file", "patient.jpg", "image/jpeg", jpeg);
        HttpResponse<String> normal = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/uploads"))
                .header("Authorization", "Bearer " + photographer).header("Content-Type", whole.contentType())
                .POST(BodyPublishers.ofByteArray(whole.bytes())).timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(202);
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("spooled files of the slow uploads").isEmpty();
        }
    }

    /** The head of an upload promising 200 KB, the form's first lines and the start of a JPEG. */
    private static byte[] start(int port, String key, String contentType, byte[] preamble, byte[] jpeg) {
        String head = "POST /v1/uploads HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + key + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: 200000\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + preamble.length + 200);
        System.arraycopy(preamble, 0, all, headBytes.length, preamble.length);
        System.arraycopy(jpeg, 0, all, headBytes.length + preamble.length, 200);
        return all;
    }

    private static long timed(HttpClient http, URI uri) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                BodyHandlers.ofByteArray());
        long took = System.nanoTime() - start;
        assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
        return took;
    }
}
