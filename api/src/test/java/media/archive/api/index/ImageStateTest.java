package media.archive.api.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.SuppliedMetadata;
import org.junit.jupiter.api.Test;

class ImageStateTest {
    private static final ImageId ID = ImageId.parse("cd".repeat(32));
    private static final Instant AT = Instant.parse("2025-10-26T09:00:00Z");
    private static final ImageUploaded UPLOADED = new ImageUploaded(ID, AT, "tran", "a.jpg", "image/jpeg", 10, SuppliedMetadata.NONE);
    private static final ImageProcessed PROCESSED = new ImageProcessed(ID, AT, ImageMetadata.builder().headline("Old").build(), List.of());

    @Test
    void the_latest_edit_gives_the_record_its_values_version_and_history_whatever_the_order_of_the_topics() {
        ImageEdited first = ImageEdited.next(null, ID, PROCESSED.metadata(), AT, "lan", Map.of("headline", "New")).orElseThrow();
        ImageEdited second = ImageEdited.next(first, ID, first.applyTo(PROCESSED.metadata()), AT.plusSeconds(5), "minh",
                Map.of("credit", "AFP")).orElseThrow();

        ImageRecord editsFirst = merge(first, second, UPLOADED, PROCESSED).record();
        ImageRecord editsLast = merge(UPLOADED, PROCESSED, first, second).record();

        assertThat(editsFirst).isEqualTo(editsLast);
        assertThat(editsLast.version()).isEqualTo(2);
        assertThat(editsLast.metadata().headline()).isEqualTo("New");
        assertThat(editsLast.metadata().credit()).isEqualTo("AFP");
        assertThat(editsLast.edits()).extracting(ImageEdited.Entry::editor).containsExactly("lan", "minh");
    }

    @Test
    void a_removed_image_keeps_no_edits_and_ignores_later_ones_as_a_rebuilt_index_would() {
        ImageEdited edit = ImageEdited.next(null, ID, PROCESSED.metadata(), AT, "lan", Map.of("headline", "New")).orElseThrow();
        ImageRemoved removal = new ImageRemoved(ID, AT.plusSeconds(60), "admin", null);
        ImageEdited late = ImageEdited.next(edit, ID, edit.applyTo(PROCESSED.metadata()), AT.plusSeconds(90), "lan",
                Map.of("headline", "Later")).orElseThrow();

        ImageRecord live = merge(UPLOADED, PROCESSED, edit, removal, late).record();
        ImageRecord rebuilt = merge(removal, UPLOADED, PROCESSED).record();

        assertThat(live.status()).isEqualTo(ImageRecord.REMOVED);
        assertThat(live).isEqualTo(rebuilt);
        assertThat(live.version()).isZero();
    }

    private static ImageState merge(media.archive.contracts.ImageEvent... events) {
        ImageState state = ImageState.empty(ID);
        for (media.archive.contracts.ImageEvent event : events) {
            state = state.with(event, Json.toBytes(event));
        }
        return state;
    }
}
