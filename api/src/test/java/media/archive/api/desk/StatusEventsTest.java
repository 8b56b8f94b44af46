package media.archive.api.desk;

import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of one {@code image} event, and who may be sent them, on a real index. */
class StatusEventsTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private StatusEvents events;

    @BeforeEach
    void open() {
        index = ImageIndex.open(dir);
        events = new StatusEvents(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void an_event_is_one_image_event_with_the_status_as_its_data() throws Exception {
        ImageId id = id("uploaded");
        new IndexFeeder(index).feed(uploaded(id, MORNING));

        String event = new String(events.of(id, new Principal("photographer", Role.PHOTOGRAPHER)), StandardCharsets.UTF_8);

        assertThat(event).startsWith("event: image\ndata: ").endsWith("\n\n");
        String data = event.substring("event: image\ndata: ".length(), event.length() - 2);
        assertThat(data).doesNotContain("\n");
        JsonNode status = Json.mapper().readTree(data);
        assertThat(status.get("id").asText()).isEqualTo(id.value());
        assertThat(status.get("status").asText()).isEqualTo("processing");
    }

    @Test
    void a_photographer_is_sent_only_their_own_images_and_an_editor_every_one() {
        ImageId id = id("someone else's");
        new IndexFeeder(index).feed(uploaded(id, MORNING));

        assertThat(events.of(id, new Principal("another photographer", Role.PHOTOGRAPHER))).isNull();
        assertThat(events.of(id, new Principal("an editor", Role.EDITOR))).isNotNull();
    }

    @Test
    void an_unknown_image_is_sent_to_no_one() {
        assertThat(events.of(id("never uploaded"), new Principal("an admin", Role.ADMIN))).isNull();
    }
}
