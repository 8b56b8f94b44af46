package media.archive.standalone;

import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed gallery (five photographs with Bengali captions by Trần Trung) uploaded through the
 * archive's HTTP origin, then searched as an editor would: Bengali words, the photographer's
 * name with and without diacritics, and both together each return exactly the right pictures.
 */
class GallerySearchIT {

    @Test
    void the_seed_gallery_is_found_by_bengali_words_and_by_its_photographer(@TempDir Path data) throws Exception {
        List<String> captions = captions();
        assertThat(captions).hasSize(5);
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String adminKey = archive.generatedAdminKey().orElseThrow();

            // given: the five photographs, uploaded with their captions and their photographer,
            // and one unrelated photograph by someone else
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ArchiveClient.Answer upload = client.upload(adminKey, "gallery-" + (i + 1) + ".jpg",
                        fixture("gallery/gallery-" + (i + 1) + ".jpg"), Map.of("caption", captions.get(i), "creator", "Trần Trung"));
                assertThat(upload.status()).as(new String(upload.body(), StandardCharsets.UTF_8)).isEqualTo(202);
                ids.add(upload.json().get("id").asText());
            }
            String other = client.upload(adminKey, "lincoln.jpg", fixture("photos/agency-photographer-example.jpg"), Map.of())
                    .json().get("id").asText();
            for (String id : ids) {
                JsonNode record = waitFor(() -> client.get("/v1/images/" + id, adminKey).json(),
                        r -> "ready".equals(r.path("status").asText()));
                assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            }
            waitFor(() -> client.get("/v1/images/" + other, adminKey).json(), r -> "ready".equals(r.path("status").asText()));

            // then: the photographer's name, written either way, finds the five and only them
            assertThat(found(client, adminKey, "by:\"tran trung\"")).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(found(client, adminKey, "by:\"Trần Trung\"")).containsExactlyInAnyOrderElementsOf(ids);
            // and: সাইবার ("cyber") as a word: captions 1, 2, 3 and 5; caption 4 only has সাইবারস্পেস ("cyberspace")
            assertThat(found(client, adminKey, "by:\"Trần Trung\" সাইবার"))
                    .containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2), ids.get(4));
            assertThat(found(client, adminKey, "সাইবার")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2), ids.get(4));
            // and: words that only one caption has find that photograph alone
            assertThat(found(client, adminKey, "গুতেরেস")).containsExactly(ids.get(1));
            assertThat(found(client, adminKey, "প্রতিপাদ্যকে")).containsExactly(ids.get(2));
            assertThat(found(client, adminKey, "সেতু")).containsExactly(ids.get(3));
            assertThat(found(client, adminKey, "উদ্বোধনী")).containsExactly(ids.get(4));
            assertThat(found(client, adminKey, "\"হ্যানয় কনভেনশন\"")).containsExactly(ids.get(0));
            // and: a noun finds its inflected form too: মানবাধিকার in caption 1, মানবাধিকারের in caption 3
            assertThat(found(client, adminKey, "মানবাধিকার")).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
            assertThat(found(client, adminKey, "ভিয়েতনাম")).containsExactlyInAnyOrder(ids.get(1), ids.get(3), ids.get(4));

            // and: the facets count the photographer once per picture, and the caption comes back marked
            JsonNode results = client.get("/v1/search?q=" + ArchiveClient.query("by:\"tran trung\" গুতেরেস"), adminKey).json();
            assertThat(results.path("facets").path("creator").get(0).path("value").asText()).isEqualTo("Trần Trung");
            assertThat(results.path("facets").path("creator").get(0).path("count").asInt()).isEqualTo(1);
            assertThat(results.path("hits").get(0).path("highlights").path("description").asText()).contains("<mark>গুতেরেস</mark>");
            JsonNode all = client.get("/v1/search?q=" + ArchiveClient.query("by:\"tran trung\""), adminKey).json();
            assertThat(all.path("facets").path("creator").get(0).path("count").asInt()).isEqualTo(5);

            // and: a malformed query is a 400 that says where, and a tampered cursor is a 400
            ArchiveClient.Answer bad = client.get("/v1/search?q=" + ArchiveClient.query("by:\"tran trung"), adminKey);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("message").asText()).contains("position 4");
            JsonNode page = client.get("/v1/search?limit=2&q=" + ArchiveClient.query("সাইবার"), adminKey).json();
            String next = page.path("next").asText();
            String tampered = next.substring(0, 10) + (next.charAt(10) == 'A' ? 'B' : 'A') + next.substring(11);
            assertThat(client.get("/v1/search?limit=2&q=" + ArchiveClient.query("সাইবার") + "&cursor=" + tampered + "x", adminKey).status())
                    .isEqualTo(400);
        }
    }

    private static Set<String> found(ArchiveClient client, String key, String query) {
        ArchiveClient.Answer answer = client.get("/v1/search?limit=200&q=" + ArchiveClient.query(query), key);
        assertThat(answer.status()).as(query + ": " + new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        answer.json().path("hits").forEach(hit -> ids.add(hit.path("id").asText()));
        assertThat(answer.json().path("total").asInt()).as(query).isEqualTo(ids.size());
        return ids;
    }

    private static List<String> captions() throws IOException {
        return new String(fixture("gallery/gallery-captions-bn.txt"), StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank()).toList();
    }
}
