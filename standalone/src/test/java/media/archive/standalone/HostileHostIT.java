package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stranger naming its own host cannot put that name into anything the archive answers: the
 * whole archive, one photograph uploaded and processed, then every public route asked with a
 * hostile {@code Host} and hostile {@code Forwarded}/{@code X-Forwarded-*} headers, sent over a
 * raw socket so that no client library tidies them. A second archive trusts the loopback
 * address as its proxy and takes the scheme and host that proxy forwards.
 */
class HostileHostIT {
    private static final String HOSTILE = "evil.example";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path plainData;
    @TempDir
    static Path proxiedData;
    private static StandaloneArchive plain;
    private static StandaloneArchive proxied;
    private static String plainId;
    private static String proxiedId;
    private static String plainEditor;

    @BeforeAll
    static void startTwoArchivesAndUploadAPhotographToEach() throws Exception {
        plain = start(plainData, Map.of());
        proxied = start(proxiedData, Map.of(
                "ARCHIVE_TRUSTED_PROXIES", "127.0.0.1, ::1",
                "ARCHIVE_ALLOWED_HOSTS", "localhost, 127.0.0.1, photos.example.com"));
        plainEditor = editorKey(plain);
        plainId = upload(plain, plainEditor);
        proxiedId = upload(proxied, editorKey(proxied));
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (proxied != null) {
            proxied.close();
        }
    }

