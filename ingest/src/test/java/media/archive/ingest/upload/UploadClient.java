package media.archive.ingest.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import media.archive.contracts.Json;

/** Sends uploads to one server as a photographer's client does and says what came back, and how fast. */
final class UploadClient {
    private static final Random RANDOM = new Random();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uploads;
    private final String key;

    UploadClient(int port, String key) {
        this.uploads = URI.create("http://127.0.0.1:" + port + "/v1/uploads");
        this.key = key;
    }

    /** What one upload was answered, and how long the answer took. */
    record Answer(int status, HttpHeaders headers, JsonNode json, Duration took) {
        String id() {
            return json.path("id").asText();
        }
    }

    Answer upload(byte[] image) throws IOException, InterruptedException {
        MultipartBody form = new MultipartBody().file("file", "photo.jpg", "image/jpeg", image);
        long start = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(uploads)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", form.contentType())
                .POST(BodyPublishers.ofByteArray(form.bytes()))
                .timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers(), Json.mapper().readTree(response.body()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code jpeg} with random bytes after its end marker: a new image every time. */
    static byte[] unique(byte[] jpeg) {
        byte[] trailer = new byte[16];
        RANDOM.nextBytes(trailer);
        byte[] copy = Arrays.copyOf(jpeg, jpeg.length + trailer.length);
        System.arraycopy(trailer, 0, copy, jpeg.length, trailer.length);
        return copy;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
