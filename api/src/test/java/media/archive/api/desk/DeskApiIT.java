package media.archive.api.desk;

import static media.archive.api.ApiTestBed.PATIENCE;
import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.encode;
import static media.archive.api.ApiTestBed.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import media.archive.api.ApiTestBed;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.SuppliedMetadata;
import media.archive.platform.access.Role;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the desk asks of the api besides pages and edits, against a real Kafka broker and a real
 * S3 server through a real HTTP server: live status of images being processed, and a
 * photographer's own search.
 */
@ExtendWith(RealInfrastructure.class)
class DeskApiIT {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path indexDir;
    private ApiTestBed bed;
    private String editorKey;
    private String photographer;
    private String photographerKey;
    private String otherKey;

    @BeforeEach
    void start(Infrastructure infra) {
        bed = new ApiTestBed(infra, "desk-api-it", indexDir);
        editorKey = bed.issue("desk editor", Role.EDITOR);
        photographer = "Trần Trung " + token();
        photographerKey = bed.issue(photographer, Role.PHOTOGRAPHER);
        otherKey = bed.issue("other photographer " + token(), Role.PHOTOGRAPHER);
        bed.startApi();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void the_desk_sees_an_image_processing_then_ready() throws Exception {
        ImageId id = Events.id("live " + token());

        try (EventStreamClient stream = EventStreamClient.connect(bed.http(), bed.port(), id.value(), photographerKey)) {
            bed.publish(uploaded(id, photographer, "Convention " + token()));
            JsonNode processing = stream.nextEvent(PATIENCE).json();
            assertThat(processing.get("id").asText()).isEqualTo(id.value());
            assertThat(processing.get("status").asText()).isEqualTo("processing");
            assertThat(processing.get("record").get("fileName").asText()).isEqualTo("DSC_0001.jpg");

            bed.publish(processed(id, "Delegates arrive at the convention"));
            JsonNode ready = stream.nextEvent(PATIENCE).json();
            assertThat(ready.get("status").asText()).isEqualTo("ready");
            assertThat(ready.get("record").get("description").asText()).isEqualTo("Delegates arrive at the convention");
        }
    }

    @Test
    void a_photographers_stream_and_search_show_only_the_images_their_key_uploaded() throws Exception {
        String word = "harbour" + token().replaceAll("[0-9]", "");
        ImageId own = Events.id("own " + word);
        ImageId others = Events.id("others " + word);
        bed.publish(uploaded(own, photographer, word), processed(own, word),
                uploaded(others, "someone else", word), processed(others, word));
        await(() -> total(word, editorKey) == 2);

        JsonNode found = search(word, photographerKey);
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("hits").get(0).get("id").asText()).isEqualTo(own.value());
        assertThat(total(word, otherKey)).isZero();

        try (EventStreamClient stream = EventStreamClient.connect(bed.http(), bed.port(), others + "," + own, photographerKey)) {
            EventStreamClient.Message first = stream.nextEvent(PATIENCE);
            assertThat(first.json().get("id").asText()).isEqualTo(own.value());
            // The other image's state never comes: the next message is a keep-alive or nothing.
            EventStreamClient.Message next = stream.poll(Duration.ofMillis(500));
            assertThat(next == null || next.comment() != null).isTrue();
        }
        HttpResponse<String> suggested = bed.get("/v1/search/suggest?field=by&prefix=" + encode(word.substring(0, 4)), photographerKey);
        assertThat(suggested.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(suggested.body()).get("values").get(0).get("count").asLong()).isEqualTo(1);
    }

    @Test
    void the_server_stops_promptly_with_streams_open() throws Exception {
        EventStreamClient stream = EventStreamClient.connect(bed.http(), bed.port(), Events.id("open " + token()).value(), editorKey);

        long start = System.nanoTime();
        bed.stopApi();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(stream.next(PATIENCE)).isIn(EventStreamClient.END, new EventStreamClient.Message(null, null, "keep-alive"));
        stream.close();
    }

    private long total(String query, String key) {
        try {
            return search(query, key).get("total").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode search(String query, String key) throws Exception {
        HttpResponse<String> response = bed.get("/v1/search?q=" + encode(query), key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static ImageUploaded uploaded(ImageId id, String uploader, String creator) {
        return new ImageUploaded(id, MORNING, uploader, "DSC_0001.jpg", "image/jpeg", 12_666,
                new SuppliedMetadata(null, creator, null, List.of()));
    }

    private static ImageProcessed processed(ImageId id, String creator) {
        return new ImageProcessed(id, MORNING.plusSeconds(2),
                Events.metadata().creator(creator).description("Delegates arrive at the convention").build(), List.of());
    }
}
