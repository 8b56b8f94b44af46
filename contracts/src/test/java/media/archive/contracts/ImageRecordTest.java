package media.archive.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRecordTest {
    private static final ImageId ID = ImageId.fromDigest(new byte[32]);
    private static final Instant AT = Instant.parse("2025-10-03T08:15:00Z");
    private static final ImageUploaded UPLOADED = new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 99,
            new SuppliedMetadata("caption typed at upload", "Trần Trung", null, List.of("gallery")));

    @Test
    void an_image_is_processing_until_the_processor_answers_and_shows_what_was_typed_at_upload() {
        ImageRecord record = ImageRecord.of(UPLOADED, null);

        assertThat(record.status()).isEqualTo(ImageRecord.PROCESSING);
        assertThat(record.metadata().creator()).containsExactly("Trần Trung");
        assertThat(record.metadata().description()).isEqualTo("caption typed at upload");
        assertThat(record.metadata().keywords()).containsExactly("gallery");
        assertThat(record.uploader()).isEqualTo("tran");
    }

    @Test
    void a_processed_image_is_ready_with_its_metadata_and_renditions() {
        ImageMetadata metadata = ImageMetadata.builder().width(10).height(20).orientation(1)
                .creator(List.of("A")).credit("C").description("D").build();
        Rendition thumb = new Rendition("thumb", 128, 256, 100, "image/jpeg", "renditions/x/thumb.jpg");

        ImageRecord record = ImageRecord.of(UPLOADED, new ImageProcessed(ID, AT, metadata, List.of(thumb)));

        assertThat(record.status()).isEqualTo(ImageRecord.READY);
        assertThat(record.metadata().width()).isEqualTo(10);
        assertThat(record.rendition("thumb")).contains(thumb);
        assertThat(record.rendition("large")).isEmpty();
        assertThat(record.bytes()).isEqualTo(99L);
    }

    @Test
    void the_record_json_names_every_field_at_the_top_level_as_before() throws Exception {
        ImageMetadata metadata = ImageMetadata.builder().width(10).height(20).creator(List.of("A")).credit("C")
                .raw(Map.of("credit", "c")).provenance(Map.of("credit", "IPTC:Credit")).build();
        ImageRecord record = ImageRecord.of(UPLOADED, new ImageProcessed(ID, AT, metadata, List.of()));

        com.fasterxml.jackson.databind.JsonNode json = Json.mapper().readTree(Json.toText(record));

        assertThat(json.has("metadata")).isFalse();
        assertThat(json.path("width").asInt()).isEqualTo(10);
        assertThat(json.path("creator").get(0).asText()).isEqualTo("A");
        assertThat(json.path("provenance").path("credit").asText()).isEqualTo("IPTC:Credit");
        assertThat(json.path("uploader").asText()).isEqualTo("tran");
        assertThat(json.path("status").asText()).isEqualTo("ready");
    }

    @Test
    void a_failed_image_says_why_even_before_its_upload_event_was_seen() {
        ImageRecord record = ImageRecord.of(null, new ImageFailed(ID, AT, ImageFailed.UNDECODABLE, "no frame header", null));

        assertThat(record.status()).isEqualTo(ImageRecord.FAILED);
        assertThat(record.failure()).isEqualTo(new ImageRecord.Failure("undecodable", "no frame header"));
        assertThat(record.uploadedAt()).isNull();
    }

    @Test
    void ids_are_sha256_hex_and_nothing_else() {
        assertThat(ImageId.isValid("0".repeat(64))).isTrue();
        assertThat(ImageId.isValid("0".repeat(63))).isFalse();
        assertThat(ImageId.isValid("A".repeat(64))).isFalse();
        assertThat(ImageId.isValid("../" + "0".repeat(61))).isFalse();
        assertThat(ObjectKeys.isRenditionName("thumb")).isTrue();
        assertThat(ObjectKeys.isRenditionName("../thumb")).isFalse();
        assertThat(ObjectKeys.original(ID)).isEqualTo("originals/" + ID.value());
    }
}
