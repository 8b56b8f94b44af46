package media.archive.api.index;

import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIndexRebuildTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path parent;

    @Test
    void an_index_of_an_older_format_answers_until_its_rebuild_has_caught_up() throws IOException {
        Path dir = parent.resolve("index");
        ImageId old = id("old");
        writeFormatOneIndex(dir, old);

        try (ImageIndex index = ImageIndex.open(dir)) {
            assertThat(index.isServingPrevious()).isTrue();
            assertThat(index.find(old)).isPresent();

            ImageId fresh = id("fresh");
            new IndexFeeder(index).feed(uploaded(fresh, MORNING), uploaded(old, MORNING));
            assertThat(index.find(fresh)).as("still the previous index").isEmpty();

            index.promoteRebuild();

            assertThat(index.isServingPrevious()).isFalse();
            assertThat(index.find(fresh)).isPresent();
            assertThat(index.find(old)).isPresent();
            assertThat(Files.exists(parent.resolve("index.rebuild"))).isFalse();
            assertThat(Files.exists(parent.resolve("index.previous"))).isFalse();
        }
        try (ImageIndex reopened = ImageIndex.open(dir)) {
            assertThat(reopened.isServingPrevious()).isFalse();
            assertThat(reopened.find(id("fresh"))).isPresent();
            assertThat(reopened.committedOffsets()).isNotEmpty();
        }
    }

    @Test
    void a_rebuild_interrupted_by_a_restart_resumes_from_its_own_offsets() throws IOException {
        Path dir = parent.resolve("index");
        ImageId old = id("old");
        writeFormatOneIndex(dir, old);
        ImageId fresh = id("fresh");
        try (ImageIndex index = ImageIndex.open(dir)) {
            new IndexFeeder(index).feed(uploaded(fresh, MORNING));
        }

        try (ImageIndex index = ImageIndex.open(dir)) {
            assertThat(index.isServingPrevious()).isTrue();
            assertThat(index.committedOffsets()).isNotEmpty();
            assertThat(index.find(old)).isPresent();
            index.promoteRebuild();
            assertThat(index.find(fresh)).isPresent();
            assertThat(index.find(old)).as("only what the topics told the rebuild").isEmpty();
        }
    }

    @Test
    void a_deleted_index_directory_is_built_again_in_place() throws IOException {
        Path dir = parent.resolve("index");
        try (ImageIndex index = ImageIndex.open(dir)) {
            assertThat(index.isServingPrevious()).isFalse();
            new IndexFeeder(index).feed(uploaded(id("one"), MORNING));
            assertThat(index.find(id("one"))).isPresent();
        }
    }

    /** An index as the previous version wrote it: stored upload JSON, format "1" in the commit. */
    static void writeFormatOneIndex(Path dir, ImageId id) throws IOException {
        Files.createDirectories(dir);
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField(IndexFields.ID, id.value(), Field.Store.YES));
            // Format 1 sorted by the id as doc values, a field the index no longer has.
            doc.add(new SortedDocValuesField("id_sort", new BytesRef(id.value())));
            doc.add(new StoredField(IndexFields.UPLOADED_JSON, Json.toBytes(uploaded(id, MORNING))));
            writer.addDocument(doc);
            writer.setLiveCommitData(Map.of(CommitData.FORMAT_KEY, "1").entrySet());
            writer.commit();
        }
    }
}
