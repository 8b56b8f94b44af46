package media.archive.api.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.SuppliedMetadata;
import media.archive.metadata.writer.WrittenMetadata;
import media.archive.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class DownloadsTest {
    private static final ImageId ID = Events.id("downloads");

    @Test
    void the_file_name_is_the_uploaded_name_with_the_variant_in_safe_ascii() {
        assertThat(Downloads.disposition(record("DSC_0001.JPG", "image/jpeg"), "large", "image/jpeg"))
                .isEqualTo("attachment; filename=\"DSC_0001-large.jpg\"");
        assertThat(Downloads.disposition(record("IMG 2927.heic", "image/heic"), "original", "image/heic"))
                .isEqualTo("attachment; filename=\"IMG_2927-original.heic\"; filename*=UTF-8''IMG%202927-original.heic");
    }

    @Test
    void a_non_ascii_name_is_folded_for_filename_and_kept_whole_in_filename_star() {
        assertThat(Downloads.disposition(record("Đà Nẵng.jpg", "image/jpeg"), "thumb", "image/jpeg"))
                .isEqualTo("attachment; filename=\"Da_Nang-thumb.jpg\"; filename*=UTF-8''%C4%90%C3%A0%20N%E1%BA%B5ng-thumb.jpg");
        assertThat(Downloads.disposition(record("ঢাকা.jpg", "image/jpeg"), "thumb", "image/jpeg"))
                .startsWith("attachment; filename=\"" + ID.value() + "-thumb.jpg\"; filename*=UTF-8''%E0%A6%A2");
    }

    @Test
    void hostile_names_cannot_break_out_of_the_header_or_into_folders() {
        String header = Downloads.disposition(record("../../etc/pa\"ss\r\nX-Evil: 1.jpg", "image/jpeg"), "large", "image/jpeg");

        assertThat(header).doesNotContain("\r", "\n", "/", "..").startsWith("attachment; filename=\"passX-Evil_1-large.jpg\"");
        assertThat(Downloads.disposition(record(null, "application/octet-stream"), "original", "application/octet-stream"))
                .isEqualTo("attachment; filename=\"" + ID.value() + "-original.bin\"");
    }

    @Test
    void download_is_asked_for_with_1_and_refused_with_anything_unknown() {
        assertThat(Downloads.requested(null)).isFalse();
        assertThat(Downloads.requested("0")).isFalse();
        assertThat(Downloads.requested("1")).isTrue();
        assertThat(Downloads.requested("true")).isTrue();
        assertThatThrownBy(() -> Downloads.requested("yes")).isInstanceOf(ApiException.class);
    }

    @Test
    void the_written_fields_are_the_record_current_values() {
        ImageRecord record = ImageRecord.of(new ImageUploaded(ID, java.time.Instant.EPOCH, "p", "a.jpg", "image/jpeg", 1L,
                        SuppliedMetadata.NONE),
                Events.processed(ID, Events.metadata().creator("Trần Trung").credit("AFP").description("caption").headline("head").build()),
                new media.archive.contracts.ImageEdited(ID, java.time.Instant.EPOCH, "desk",
                        Map.of("usageTerms", "no sales", "instructions", "Newsmagazines Out", "copyright", "© AFP")));

        assertThat(Downloads.writtenMetadata(record)).isEqualTo(new WrittenMetadata("caption", "head", List.of("Trần Trung"), "AFP",
                "© AFP", "no sales", "Newsmagazines Out"));
    }

    private static ImageRecord record(String fileName, String contentType) {
        return ImageRecord.of(new ImageUploaded(ID, java.time.Instant.EPOCH, "p", fileName, contentType, 1L, SuppliedMetadata.NONE), null);
    }
}
