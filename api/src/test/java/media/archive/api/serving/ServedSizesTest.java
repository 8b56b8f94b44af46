package media.archive.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import org.junit.jupiter.api.Test;

class ServedSizesTest {
    private static final ImageId ID = Events.id("served sizes");

    @Test
    void widths_wider_than_every_rendition_come_from_an_upright_original_only() {
        ImageRecord upright = record(1500, 1000, 1);
        ImageRecord turned = record(1500, 1000, 6);

        assertThat(ServedSizes.all(upright, ServingConfig.DEFAULT_WIDTHS)).extracting(ServedSizes.Size::width)
                .containsExactly(256, 320, 480, 640, 800, 1024, 1280);
        assertThat(ServedSizes.all(turned, ServingConfig.DEFAULT_WIDTHS)).extracting(ServedSizes.Size::width)
                .containsExactly(256, 320, 480, 640, 800, 1024);
        assertThat(ServedSizes.variantWidth(upright, 1600)).isEqualTo(1500);
        assertThat(ServedSizes.variantWidth(turned, 1600)).isEqualTo(1024);
    }

    @Test
    void the_largest_size_that_fits_both_bounds_is_chosen() {
        ImageRecord record = record(1500, 1000, 1);

        assertThat(ServedSizes.largestFitting(record, ServingConfig.DEFAULT_WIDTHS, 700, null).orElseThrow())
                .isEqualTo(new ServedSizes.Size("/v1/images/" + ID + "/renditions/medium?v=" + RenditionRights.version(record) + "&w=640",
                        640, 427));
        assertThat(ServedSizes.largestFitting(record, ServingConfig.DEFAULT_WIDTHS, 2000, 400).orElseThrow().width()).isEqualTo(480);
        assertThat(ServedSizes.largestFitting(record, ServingConfig.DEFAULT_WIDTHS, null, null).orElseThrow().width()).isEqualTo(1280);
        assertThat(ServedSizes.largestFitting(record, ServingConfig.DEFAULT_WIDTHS, 100, null)).isEmpty();
    }

    @Test
    void a_picture_smaller_than_the_renditions_lists_its_width_once() {
        List<Rendition> renditions = List.of(
                new Rendition("thumb", 38, 50, 900, "image/jpeg", ObjectKeys.rendition(ID, "thumb", "jpg")),
                new Rendition("medium", 38, 50, 900, "image/jpeg", ObjectKeys.rendition(ID, "medium", "jpg")),
                new Rendition("large", 38, 50, 900, "image/jpeg", ObjectKeys.rendition(ID, "large", "jpg")));
        ImageProcessed processed = new ImageProcessed(ID, Instant.parse("2025-10-25T10:00:00Z"),
                ImageMetadata.builder().width(38).height(50).orientation(1).build(), renditions);
        ImageRecord record = ImageRecord.of(Events.uploaded(ID, Instant.parse("2025-10-25T09:59:00Z")), processed);

        assertThat(ServedSizes.all(record, ServingConfig.DEFAULT_WIDTHS))
                .containsExactly(new ServedSizes.Size("/v1/images/" + ID + "/renditions/thumb?v=" + RenditionRights.version(record), 38, 50));
    }

    @Test
    void every_path_carries_the_rights_version_which_changes_with_the_credit_and_not_with_anything_else() {
        ImageRecord record = record(1500, 1000, 1, ImageMetadata.builder());
        ImageRecord recredited = record(1500, 1000, 1, ImageMetadata.builder().credit("AFP"));
        ImageRecord withCamera = record(1500, 1000, 1, ImageMetadata.builder().make("Nikon"));

        String version = RenditionRights.version(record);
        assertThat(version).matches("[A-Za-z0-9_-]{8}");
        assertThat(ServedSizes.all(record, ServingConfig.DEFAULT_WIDTHS)).extracting(ServedSizes.Size::path)
                .allMatch(path -> path.contains("?v=" + version));
        assertThat(ServedSizes.path(record, "thumb")).isEqualTo("/v1/images/" + ID + "/renditions/thumb?v=" + version);
        assertThat(RenditionRights.version(recredited)).isNotEqualTo(version);
        assertThat(RenditionRights.version(withCamera)).isEqualTo(version);
        assertThat(RenditionRights.version(record)).isSameAs(version);
    }

    private static ImageRecord record(int width, int height, int orientation) {
        return record(width, height, orientation, ImageMetadata.builder());
    }

    private static ImageRecord record(int width, int height, int orientation, ImageMetadata.Builder metadata) {
        List<Rendition> renditions = List.of(
                new Rendition("thumb", 256, 171, 9_000, "image/jpeg", ObjectKeys.rendition(ID, "thumb", "jpg")),
                new Rendition("medium", 1024, 683, 90_000, "image/jpeg", ObjectKeys.rendition(ID, "medium", "jpg")));
        ImageProcessed processed = new ImageProcessed(ID, Instant.parse("2025-10-25T10:00:00Z"),
                metadata.width(width).height(height).orientation(orientation).build(), renditions);
        return ImageRecord.of(Events.uploaded(ID, Instant.parse("2025-10-25T09:59:00Z")), processed);
    }
}