    @Test
    void a_hostile_host_is_refused_on_every_public_route_and_named_in_no_answer() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String host : List.of(HOSTILE, HOSTILE + ":80", "localhost." + HOSTILE, "127.0.0.1." + HOSTILE,
                HOSTILE + "@127.0.0.1", "127.0.0.1@" + HOSTILE, "EVIL.EXAMPLE", "xn--" + HOSTILE, HOSTILE + "." + "a".repeat(5000),
                "\u0435vil.example", HOSTILE + "\t", "[::1]." + HOSTILE)) {
            for (String target : routes(plainId, plain.port())) {
                Answer answer = send(plain.port(), target, Map.of("Host", host, "Authorization", "Bearer " + plainEditor));
                if (answer.mentions(HOSTILE) || answer.mentions("vil.example")) {
                    failures.add(target + " with Host " + abbreviate(host) + " answered " + answer.abbreviated());
                }
                boolean health = target.contains("/health/");
                if (!health && answer.status() < 400) {
                    failures.add(target + " with Host " + abbreviate(host) + " answered " + answer.status() + ", not a refusal");
                }
                if (!health && answer.status() == 400 && !answer.body().contains("\"error\"")
                        && !answer.body().isEmpty() && answer.body().startsWith("{")) {
                    failures.add(target + " refused without the JSON error: " + answer.abbreviated());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void the_refusal_is_the_archives_json_error_and_is_not_cached() throws IOException {
        Answer answer = send(plain.port(), "/i/" + plainId, Map.of("Host", HOSTILE));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("{\"error\":\"bad-request\"");
        assertThat(answer.header("cache-control")).as("a refusal is kept by no cache").isEqualTo("no-store");
    }

    @Test
    void health_answers_a_load_balancer_that_probes_by_address() throws IOException {
        assertThat(send(plain.port(), "/health/live", Map.of("Host", "10.1.2.3:8080")).status()).isEqualTo(200);
        assertThat(send(plain.port(), "/health/ready", Map.of("Host", "archive-internal")).status()).isEqualTo(200);
    }

    @Test
    void forwarded_headers_from_a_peer_not_trusted_change_nothing_on_any_route() throws IOException {
        String self = "127.0.0.1:" + plain.port();
        List<String> failures = new ArrayList<>();
        for (Map<String, String> forwarded : hostileForwarded()) {
            for (String target : routes(plainId, plain.port())) {
                Map<String, String> headers = new LinkedHashMap<>(forwarded);
                headers.put("Host", self);
                headers.put("Authorization", "Bearer " + plainEditor);
                Answer answer = send(plain.port(), target, headers);
                if (answer.mentions(HOSTILE) || answer.mentions("photos.example.com") || answer.mentions("https://" + self)) {
                    failures.add(target + " with " + forwarded.keySet() + " answered " + answer.abbreviated());
                }
                if (answer.status() >= 500) {
                    failures.add(target + " with " + forwarded.keySet() + " failed: " + answer.abbreviated());
                }
            }
        }
        assertThat(failures).isEmpty();

        Answer page = send(plain.port(), "/i/" + plainId, Map.of("Host", self,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "photos.example.com"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("http://" + self + "/i/" + plainId).doesNotContain("https://" + self);
    }

    @Test
    void behind_a_trusted_proxy_the_page_announces_the_forwarded_https_address() throws IOException {
        String self = "127.0.0.1:" + proxied.port();
        for (Map<String, String> forwarded : List.of(
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "photos.example.com"),
                Map.of("Forwarded", "for=192.0.2.1;host=" + HOSTILE + ", for=192.0.2.9;proto=https;host=\"photos.example.com\""))) {
            Map<String, String> headers = new LinkedHashMap<>(forwarded);
            headers.put("Host", self);
            Answer page = send(proxied.port(), "/i/" + proxiedId, headers);

            assertThat(page.status()).as(page.abbreviated()).isEqualTo(200);
            assertThat(page.body()).contains("https://photos.example.com/i/" + proxiedId)
                    .doesNotContain("http://photos.example.com").doesNotContain(self).doesNotContain(HOSTILE);
        }
        Answer proto = send(proxied.port(), "/i/" + proxiedId, Map.of("Host", self, "X-Forwarded-Proto", "https"));
        assertThat(proto.body()).contains("https://" + self + "/i/" + proxiedId);
    }

    @Test
    void a_trusted_proxy_forwarding_a_hostile_host_is_refused_too() throws IOException {
        String self = "127.0.0.1:" + proxied.port();
        List<String> failures = new ArrayList<>();
        for (Map<String, String> forwarded : hostileForwarded()) {
            for (String target : routes(proxiedId, proxied.port())) {
                Map<String, String> headers = new LinkedHashMap<>(forwarded);
                headers.put("Host", self);
                Answer answer = send(proxied.port(), target, headers);
                if (answer.mentions(HOSTILE)) {
                    failures.add(target + " with " + forwarded + " answered " + answer.abbreviated());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(send(proxied.port(), "/i/" + proxiedId, Map.of("Host", self, "X-Forwarded-Host", HOSTILE)).status())
                .isEqualTo(400);
    }

    /** Every route a website, a crawler or a browser reaches without a key, and a few that need one. */
    private static List<String> routes(String id, int port) {
        String page = "http://127.0.0.1:" + port + "/i/" + id;
        return List.of(
                "/i/" + id,
                "/v1/images/" + id + "/embed",
                "/v1/images/" + id + "/embed?format=json",
                "/oembed?format=json&url=" + URLEncoder.encode(page, StandardCharsets.UTF_8),
                "/oembed?url=" + URLEncoder.encode("http://" + HOSTILE + "/i/" + id, StandardCharsets.UTF_8),
                "/v1/images/" + id + "/renditions/medium",
                "/v1/images/" + id + "/renditions/medium?w=320",
                "HEAD /v1/images/" + id + "/renditions/thumb",
                "/v1/images/" + id,
                "/v1/search?q=skater",
                "/",
                "/favicon.ico",
                "/no/such/page",
                "/health/live",
                "/health/ready");
    }

    private static List<Map<String, String>> hostileForwarded() {
        return List.of(
                Map.of("X-Forwarded-Host", HOSTILE, "X-Forwarded-Proto", "https"),
                Map.of("X-Forwarded-Host", "photos.example.com, " + HOSTILE),
                Map.of("Forwarded", "for=192.0.2.1;proto=https;host=" + HOSTILE),
                Map.of("Forwarded", "host=\"" + HOSTILE + "\";proto=https, for=\"[2001:db8::1]\";host=\"" + HOSTILE + ":443\""),
                Map.of("Forwarded", "host=\"" + HOSTILE + "\\\"x\";proto=https"),
                Map.of("Forwarded", "host=" + HOSTILE + "@127.0.0.1"),
                Map.of("X-Forwarded-Host", "127.0.0.1@" + HOSTILE, "X-Forwarded-Proto", "javascript"));
    }

    private static StandaloneArchive start(Path data, Map<String, String> extra) throws InterruptedException {
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "ARCHIVE_DATA_DIR", data.toString(),
                "ARCHIVE_HTTP_PORT", "0",
                "ARCHIVE_HTTP_HOST", "127.0.0.1"));
        values.putAll(extra);
        Settings settings = Settings.of(values);
        StandaloneArchive archive = new StandaloneArchive(StandaloneConfig.from(settings), settings).start();
        await(archive::isReady, "the archive did not become ready");
        return archive;
    }

    private static String editorKey(StandaloneArchive archive) {
        ArchiveClient client = new ArchiveClient(archive.port());
        return client.postJson("/v1/keys", archive.generatedAdminKey().orElseThrow(), Map.of("name", "Desk", "role", "editor"))
                .json().get("key").asText();
    }

    private static String upload(StandaloneArchive archive, String editor) throws Exception {
        ArchiveClient client = new ArchiveClient(archive.port());
        ArchiveClient.Answer upload = client.upload(archive.generatedAdminKey().orElseThrow(), "skater.jpg",
                fixture("photos/skater.jpg"), Map.of("caption", "A skateboarder in Helsinki"));
        assertThat(upload.status()).as(new String(upload.body(), StandardCharsets.UTF_8)).isIn(200, 202);
        String id = upload.json().get("id").asText();
        await(() -> "ready".equals(client.get("/v1/images/" + id, editor).json().path("status").asText()), "the photograph was not processed");
        return id;
    }

    private static void await(java.util.function.BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** One answer as it came off the wire: status line, headers and body, all searched for the hostile name. */
    private record Answer(int status, String head, String body) {
        boolean mentions(String name) {
            return (head + body).toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }

        String abbreviated() {
            String all = head + "\n" + body;
            return all.length() > 600 ? all.substring(0, 600) + "..." : all;
        }
    }

    /** {@code target} is a path, or {@code METHOD path}; headers go out byte for byte as given. */
    private static Answer send(int port, String target, Map<String, String> headers) throws IOException {
        String method = "GET";
        String path = target;
        if (target.startsWith("HEAD ")) {
            method = "HEAD";
            path = target.substring(5);
        }
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            // Latin-1 keeps every byte, so a name inside a binary rendition is found too.
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] statusLine = head.split(" ", 3);
            int status = statusLine.length > 1 && statusLine[1].matches("[0-9]{3}") ? Integer.parseInt(statusLine[1]) : -1;
            return new Answer(status, head, body);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
