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
import media.archive.contracts.ImageRestored;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
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

    @Test
    void a_takedown_leaves_only_the_removal_whichever_order_its_tombstones_and_the_removal_are_read_in() {
        ImageRemoved removal = new ImageRemoved(ID, AT.plusSeconds(100), "admin", "rights withdrawn");
        List<List<Step>> topics = List.of(
                List.of(event(UPLOADED), tombstone(Topics.UPLOADED)),
                List.of(event(PROCESSED), tombstone(Topics.PROCESSED)),
                List.of(event(removal)));

        List<List<Step>> orders = interleavings(topics);

        assertThat(orders).hasSize(30);
        for (List<Step> order : orders) {
            ImageState state = apply(order);
            assertThat(state.record().status()).as(names(order)).isEqualTo(ImageRecord.REMOVED);
            assertThat(state.record().fileName()).as(names(order)).isNull();
            assertThat(state.uploaded()).as("the upload is forgotten, " + names(order)).isNull();
            assertThat(state.outcome()).as("the record is forgotten, " + names(order)).isNull();
        }
    }

    @Test
    void a_removal_forgets_the_content_before_it_even_when_its_tombstones_were_never_read() {
        ImageRemoved removal = new ImageRemoved(ID, AT.plusSeconds(100), "admin", null);

        ImageState live = merge(UPLOADED, PROCESSED, removal);
        ImageState rebuilt = merge(removal, PROCESSED, UPLOADED);

        assertThat(live.uploaded()).isNull();
        assertThat(live.outcome()).isNull();
        assertThat(rebuilt).usingRecursiveComparison().isEqualTo(live);
        assertThat(rebuilt.record()).isEqualTo(ImageRecord.of(null, removal, null));
    }

    @Test
    void a_restored_image_is_its_new_upload_and_record_whichever_order_the_three_topics_are_read_in() {
        ImageRemoved removal = new ImageRemoved(ID, AT.plusSeconds(100), "admin", "rights withdrawn");
        ImageRestored restoration = new ImageRestored(ID, AT.plusSeconds(200), "admin", null);
        ImageUploaded again = new ImageUploaded(ID, AT.plusSeconds(201), "admin", "b.jpg", "image/jpeg", 10, SuppliedMetadata.NONE);
        ImageProcessed processedAgain = new ImageProcessed(ID, AT.plusSeconds(202), ImageMetadata.builder().headline("Again").build(), List.of());
        List<List<Step>> topics = List.of(
                List.of(event(UPLOADED), tombstone(Topics.UPLOADED), event(again)),
                List.of(event(PROCESSED), tombstone(Topics.PROCESSED), event(processedAgain)),
                List.of(event(removal), event(restoration)));

        List<List<Step>> orders = interleavings(topics);

        assertThat(orders).hasSize(560);
        for (List<Step> order : orders) {
            ImageRecord record = apply(order).record();
            assertThat(record.status()).as(names(order)).isEqualTo(ImageRecord.READY);
            assertThat(record.fileName()).as(names(order)).isEqualTo("b.jpg");
            assertThat(record.metadata().headline()).as(names(order)).isEqualTo("Again");
        }
    }

    @Test
    void an_image_restored_before_its_new_upload_is_read_is_no_record_yet_and_then_processing() {
        ImageRemoved removal = new ImageRemoved(ID, AT.plusSeconds(100), "admin", null);
        ImageRestored restoration = new ImageRestored(ID, AT.plusSeconds(200), "admin", null);
        ImageUploaded again = new ImageUploaded(ID, AT.plusSeconds(201), "admin", "b.jpg", "image/jpeg", 10, SuppliedMetadata.NONE);

        ImageState restored = merge(UPLOADED, PROCESSED, removal, restoration);

        assertThat(restored.record()).isNull();
        assertThat(restored.with(again, Json.toBytes(again)).record().status()).isEqualTo(ImageRecord.PROCESSING);
    }

    /** One record of a topic as the index reads it: an event or a tombstone. */
    private record Step(String name, java.util.function.UnaryOperator<ImageState> apply) {
    }

    private static Step event(media.archive.contracts.ImageEvent event) {
        return new Step(event.getClass().getSimpleName() + "@" + event.at(), state -> state.with(event, Json.toBytes(event)));
    }

    private static Step tombstone(String topic) {
        return new Step("tombstone on " + topic, state -> state.erased(topic));
    }

    private static ImageState apply(List<Step> order) {
        ImageState state = ImageState.empty(ID);
        for (Step step : order) {
            state = step.apply().apply(state);
        }
        return state;
    }

    private static String names(List<Step> order) {
        return order.stream().map(Step::name).toList().toString();
    }

    /** Every order in which the records of {@code topics} can be read, each topic's own order kept. */
    private static List<List<Step>> interleavings(List<List<Step>> topics) {
        if (topics.stream().allMatch(List::isEmpty)) {
            return List.of(List.of());
        }
        List<List<Step>> orders = new java.util.ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            if (topics.get(t).isEmpty()) {
                continue;
            }
            List<List<Step>> rest = new java.util.ArrayList<>(topics);
            rest.set(t, topics.get(t).subList(1, topics.get(t).size()));
            for (List<Step> tail : interleavings(rest)) {
                List<Step> order = new java.util.ArrayList<>();
                order.add(topics.get(t).get(0));
                order.addAll(tail);
                orders.add(order);
            }
        }
        return orders;
    }

    private static ImageState merge(media.archive.contracts.ImageEvent... events) {
        ImageState state = ImageState.empty(ID);
        for (media.archive.contracts.ImageEvent event : events) {
            state = state.with(event, Json.toBytes(event));
        }
        return state;
    }
}
