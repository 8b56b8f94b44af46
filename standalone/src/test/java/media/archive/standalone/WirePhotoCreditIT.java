package media.archive.standalone;

import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wire photo goes through the whole archive, started as {@code ./archive run} starts it, and
 * an editor sees through the HTTP API the credit the picture desk would print, the value the
 * file carried and where it came from.
 */
class WirePhotoCreditIT {

    @Test
    void an_uploaded_wire_photo_shows_its_cleaned_credit_raw_value_and_provenance(@TempDir Path data) throws Exception {
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String adminKey = archive.generatedAdminKey().orElseThrow();

            // when: a Reuters wire photo (Credit "REUTERS", By-line "YURIKO NAKAO") is uploaded
            ArchiveClient.Answer upload = client.upload(adminKey, "tse.jpg", fixture("photos/reuters-wire-photo.jpg"), Map.of());
            assertThat(upload.status()).as(new String(upload.body())).isEqualTo(202);
            String id = upload.json().get("id").asText();

            // then: the record shows the cleaned credit, the raw value beside it and its source tag
            JsonNode record = waitForReady(client, id, adminKey);
            assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            assertThat(record.path("credit").asText()).isEqualTo("Reuters");
            assertThat(record.path("raw").path("credit").asText()).isEqualTo("REUTERS");
            assertThat(record.path("provenance").path("credit").asText()).isEqualTo("IPTC:Credit");
            assertThat(record.path("creator").get(0).asText()).isEqualTo("Yuriko Nakao");
            assertThat(record.path("raw").path("creator").get(0).asText()).isEqualTo("YURIKO NAKAO");
            assertThat(record.path("provenance").path("creator").asText()).isEqualTo("IPTC:By-line");
            assertThat(record.path("creditLine").asText()).isEqualTo("Photo: Yuriko Nakao / Reuters");
        }
    }

    private static JsonNode waitForReady(ArchiveClient client, String id, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode record = client.get("/v1/images/" + id, key).json();
        while (!record.path("status").asText().matches("ready|failed") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            record = client.get("/v1/images/" + id, key).json();
        }
        return record;
    }
}
