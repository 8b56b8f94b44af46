package media.archive.api.index;

import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRemovalTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private final List<ImageId> changed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        index = ImageIndex.open(dir);
        index.addChangeListener(changed::add);
        feeder = new IndexFeeder(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void a_removal_on_the_edits_topic_marks_the_image_removed_and_tells_the_listeners() {
        ImageId id = id("removed");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Tran Trung").build()));
        changed.clear();

        remove(id);

        assertThat(index.find(id).orElseThrow().status()).isEqualTo(ImageRecord.REMOVED);
        assertThat(changed).containsExactly(id);
    }

    @Test
    void removal_is_final_even_when_the_processor_answers_again() {
        ImageId id = id("removed for good");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));
        remove(id);

        feeder.feed(processed(id, metadata().creator("Again").build()), uploaded(id, MORNING.plusSeconds(60)));

        assertThat(index.find(id).orElseThrow().status()).isEqualTo(ImageRecord.REMOVED);
    }

    @Test
    void the_removal_survives_a_restart_of_the_index() {
        ImageId id = id("removed and reopened");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));
        remove(id);
        index.close();

        index = ImageIndex.open(dir);

        assertThat(index.find(id).orElseThrow().status()).isEqualTo(ImageRecord.REMOVED);
    }

    @Test
    void tombstones_read_before_the_removal_leave_a_removed_image_without_its_content() {
        ImageId id = id("taken down");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Tran Trung").build()));

        feeder.apply(List.of(feeder.record(Topics.UPLOADED, id.value(), null), feeder.record(Topics.PROCESSED, id.value(), null)));
        assertThat(index.find(id)).as("nothing is left of it").isEmpty();
        remove(id);

        ImageRecord record = index.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageRecord.REMOVED);
        assertThat(record.fileName()).isNull();
        assertThat(record.metadata().creator()).isEmpty();
    }

    @Test
    void tombstones_read_after_the_removal_keep_it_removed_across_a_restart() {
        ImageId id = id("taken down, then tombstoned");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));
        remove(id);

        feeder.apply(List.of(feeder.record(Topics.UPLOADED, id.value(), null), feeder.record(Topics.PROCESSED, id.value(), null)));
        index.close();
        index = ImageIndex.open(dir);

        assertThat(index.find(id).orElseThrow().status()).isEqualTo(ImageRecord.REMOVED);
    }

    private void remove(ImageId id) {
        ImageRemoved removal = new ImageRemoved(id, MORNING.plusSeconds(3600), "admin", "rights withdrawn");
        feeder.apply(List.of(feeder.record(Topics.EDITS, id.value(), Json.toBytes(removal))));
    }
}
