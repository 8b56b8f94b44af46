package media.archive.standalone;

import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole archive started as {@code ./archive run} starts it, used only through its public
 * HTTP origin, as a photographer and an editor would.
 */
class ArchiveEndToEndIT {

    @Test
    void a_photographer_uploads_and_an_editor_finds_the_photo_and_its_thumbnail(@TempDir Path data) throws Exception {
        byte[] photo = fixture("photos/agency-photographer-example.jpg");
        String imageId;
        String adminKey;

        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            adminKey = archive.generatedAdminKey().orElseThrow();

            // given: an admin issues a photographer key and an editor key
            String photographerKey = issueKey(client, adminKey, "Julie Doe", "photographer");
            String editorKey = issueKey(client, adminKey, "Picture desk", "editor");

            // when: the photographer uploads a real photograph whose IPTC By-line is "Julie Doe"
            ArchiveClient.Answer upload = client.upload(photographerKey, "lincoln.jpg", photo, Map.of());
            assertThat(upload.status()).as(upload.json().toString()).isEqualTo(202);
            imageId = upload.json().get("id").asText();
            assertThat(upload.json().get("status").asText()).isEqualTo("processing");
            assertThat(upload.json().get("href").asText()).isEqualTo("/v1/images/" + imageId);

            // then: the record becomes ready, with the credit the camera file carries
            JsonNode record = waitFor(() -> client.get("/v1/images/" + imageId, editorKey).json(), ArchiveEndToEndIT::settled);
            assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            assertThat(record.path("creator").toString()).contains("Julie Doe");
            assertThat(record.path("credit").asText()).isEqualTo("Mugwum Press");
            assertThat(record.path("width").asInt()).isEqualTo(527);
            assertThat(record.path("height").asInt()).isEqualTo(350);

            // and: an editor finds it by the photographer's name, whatever the case
            JsonNode found = waitFor(() -> client.get("/v1/search?q=" + ArchiveClient.query("julie doe"), editorKey).json(),
                    r -> r.path("total").asInt() > 0);
            assertThat(found.path("total").asInt()).isEqualTo(1);
            assertThat(found.path("hits").get(0).path("id").asText()).isEqualTo(imageId);
            assertThat(client.get("/v1/search?q=" + ArchiveClient.query("nobody-by-this-name"), editorKey)
                    .json().path("total").asInt()).isZero();

            // and: anyone can fetch the thumbnail, 256 px on its long edge
            ArchiveClient.Answer thumb = client.get("/v1/images/" + imageId + "/renditions/thumb", null);
            assertThat(thumb.status()).isEqualTo(200);
            assertThat(thumb.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(thumb.header("ETag")).isNotBlank();
            // (at an URL without the rights version for a minute; the URLs the archive hands out carry it, for a year)
            assertThat(thumb.header("Cache-Control")).isEqualTo("public, max-age=60");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(256);

            // and: the same bytes again are the same image, accepted once
            ArchiveClient.Answer again = client.upload(photographerKey, "copy.jpg", photo, Map.of());
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("id").asText()).isEqualTo(imageId);
        }

        // and: after a restart on the same data the photo, its keys and the index are all still there
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            assertThat(archive.generatedAdminKey()).isEmpty();
            JsonNode found = client.get("/v1/search?q=" + ArchiveClient.query("Julie Doe"), adminKey).json();
            assertThat(found.path("total").asInt()).isEqualTo(1);
            assertThat(client.get("/v1/images/" + imageId + "/renditions/medium", null).status()).isEqualTo(200);
        }
    }

    @Test
    void keys_and_roles_guard_every_request_but_renditions_and_health(@TempDir Path data) throws Exception {
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String adminKey = archive.generatedAdminKey().orElseThrow();
            String photographerKey = issueKey(client, adminKey, "Tran Trung", "photographer");
            String editorKey = issueKey(client, adminKey, "Desk", "editor");

            assertThat(client.get("/health/ready", null).status()).isEqualTo(200);
            assertError(client.get("/v1/search?q=x", null), 401, "unauthorized");
            assertError(client.get("/v1/search?q=x", "ak_" + "x".repeat(43)), 401, "unauthorized");
            assertError(client.get("/v1/images/" + "0".repeat(64), photographerKey), 403, "forbidden");
            assertError(client.get("/v1/keys", editorKey), 403, "forbidden");
            assertError(client.postJson("/v1/keys", editorKey, Map.of("name", "x", "role", "admin")), 403, "forbidden");
            assertError(client.postJson("/v1/keys", adminKey, Map.of("name", "x", "role", "janitor")), 400, "bad-request");
            assertError(client.get("/v1/images/not-an-id", editorKey), 400, null);
            assertError(client.get("/v1/images/" + "0".repeat(64), editorKey), 404, null);
            assertError(client.get("/no/such/route", null), 404, null);
        }
    }

    @Test
    void a_broken_file_that_looks_like_a_jpeg_ends_as_failed_with_a_reason(@TempDir Path data) throws Exception {
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String adminKey = archive.generatedAdminKey().orElseThrow();

            ArchiveClient.Answer upload = client.upload(adminKey, "broken.jpg", fixture("photos/no-frame-header.jpg"), Map.of());
            assertThat(upload.status()).as(new String(upload.body())).isEqualTo(202);
            String id = upload.json().get("id").asText();

            JsonNode record = waitFor(() -> client.get("/v1/images/" + id, adminKey).json(), ArchiveEndToEndIT::settled);
            assertThat(record.path("status").asText()).isEqualTo("failed");
            assertThat(record.path("failure").path("reason").asText()).isNotBlank();

            // and the processor is still alive: a good photo uploaded next becomes ready
            String good = client.upload(adminKey, "good.jpg", fixture("photos/agency-photographer-example.jpg"), Map.of())
                    .json().get("id").asText();
            JsonNode ready = waitFor(() -> client.get("/v1/images/" + good, adminKey).json(),
                    r -> "ready".equals(r.path("status").asText()));
            assertThat(ready.path("status").asText()).isEqualTo("ready");
        }
    }

    private static String issueKey(ArchiveClient client, String adminKey, String name, String role) {
        ArchiveClient.Answer answer = client.postJson("/v1/keys", adminKey, Map.of("name", name, "role", role));
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(201);
        return answer.json().get("key").asText();
    }

    private static void assertError(ArchiveClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.path("message").asText()).isNotBlank();
        if (code != null) {
            assertThat(body.path("error").asText()).isEqualTo(code);
        } else {
            assertThat(body.path("error").asText()).isNotBlank();
        }
    }

    /** Whether the processor has answered for this record, one way or the other. */
    private static boolean settled(JsonNode record) {
        String status = record.path("status").asText();
        return status.equals("ready") || status.equals("failed");
    }
}
