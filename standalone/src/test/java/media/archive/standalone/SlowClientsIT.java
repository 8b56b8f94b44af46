package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import media.archive.testkit.SlowClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole archive in one process, one server, while 400 uploads trickle in a byte at a time:
 * the api's search and renditions and the health check keep answering within a second, because
 * the limits of ingest and of the server hold for every route the process serves.
 */
@Timeout(180)
class SlowClientsIT {
    private static final int SLOW_UPLOADS = 400;
    private static final Duration BUDGET = Duration.ofSeconds(1);

    @Test
    void search_renditions_and_health_answer_within_a_second_while_400_slow_uploads_are_open(@TempDir Path data)
            throws Exception {
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String admin = archive.generatedAdminKey().orElseThrow();
            String photographer = key(client, admin, "Julie Doe", "photographer");
            String editor = key(client, admin, "Picture desk", "editor");
            List<String> slowKeys = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                slowKeys.add(key(client, admin, "Slow sender " + i, "photographer"));
            }
            byte[] photo = fixture("photos/agency-photographer-example.jpg");
            String id = client.upload(photographer, "lincoln.jpg", photo, Map.of()).json().get("id").asText();
            waitFor(() -> client.get("/v1/images/" + id, editor).json(), r -> "ready".equals(r.path("status").asText()));
            List<String> probes = List.of("/health/ready", "/v1/search?q=julie", "/v1/images/" + id + "/renditions/thumb");
            for (int i = 0; i < 10; i++) {
                probes.forEach(path -> client.get(path, editor));
            }

            String boundary = "----slow-" + UUID.randomUUID();
            byte[] preamble = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            List<Long> latencies = new ArrayList<>();
            Map<String, Integer> outcomes;
            try (SlowClients slow = SlowClients.open(archive.port(), SLOW_UPLOADS, i -> uploadStart(archive.port(),
                    slowKeys.get(i % slowKeys.size()), boundary, preamble, photo), Duration.ofMillis(250))) {
                long opened = System.nanoTime();
                while (System.nanoTime() - opened < Duration.ofSeconds(5).toNanos()
                        || slow.outcomes().containsKey("open") && System.nanoTime() - opened < Duration.ofSeconds(30).toNanos()) {
                    for (String path : probes) {
                        long begin = System.nanoTime();
                        ArchiveClient.Answer answer = client.get(path, editor);
                        long took = System.nanoTime() - begin;
                        assertThat(answer.status()).as(path).isEqualTo(200);
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
            long worst = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
            long median = latencies.stream().sorted().toList().get(latencies.size() / 2);
            System.out.printf("one process, %d slow uploads: %s; %d probes of health, search and a rendition, median %d ms,"
                    + " slowest %d ms%n", SLOW_UPLOADS, outcomes, latencies.size(), Duration.ofNanos(median).toMillis(),
                    Duration.ofNanos(worst).toMillis());

            assertThat(Duration.ofNanos(worst)).as("slowest answer of health, search or a rendition").isLessThan(BUDGET);
            assertThat(outcomes.keySet()).isSubsetOf("408", "429", "503", "closed");
            byte[] another = Arrays.copyOf(photo, photo.length + 8);
            another[photo.length] = 1;
            ArchiveClient.Answer normal = client.upload(photographer, "after.jpg", another, Map.of());
            assertThat(normal.status()).as(new String(normal.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        }
    }

    private static String key(ArchiveClient client, String admin, String name, String role) {
        return client.postJson("/v1/keys", admin, Map.of("name", name, "role", role)).json().get("key").asText();
    }

    /** An upload's head promising 200 KB, the form's first lines and the start of a JPEG. */
    private static byte[] uploadStart(int port, String key, String boundary, byte[] preamble, byte[] jpeg) {
        byte[] head = ("POST /v1/uploads HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 200000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + preamble.length + 200);
        System.arraycopy(preamble, 0, all, head.length, preamble.length);
        System.arraycopy(jpeg, 0, all, head.length + preamble.length, 200);
        return all;
    }
}
