package media.archive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsJsonTest {
    private static final ImageId ID = new ImageId("a".repeat(64));
    private static final Instant AT = Instant.parse("2025-10-03T08:15:00Z");

    @Test
    void every_event_reads_back_as_what_was_written_and_names_its_type_and_schema() {
        ImageMetadata metadata = ImageMetadata.builder().width(527).height(350).orientation(1)
                .creator(List.of("Trần Trung")).credit("Mugwum Press").description("সাইবার নিরাপত্তা")
                .keywords(List.of("cyber")).dateTaken("2025-10-01T09:41:07+07:00")
                .embargoUntil(AT.plusSeconds(3600)).withheld("embargo in the instructions could not be read")
                .raw(Map.of("creator", List.of("TRAN TRUNG"))).provenance(Map.of("creator", "IPTC:By-line")).build();
        List<ImageEvent> events = List.of(
                new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 99, SuppliedMetadata.NONE),
                new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 99,
                        new SuppliedMetadata(null, null, null, List.of(), AT.plusSeconds(3600))),
                new ImageProcessed(ID, AT, metadata, List.of(new Rendition("thumb", 256, 170, 10, "image/jpeg", "k")),
                        new Appearance("LEHV6nWB2yk8pyo0adR*.7kCMdnj", "#a0b1c2", "00ff00ff00ff00ff")),
                new ImageFailed(ID, AT, ImageFailed.UNDECODABLE, "no frame header", null),
                new ImageRemoved(ID, AT, "admin", "rights withdrawn"),
                new ImageRestored(ID, AT.plusSeconds(60), "admin", null));

        for (ImageEvent event : events) {
            String json = Json.toText(event);
            assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"").contains("\"schema\":1");
            assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), ImageEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void readers_ignore_fields_they_do_not_know() {
        String newer = "{\"type\":\"ImageFailed\",\"schema\":2,\"id\":\"" + ID + "\",\"at\":\"2025-10-03T08:15:00Z\","
                + "\"reason\":\"too-large\",\"message\":\"m\",\"addedLater\":{\"x\":1}}";

        ImageEvent event = Json.read(newer.getBytes(StandardCharsets.UTF_8), ImageEvent.class);

        assertThat(event).isInstanceOf(ImageFailed.class);
        assertThat(((ImageFailed) event).reason()).isEqualTo("too-large");
    }

    @Test
    void malformed_json_and_invalid_ids_are_refused_with_a_reason() {
        assertThatThrownBy(() -> Json.read("{oops".getBytes(StandardCharsets.UTF_8), ImageEvent.class))
                .isInstanceOf(Json.MalformedJsonException.class);
        String badId = "{\"type\":\"ImageFailed\",\"schema\":1,\"id\":\"../../etc\",\"at\":\"2025-10-03T08:15:00Z\","
                + "\"reason\":\"r\",\"message\":\"m\"}";
        assertThatThrownBy(() -> Json.read(badId.getBytes(StandardCharsets.UTF_8), ImageEvent.class))
                .isInstanceOf(Json.MalformedJsonException.class);
    }
}
