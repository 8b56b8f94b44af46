package media.archive.api.index;

import static media.archive.api.index.Events.failed;
import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIndexTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;

    @BeforeEach
    void open() {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void an_upload_alone_is_processing_and_shows_what_the_photographer_supplied() {
        ImageId id = id("a");
        feeder.feed(uploaded(id, MORNING, new SuppliedMetadata("Ha Noi at dawn", "Trần Trung", null, List.of("dawn"))));

        ImageRecord record = index.find(id).orElseThrow();

        assertThat(record.status()).isEqualTo(ImageRecord.PROCESSING);
        assertThat(record.uploadedAt()).isEqualTo(MORNING);
        assertThat(record.metadata().creator()).containsExactly("Trần Trung");
        assertThat(record.metadata().description()).isEqualTo("Ha Noi at dawn");
    }

    @Test
    void outcome_arriving_before_its_upload_merges_into_one_ready_record() {
        ImageId id = id("b");
        feeder.feed(processed(id, metadata().creator("Trần Trung").build()));
        assertThat(index.find(id).orElseThrow().uploadedAt()).isNull();

        feeder.feed(uploaded(id, MORNING));

        ImageRecord record = index.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageRecord.READY);
        assertThat(record.uploadedAt()).isEqualTo(MORNING);
        assertThat(record.metadata().creator()).containsExactly("Trần Trung");
        assertThat(record.renditions()).extracting("name").containsExactly("thumb");
    }

    @Test
    void upload_and_outcome_in_one_batch_merge_before_anything_is_committed() {
        ImageId id = id("c");

        feeder.feed(processed(id, metadata().headline("Signing ceremony").build()), uploaded(id, MORNING));

        ImageRecord record = index.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageRecord.READY);
        assertThat(record.uploadedAt()).isEqualTo(MORNING);
        assertThat(record.metadata().headline()).isEqualTo("Signing ceremony");
    }

    @Test
    void the_latest_outcome_wins() {
        ImageId id = id("d");
        feeder.feed(uploaded(id, MORNING), failed(id));
        assertThat(index.find(id).orElseThrow().failure().reason()).isEqualTo(ImageFailed.UNDECODABLE);

        feeder.feed(processed(id, metadata().title("Second try").build()));

        ImageRecord record = index.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageRecord.READY);
        assertThat(record.failure()).isNull();
        assertThat(record.metadata().title()).isEqualTo("Second try");
    }

    @Test
    void a_failed_image_says_why() {
        ImageId id = id("e");

        feeder.feed(failed(id), uploaded(id, MORNING));

        ImageRecord record = index.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageRecord.FAILED);
        assertThat(record.failure().reason()).isEqualTo(ImageFailed.UNDECODABLE);
        assertThat(record.failure().message()).isNotBlank();
    }

    @Test
    void each_image_has_one_document_however_many_events_it_has() {
        ImageId id = id("f");

        feeder.feed(uploaded(id, MORNING));
        feeder.feed(uploaded(id, MORNING.plusSeconds(60)), processed(id, metadata().build()));
        feeder.feed(processed(id, metadata().build()));

        int documents = index.withSearcher(searcher -> searcher.getIndexReader().numDocs());
        assertThat(documents).isEqualTo(1);
        assertThat(index.find(id).orElseThrow().uploadedAt()).isEqualTo(MORNING.plusSeconds(60));
    }

    @Test
    void an_event_about_an_image_written_but_not_yet_committed_merges_into_its_document() throws Exception {
        ImageId id = id("h");
        ImageId other = id("i");
        feeder.stage(uploaded(id, MORNING), processed(id, metadata().headline("First outcome").build()), uploaded(other, MORNING));
        // The image is complete, so it is written at once and its staged state let go of.
        feeder.stage(processed(id, metadata().headline("Second outcome").build()));
        index.commit();

        ImageRecord record = index.find(id).orElseThrow();
        assertThat(record.uploadedAt()).isEqualTo(MORNING);
        assertThat(record.metadata().headline()).isEqualTo("Second outcome");
        assertThat(index.find(other).orElseThrow().status()).isEqualTo(ImageRecord.PROCESSING);
        int documents = index.withSearcher(searcher -> searcher.getIndexReader().numDocs());
        assertThat(documents).isEqualTo(2);
        assertThat(index.takeLookupRefreshes()).isEqualTo(1);
    }

    @Test
    void unreadable_and_unknown_records_are_skipped_and_counted_without_stopping_the_batch() {
        ImageId good = id("g");
        String badId = "{\"type\":\"ImageUploaded\",\"schema\":1,\"id\":\"../../etc\",\"at\":\"2025-10-25T08:00:00Z\","
                + "\"contentType\":\"image/jpeg\",\"bytes\":1}";
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                feeder.record(Topics.UPLOADED, "k", "not json at all".getBytes(StandardCharsets.UTF_8)),
                feeder.record(Topics.UPLOADED, "k", "[1,2,3]".getBytes(StandardCharsets.UTF_8)),
                feeder.record(Topics.UPLOADED, "k", "{\"schema\":1}".getBytes(StandardCharsets.UTF_8)),
                feeder.record(Topics.UPLOADED, "k", badId.getBytes(StandardCharsets.UTF_8)),
                feeder.record(Topics.UPLOADED, "k", new byte[] {(byte) 0xff, 0, 1}),
                feeder.record(Topics.EDITS, "k", "{\"type\":\"CaptionEdited\",\"schema\":1}".getBytes(StandardCharsets.UTF_8)),
                feeder.record(Topics.EDITS, "k", null),
                feeder.record(Topics.UPLOADED, good.value(), Json.toBytes(uploaded(good, MORNING))));

        ImageIndex.BatchOutcome outcome = feeder.apply(batch);

        assertThat(outcome).isEqualTo(new ImageIndex.BatchOutcome(1, 2, 5));
        assertThat(index.find(good)).isPresent();
        assertThat(index.committedOffsets()).containsEntry(new TopicPartition(Topics.UPLOADED, 0), 6L)
                .containsEntry(new TopicPartition(Topics.EDITS, 0), 2L);
    }

    @Test
    void documents_and_offsets_survive_reopening_together() {
        ImageId id = id("h");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));
        Map<TopicPartition, Long> offsets = index.committedOffsets();
        index.close();

        index = ImageIndex.open(dir);

        assertThat(offsets).containsEntry(new TopicPartition(Topics.UPLOADED, 0), 1L)
                .containsEntry(new TopicPartition(Topics.PROCESSED, 0), 1L);
        assertThat(index.committedOffsets()).isEqualTo(offsets);
        assertThat(index.find(id).orElseThrow().status()).isEqualTo(ImageRecord.READY);
    }

    @Test
    void an_index_of_another_format_is_rebuilt_from_the_start_of_the_topics() throws Exception {
        index.close();
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter old = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer())
                     .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
            Document doc = new Document();
            doc.add(new StringField(IndexFields.ID, id("old").value(), Field.Store.YES));
            old.addDocument(doc);
            old.setLiveCommitData(Map.of("offset:media.uploaded:0", "42").entrySet());
            old.commit();
        }

        index = ImageIndex.open(dir);

        assertThat(index.committedOffsets()).isEmpty();
        assertThat(index.isServingPrevious()).isTrue();
        assertThat(index.find(id("old"))).isEmpty();
        index.promoteRebuild();
        assertThat(index.isServingPrevious()).isFalse();
    }

    @Test
    void an_image_never_seen_is_not_found() {
        assertThat(index.find(id("nothing"))).isEmpty();
    }
}
