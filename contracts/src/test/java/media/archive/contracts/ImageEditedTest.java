package media.archive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageEditedTest {
    private static final ImageId ID = ImageId.fromDigest(new byte[32]);
    private static final Instant AT = Instant.parse("2025-10-26T09:00:00Z");

    @Test
    void an_edit_reads_back_from_json_as_written() {
        ImageEdited edit = new ImageEdited(ID, AT, "desk", Map.of("headline", "Summit opens", "keywords", List.of("un", "cyber")));

        String json = Json.toText(edit);

        assertThat(json).contains("\"type\":\"ImageEdited\"");
        assertThat(Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), ImageEvent.class)).isEqualTo(edit);
    }

    @Test
    void the_record_shows_the_edited_fields_over_what_the_processor_read() {
        ImageUploaded uploaded = new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 99, SuppliedMetadata.NONE);
        ImageProcessed processed = new ImageProcessed(ID, AT, ImageMetadata.builder()
                .creator(List.of("TRAN TRUNG")).credit("Báo Quốc tế").headline("Old").build(), List.of());
        ImageEdited first = new ImageEdited(ID, AT, "desk", Map.of("creator", List.of("Trần Trung"), "headline", "New"));
        ImageEdited second = new ImageEdited(ID, AT.plusSeconds(60), "desk", Map.of("headline", ""));

        ImageRecord record = ImageRecord.of(uploaded, processed, first.then(second));

        assertThat(record.metadata().creator()).containsExactly("Trần Trung");
        assertThat(record.metadata().headline()).as("cleared by the later edit").isNull();
        assertThat(record.metadata().credit()).isEqualTo("Báo Quốc tế");
        assertThat(ImageRecord.of(uploaded, processed).metadata().headline()).isEqualTo("Old");
    }

    @Test
    void every_editable_field_is_set_by_an_edit_and_cleared_by_an_empty_value() {
        ImageMetadata before = ImageMetadata.builder().width(10).make("Nikon").build();
        for (String field : ImageEdited.EDITABLE) {
            boolean list = field.equals("creator") || field.equals("keywords");
            ImageEdited set = new ImageEdited(ID, AT, "desk", Map.of(field, list ? List.of("v-" + field) : "v-" + field));
            ImageEdited cleared = new ImageEdited(ID, AT, "desk", Map.of(field, list ? List.of() : ""));

            com.fasterxml.jackson.databind.JsonNode edited = Json.mapper().valueToTree(set.applyTo(before));
            com.fasterxml.jackson.databind.JsonNode emptied = Json.mapper().valueToTree(cleared.applyTo(set.applyTo(before)));

            String value = list ? edited.path(field).path(0).asText() : edited.path(field).asText();
            assertThat(value).as(field).isEqualTo("v-" + field);
            assertThat(emptied.path(field).isMissingNode() || emptied.path(field).isEmpty()).as(field + " cleared").isTrue();
            assertThat(edited.path("make").asText()).as("fields not named keep their value").isEqualTo("Nikon");
        }
    }

    @Test
    void only_editable_fields_with_values_of_their_kind_are_accepted() {
        assertThatThrownBy(() -> new ImageEdited(ID, AT, "desk", Map.of("status", "ready")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be edited");
        assertThatThrownBy(() -> new ImageEdited(ID, AT, "desk", Map.of("keywords", "one")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageEdited(ID, AT, "desk", Map.of("headline", List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
