package media.archive.standalone.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import media.archive.platform.config.Settings;
import media.archive.standalone.StandaloneArchive;
import media.archive.standalone.StandaloneConfig;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The whole archive as {@code ./archive run} starts it, on a temporary directory and a free
 * loopback port, with a plain HTTP client for what the tests do behind the page's back: issue
 * keys, upload fixtures, read records, look into the S3 server's files.
 */
final class DeskArchive implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    final StandaloneArchive archive;
    final String adminKey;
    private final Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DeskArchive(Path data) throws InterruptedException {
        this(data, Map.of());
    }

    /** The archive on {@code data} with {@code more} settings. */
    DeskArchive(Path data, Map<String, String> more) throws InterruptedException {
        this.data = data;
        Settings settings = Settings.of(Map.of(
                "ARCHIVE_DATA_DIR", data.toString(),
                "ARCHIVE_HTTP_PORT", "0",
                "ARCHIVE_HTTP_HOST", "127.0.0.1")).with(more);
        archive = new StandaloneArchive(StandaloneConfig.from(settings), settings).start();
        await("the archive is ready", archive::isReady);
        adminKey = archive.generatedAdminKey().orElseThrow();
    }

    /** The desk's origin, as the browser addresses it. */
    String origin() {
        return "http://127.0.0.1:" + archive.port();
    }

    /** A new key of {@code role} named {@code name}. */
    String issueKey(String name, String role) {
        JsonNode answer = send("POST", "/v1/keys", adminKey, Map.of("name", name, "role", role));
        return answer.path("key").asText();
    }

    JsonNode get(String path, String key) {
        return send("GET", path, key, null);
    }

    int status(String path, String key) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path)).GET();
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String text(String path) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(origin() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            return answer.body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Makes a gallery as an editor would: {@code {"title", "language", "items": [{"image"}]}}; the gallery saved. */
    JsonNode createGallery(String key, Map<String, Object> gallery) {
        return send("POST", "/v1/galleries", key, gallery);
    }

    /** Saves a gallery over the version it was read at, as another editor's desk would. */
    JsonNode saveGallery(String gid, String key, Map<String, Object> gallery) {
        return send("PUT", "/v1/galleries/" + gid, key, gallery);
    }

    /** Changes fields of an image as an editor would, with the version it has now. */
    JsonNode edit(String id, String key, Map<String, Object> changes) {
        int version = get("/v1/images/" + id, key).path("version").asInt(0);
        return send("PATCH", "/v1/images/" + id, key, changes, Map.of("If-Match", "\"" + version + "\""));
    }

    /** Uploads {@code bytes} as {@code fileName} with the text parts {@code fields}; the image's id. */
    String upload(String key, String fileName, byte[] bytes, Map<String, String> fields) {
        String boundary = "desk-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                        + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(bytes);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + "/v1/uploads"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
            return JSON.readTree(answer.body()).path("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the image is processed (ready or failed) as the editors' API sees it. */
    void awaitProcessed(String id, String editorKey) {
        // Until the index has read the upload, the image is unknown (404).
        await(id + " is processed", () -> status("/v1/images/" + id, editorKey) == 200
                && !"processing".equals(get("/v1/images/" + id, editorKey).path("status").asText()));
    }

    /**
     * Whether the embedded S3 server still holds the image's original or any of its renditions
     * ({@code originals/<id>}, {@code renditions/<id>/...}; the server keeps each object as a file
     * under the data directory). Ingest's upload marker is not the picture and may stay.
     */
    boolean storesPictureOf(String id) {
        try (Stream<Path> files = Files.walk(data.resolve("s3"))) {
            return files.filter(Files::isRegularFile).map(Path::toString)
                    .anyMatch(path -> path.contains("/originals/" + id) || path.contains("/renditions/" + id + "/"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode send(String method, String path, String key, Object body) {
        return send(method, path, key, body, Map.of());
    }

    private JsonNode send(String method, String path, String key, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
            return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The bytes of a test resource. */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = DeskArchive.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /**
     * A small JPEG made here, different for every {@code seed}: bands of colours drawn from the
     * seed and the seed's number written in, so no two are the same bytes (the archive would
     * take them for duplicates) and each looks like a picture in the grid.
     */
    static byte[] generatedJpeg(int seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            java.util.Random random = new java.util.Random(seed);
            float hue = random.nextFloat();
            for (int band = 0; band < 6; band++) {
                g.setColor(Color.getHSBColor(hue + band * 0.04f, 0.35f + random.nextFloat() * 0.4f, 0.45f + band * 0.08f));
                g.fillRect(0, band * height / 6, width, height / 6 + 1);
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, height / 5)));
            g.drawString("#" + seed, width / 10, height * 3 / 5);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** The file of a test resource, for the browser's file chooser. */
    static Path fixturePath(String name) {
        try {
            return Path.of(DeskArchive.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new AssertionError("missing test resource " + name, e);
        }
    }

    /** Waits for {@code condition}, an HTTP question (pages are waited on with WebDriverWait, on what they show). */
    static void await(String what, BooleanSupplier condition) {
        new FluentWait<>(condition).withTimeout(PATIENCE).pollingEvery(Duration.ofMillis(100)).withMessage(what)
                .until(BooleanSupplier::getAsBoolean);
    }

    @Override
    public void close() {
        archive.close();
    }
}
