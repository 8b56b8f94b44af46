package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import media.archive.contracts.SuppliedMetadata;
import media.archive.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class SuppliedFieldsTest {
    @Test
    void reads_caption_creator_credit_and_comma_separated_keywords() {
        SuppliedMetadata supplied = SuppliedFields.toMetadata(Map.of(
                "caption", "Ngày hội trên phố cổ Hà Nội.",
                "creator", "Tran Trung",
                "credit", "ছবি: ট্রান ট্রুং",
                "keywords", "Hanoi, festival,, old quarter ,festival"));
        assertThat(supplied.caption()).isEqualTo("Ngày hội trên phố cổ Hà Nội.");
        assertThat(supplied.creator()).isEqualTo("Tran Trung");
        assertThat(supplied.credit()).isEqualTo("ছবি: ট্রান ট্রুং");
        assertThat(supplied.keywords()).containsExactly("Hanoi", "festival", "old quarter");
    }

    @Test
    void reads_an_embargo_as_an_instant_and_refuses_one_that_is_not_naming_the_field() {
        assertThat(SuppliedFields.toMetadata(Map.of("embargoUntil", "2026-12-04T07:00:00+01:00")).embargoUntil())
                .isEqualTo(java.time.Instant.parse("2026-12-04T06:00:00Z"));
        assertThat(SuppliedFields.toMetadata(Map.of("embargoUntil", " ")).embargoUntil()).isNull();
        assertThatThrownBy(() -> SuppliedFields.toMetadata(Map.of("embargoUntil", "4 Dec 2026 06:00")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("embargoUntil");
    }

    @Test
    void gives_no_metadata_when_no_text_was_sent() {
        assertThat(SuppliedFields.toMetadata(Map.of())).isEqualTo(SuppliedMetadata.NONE);
    }

    @Test
    void keeps_paragraphs_in_a_caption_but_drops_other_control_characters() {
        SuppliedMetadata supplied = SuppliedFields.toMetadata(Map.of("caption", "First line\r\nsecond\u0007 line"));
        assertThat(supplied.caption()).isEqualTo("First line\nsecond line");
    }

    @Test
    void makes_names_one_line() {
        SuppliedMetadata supplied = SuppliedFields.toMetadata(Map.of("creator", "Tran\nTrung"));
        assertThat(supplied.creator()).isEqualTo("Tran Trung");
    }

    @Test
    void rejects_a_caption_over_ten_thousand_characters() {
        assertThat(SuppliedFields.toMetadata(Map.of("caption", "x".repeat(10_000))).caption()).hasSize(10_000);
        assertThatThrownBy(() -> SuppliedFields.toMetadata(Map.of("caption", "x".repeat(10_001))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("caption");
    }

    @Test
    void rejects_too_many_or_too_long_keywords() {
        assertThatThrownBy(() -> SuppliedFields.toMetadata(Map.of("keywords", "k".repeat(201))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            many.append("k").append(i).append(',');
        }
        assertThatThrownBy(() -> SuppliedFields.toMetadata(Map.of("keywords", many.toString())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
