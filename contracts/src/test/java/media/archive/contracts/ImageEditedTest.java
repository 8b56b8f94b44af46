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
            String text = field.equals("embargoUntil") ? "2026-12-04T06:00:00Z" : "v-" + field;
            ImageEdited set = new ImageEdited(ID, AT, "desk", Map.of(field, list ? List.of(text) : text));
            ImageEdited cleared = new ImageEdited(ID, AT, "desk", Map.of(field, list ? List.of() : ""));

            com.fasterxml.jackson.databind.JsonNode edited = Json.mapper().valueToTree(set.applyTo(before));
            com.fasterxml.jackson.databind.JsonNode emptied = Json.mapper().valueToTree(cleared.applyTo(set.applyTo(before)));

            String value = list ? edited.path(field).path(0).asText() : edited.path(field).asText();
            assertThat(value).as(field).isEqualTo(text);
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

    @Test
    void each_edit_appends_who_when_and_each_fields_old_and_new_value_to_the_history() {
        ImageMetadata read = ImageMetadata.builder().headline("Old").credit("AFP")
                .provenance(Map.of("headline", "IPTC:Headline", "credit", "IPTC:Credit")).build();
        ImageEdited first = ImageEdited.next(null, ID, read, AT, "lan", Map.of("headline", "New", "city", "Hue")).orElseThrow();
        ImageMetadata afterFirst = first.applyTo(read);
        ImageEdited second = ImageEdited.next(first, ID, afterFirst, AT.plusSeconds(60), "minh",
                Map.of("headline", "Newer", "credit", "AFP")).orElseThrow();

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.changes()).containsEntry("headline", "Newer").containsEntry("city", "Hue")
                .as("a value equal to the current one is no change").doesNotContainKey("credit");
        assertThat(second.history()).hasSize(2);
        assertThat(second.history().get(0).editor()).isEqualTo("lan");
        assertThat(second.history().get(0).changes()).containsEntry("headline", new ImageEdited.Change("Old", "New"))
                .containsEntry("city", new ImageEdited.Change(null, "Hue"));
        assertThat(second.history().get(1)).isEqualTo(new ImageEdited.Entry(AT.plusSeconds(60), "minh",
                Map.of("headline", new ImageEdited.Change("New", "Newer"))));
        ImageMetadata shown = second.applyTo(read);
        assertThat(shown.headline()).isEqualTo("Newer");
        assertThat(shown.provenance()).containsEntry("headline", "edit:minh").containsEntry("city", "edit:lan")
                .containsEntry("credit", "IPTC:Credit");
    }

    @Test
    void an_edit_that_changes_nothing_is_no_edit() {
        ImageMetadata read = ImageMetadata.builder().headline("Same").keywords(List.of("a")).build();

        assertThat(ImageEdited.next(null, ID, read, AT, "lan", Map.of("headline", " Same ", "keywords", List.of("a"), "title", "")))
                .isEmpty();
    }

    @Test
    void an_embargo_is_an_instant_set_from_iso_text_with_zone_or_offset_and_lifted_by_null() {
        Map<String, Object> lifted = new java.util.HashMap<>();
        lifted.put("embargoUntil", null);

        ImageEdited set = ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan",
                Map.of("embargoUntil", "2026-12-04T07:00:00+01:00")).orElseThrow();
        ImageMetadata embargoed = set.applyTo(ImageMetadata.EMPTY);
        ImageEdited lift = ImageEdited.next(set, ID, embargoed, AT.plusSeconds(5), "lan", lifted).orElseThrow();

        assertThat(set.changes()).containsEntry("embargoUntil", "2026-12-04T06:00:00Z");
        assertThat(embargoed.embargoUntil()).isEqualTo(Instant.parse("2026-12-04T06:00:00Z"));
        assertThat(embargoed.provenance()).containsEntry("embargoUntil", "edit:lan");
        assertThat(lift.applyTo(embargoed).embargoUntil()).isNull();
        assertThat(lift.history()).hasSize(2);
        Map<String, Object> nullHeadline = new java.util.HashMap<>();
        nullHeadline.put("headline", null);
        assertThatThrownBy(() -> ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", nullHeadline))
                .as("other fields are cleared by an empty value, not null")
                .isInstanceOfSatisfying(InvalidEditException.class, e -> assertThat(e.field()).isEqualTo("headline"));
    }

    @Test
    void an_embargo_that_is_not_an_instant_is_refused_naming_the_field() {
        for (Object bad : List.of("tomorrow", "2026-12-04T06:00:00", "2026-12-04", 1764828000, List.of("2026-12-04T06:00:00Z"))) {
            assertThatThrownBy(() -> ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("embargoUntil", bad)))
                    .as(String.valueOf(bad))
                    .isInstanceOfSatisfying(InvalidEditException.class, e -> assertThat(e.field()).isEqualTo("embargoUntil"));
        }
    }

    @Test
    void a_withheld_picture_has_a_non_blank_reason_of_at_most_500_characters_and_null_releases_it() {
        Map<String, Object> released = new java.util.HashMap<>();
        released.put("withheld", null);
        ImageMetadata withheld = ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan",
                Map.of("withheld", " court order 2026/114 ")).orElseThrow().applyTo(ImageMetadata.EMPTY);

        assertThat(withheld.withheld()).isEqualTo("court order 2026/114");
        assertThat(ImageEdited.next(null, ID, withheld, AT, "lan", released).orElseThrow().applyTo(withheld).withheld()).isNull();
        assertThat(ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("withheld", "x".repeat(500)))).isPresent();
        for (Object bad : List.of("   ", "x".repeat(501), 451)) {
            assertThatThrownBy(() -> ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("withheld", bad)))
                    .isInstanceOfSatisfying(InvalidEditException.class, e -> assertThat(e.field()).isEqualTo("withheld"));
        }
    }

    @Test
    void an_invalid_edit_names_its_field() {
        assertThatThrownBy(() -> ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("width", 3)))
                .isInstanceOfSatisfying(InvalidEditException.class, e -> assertThat(e.field()).isEqualTo("width"));
        assertThatThrownBy(() -> ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("keywords", List.of(1))))
                .isInstanceOfSatisfying(InvalidEditException.class, e -> assertThat(e.field()).isEqualTo("keywords"));
        assertThatThrownBy(() -> ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("headline", "x".repeat(20_001))))
                .isInstanceOfSatisfying(InvalidEditException.class, e -> assertThat(e.field()).isEqualTo("headline"));
    }

    @Test
    void the_history_reads_back_from_json_with_old_values_written_even_when_null() throws Exception {
        ImageEdited edit = ImageEdited.next(null, ID, ImageMetadata.EMPTY, AT, "lan", Map.of("headline", "New")).orElseThrow();

        String json = Json.toText(edit);

        assertThat(Json.mapper().readTree(json).path("history").path(0).path("changes").path("headline").toString())
                .isEqualTo("{\"old\":null,\"new\":\"New\"}");
        assertThat(Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), ImageEvent.class)).isEqualTo(edit);
    }

    @Test
    void an_edit_written_before_history_was_kept_reads_as_one_edit() {
        String older = "{\"type\":\"ImageEdited\",\"schema\":1,\"id\":\"" + ID + "\",\"at\":\"2025-10-26T09:00:00Z\","
                + "\"editor\":\"desk\",\"changes\":{\"headline\":\"Summit\"}}";

        ImageEdited edit = (ImageEdited) Json.read(older.getBytes(java.nio.charset.StandardCharsets.UTF_8), ImageEvent.class);

        assertThat(edit.version()).isEqualTo(1);
        assertThat(edit.history()).isEmpty();
        assertThat(edit.applyTo(ImageMetadata.EMPTY).provenance()).containsEntry("headline", "edit:desk");
    }

    @Test
    void the_history_keeps_the_latest_thousand_edits_while_the_version_counts_them_all() {
        ImageEdited edit = null;
        ImageMetadata shown = ImageMetadata.EMPTY;
        for (int i = 1; i <= ImageEdited.MAX_HISTORY + 5; i++) {
            edit = ImageEdited.next(edit, ID, shown, AT.plusSeconds(i), "lan", Map.of("headline", "H" + i)).orElseThrow();
            shown = edit.applyTo(ImageMetadata.EMPTY);
        }

        assertThat(edit.version()).isEqualTo(ImageEdited.MAX_HISTORY + 5);
        assertThat(edit.history()).hasSize(ImageEdited.MAX_HISTORY);
        assertThat(edit.history().get(0).changes().get("headline").after()).isEqualTo("H6");
        assertThat(shown.headline()).isEqualTo("H" + (ImageEdited.MAX_HISTORY + 5));
    }

    @Test
    void the_history_drops_its_oldest_edits_to_stay_well_below_the_size_of_a_kafka_record() {
        ImageEdited edit = null;
        ImageMetadata shown = ImageMetadata.EMPTY;
        for (int i = 0; i < 20; i++) {
            String caption = "ছবি " + i + " " + "ক".repeat(19_000);
            edit = ImageEdited.next(edit, ID, shown, AT.plusSeconds(i), "lan", Map.of("description", caption)).orElseThrow();
            shown = edit.applyTo(ImageMetadata.EMPTY);
        }

        assertThat(Json.toBytes(edit).length).isLessThan(1_000_000);
        assertThat(edit.history().size()).isBetween(2, 19);
        assertThat(edit.version()).isEqualTo(20);
    }

    @Test
    void the_record_shows_its_version_and_edits() throws Exception {
        ImageUploaded uploaded = new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 99, SuppliedMetadata.NONE);
        ImageProcessed processed = new ImageProcessed(ID, AT, ImageMetadata.builder().headline("Old").build(), List.of());
        ImageEdited edit = ImageEdited.next(null, ID, ImageRecord.of(uploaded, processed).metadata(), AT, "lan",
                Map.of("headline", "New")).orElseThrow();

        com.fasterxml.jackson.databind.JsonNode json = Json.mapper().readTree(Json.toText(ImageRecord.of(uploaded, processed, edit)));
        com.fasterxml.jackson.databind.JsonNode never = Json.mapper().readTree(Json.toText(ImageRecord.of(uploaded, processed)));

        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("edits").path(0).path("editor").asText()).isEqualTo("lan");
        assertThat(json.path("edits").path(0).path("changes").path("headline").path("old").asText()).isEqualTo("Old");
        assertThat(json.path("headline").asText()).isEqualTo("New");
        assertThat(json.has("edited")).isFalse();
        assertThat(never.path("version").isInt()).isTrue();
        assertThat(never.path("version").asInt()).isZero();
        assertThat(never.path("edits").isArray()).isTrue();
        ImageRecord read = Json.read(Json.toBytes(ImageRecord.of(uploaded, processed, edit)), ImageRecord.class);
        assertThat(read.metadata()).as("a client reading records back gets the values").isEqualTo(ImageRecord.of(uploaded, processed, edit).metadata());
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.edits()).isEqualTo(edit.history());
    }

    @Test
    void a_record_with_the_next_edit_is_the_record_the_events_make() {
        ImageUploaded uploaded = new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 99, SuppliedMetadata.NONE);
        ImageProcessed processed = new ImageProcessed(ID, AT, ImageMetadata.builder().headline("Old").city("Hue").build(), List.of());
        ImageEdited first = ImageEdited.next(null, ID, processed.metadata(), AT, "lan", Map.of("headline", "New")).orElseThrow();
        ImageRecord once = ImageRecord.of(uploaded, processed, first);
        ImageEdited second = ImageEdited.next(first, ID, once.metadata(), AT.plusSeconds(1), "minh", Map.of("city", "Huế")).orElseThrow();

        assertThat(once.withEdits(second)).isEqualTo(ImageRecord.of(uploaded, processed, second));
        assertThatThrownBy(() -> ImageRecord.of(uploaded, processed, second).withEdits(first))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
