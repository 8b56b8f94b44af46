package media.archive.api.galleries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import media.archive.contracts.ImageMetadata;
import org.junit.jupiter.api.Test;

class GalleryCreditTest {
    private static final ImageMetadata TRAN_TRUNG = ImageMetadata.builder().creator(List.of("ট্রান ট্রুং")).build();

    @Test
    void the_label_follows_the_gallery_language() {
        assertThat(GalleryCredit.label("bn")).isEqualTo("ছবি");
        assertThat(GalleryCredit.label("vi")).isEqualTo("Ảnh");
        assertThat(GalleryCredit.label("en")).isEqualTo("Photo");
        assertThat(GalleryCredit.label("de")).isEqualTo("Foto");
        assertThat(GalleryCredit.label("es")).isEqualTo("Foto");
    }

    @Test
    void a_regional_tag_takes_its_language_label_and_an_unknown_language_is_credited_in_english() {
        assertThat(GalleryCredit.label("bn-BD")).isEqualTo("ছবি");
        assertThat(GalleryCredit.label("es-419")).isEqualTo("Foto");
        assertThat(GalleryCredit.label("fi")).isEqualTo("Photo");
        assertThat(GalleryCredit.label(null)).isEqualTo("Photo");
    }

    @Test
    void the_seed_gallery_credit_is_the_bengali_label_and_the_creator_in_parentheses() {
        assertThat(GalleryCredit.shown("bn", TRAN_TRUNG, null)).isEqualTo("(ছবি: ট্রান ট্রুং)");
        assertThat(GalleryCredit.shown("vi", ImageMetadata.builder().creator(List.of("Trần Trung")).build(), null))
                .isEqualTo("(Ảnh: Trần Trung)");
    }

    @Test
    void a_credit_that_differs_from_the_creator_follows_it_after_a_slash() {
        ImageMetadata both = ImageMetadata.builder().creator(List.of("Trần Trung")).credit("Báo Quốc tế").build();
        ImageMetadata same = ImageMetadata.builder().creator(List.of("Trần Trung")).credit("Trần Trung").build();
        ImageMetadata creditOnly = ImageMetadata.builder().credit("Reuters").build();

        assertThat(GalleryCredit.shown("de", both, null)).isEqualTo("(Foto: Trần Trung / Báo Quốc tế)");
        assertThat(GalleryCredit.shown("de", same, null)).isEqualTo("(Foto: Trần Trung)");
        assertThat(GalleryCredit.shown("en", creditOnly, null)).isEqualTo("(Photo: Reuters)");
    }

    @Test
    void the_item_credit_line_replaces_the_made_credit() {
        assertThat(GalleryCredit.shown("bn", TRAN_TRUNG, "ছবি: বার্তা সংস্থা")).isEqualTo("(ছবি: বার্তা সংস্থা)");
    }

    @Test
    void an_image_that_names_nobody_has_no_credit() {
        assertThat(GalleryCredit.shown("bn", ImageMetadata.EMPTY, null)).isNull();
        assertThat(GalleryCredit.shown("bn", ImageMetadata.builder().creator(List.of(" ")).build(), "  ")).isNull();
    }
}
