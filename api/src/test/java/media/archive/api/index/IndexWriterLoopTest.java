package media.archive.api.index;

import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop against Kafka's {@link MockConsumer}: assignment, seeking, readiness and shutdown without a broker. */
class IndexWriterLoopTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final TopicPartition UPLOADED = new TopicPartition(Topics.UPLOADED, 0);
    private static final TopicPartition PROCESSED = new TopicPartition(Topics.PROCESSED, 0);
    private static final TopicPartition EDITS = new TopicPartition(Topics.EDITS, 0);

    @TempDir
    Path dir;

    @Test
    void reads_every_partition_from_the_start_and_then_is_caught_up() throws Exception {
        ImageId id = id("loop-a");
        Map<TopicPartition, List<ImageEvent>> log = Map.of(
                UPLOADED, List.of(uploaded(id, MORNING)),
                PROCESSED, List.of(processed(id, metadata().creator("Trần Trung").build())));

        try (ImageIndex index = ImageIndex.open(dir);
             IndexWriterLoop loop = new IndexWriterLoop(index, consumerWith(log, 0), Topics.IMAGES)) {
            assertThat(loop.isCaughtUp()).isFalse();
            loop.start();

            await(loop::isCaughtUp);
            assertThat(index.find(id).orElseThrow().status()).isEqualTo(ImageRecord.READY);
            assertThat(loop.appliedEvents()).isEqualTo(2);
            assertThat(loop.hasFailed()).isFalse();
        }
    }

    @Test
    void a_rebuilt_index_replaces_the_previous_one_once_the_loop_caught_up() throws Exception {
        Path indexDir = dir.resolve("index");
        ImageIndexRebuildTest.writeFormatOneIndex(indexDir, id("old-format"));
        ImageId id = id("loop-rebuilt");

        try (ImageIndex index = ImageIndex.open(indexDir);
             IndexWriterLoop loop = new IndexWriterLoop(index, consumerWith(Map.of(UPLOADED, List.of(uploaded(id, MORNING))), 0), Topics.IMAGES)) {
            assertThat(index.isServingPrevious()).isTrue();
            loop.start();

            await(() -> !index.isServingPrevious());
            assertThat(index.find(id)).isPresent();
            assertThat(loop.hasFailed()).isFalse();
        }
    }

    @Test
    void a_new_loop_resumes_after_the_offsets_stored_in_the_index() throws Exception {
        ImageId first = id("loop-first");
        ImageId second = id("loop-second");
        try (ImageIndex index = ImageIndex.open(dir);
             IndexWriterLoop loop = new IndexWriterLoop(index, consumerWith(Map.of(UPLOADED, List.of(uploaded(first, MORNING))), 0), Topics.IMAGES)) {
            loop.start();
            await(loop::isCaughtUp);
        }

        Map<TopicPartition, List<ImageEvent>> grown = Map.of(UPLOADED, List.of(uploaded(first, MORNING), uploaded(second, MORNING)));
        try (ImageIndex index = ImageIndex.open(dir);
             IndexWriterLoop loop = new IndexWriterLoop(index, consumerWith(grown, 0), Topics.IMAGES)) {
            loop.start();
            await(loop::isCaughtUp);

            assertThat(loop.appliedEvents()).as("only the event after the stored offset").isEqualTo(1);
            assertThat(index.find(first)).isPresent();
            assertThat(index.find(second)).isPresent();
        }
    }

    @Test
    void malformed_events_are_counted_and_the_loop_goes_on() throws Exception {
        ImageId id = id("loop-after-garbage");
        MockConsumer<String, byte[]> consumer = consumerWith(Map.of(), 0);
        try (ImageIndex index = ImageIndex.open(dir);
             IndexWriterLoop loop = new IndexWriterLoop(index, consumer, Topics.IMAGES)) {
            loop.start();
            await(loop::isCaughtUp);

            consumer.addRecord(new ConsumerRecord<>(Topics.UPLOADED, 0, 0, "x", "{oops".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(new ConsumerRecord<>(Topics.UPLOADED, 0, 1, id.value(), Json.toBytes(uploaded(id, MORNING))));

            // The batch is searchable a moment before the loop adds up its counts.
            await(() -> index.find(id).isPresent() && loop.malformedEvents() == 1);
            assertThat(loop.hasFailed()).isFalse();
        }
    }

    @Test
    void an_index_that_cannot_be_written_stops_the_loop_and_says_so() throws Exception {
        ImageId id = id("loop-broken-index");
        ImageIndex index = ImageIndex.open(dir);
        index.close();
        MockConsumer<String, byte[]> consumer = consumerWith(Map.of(UPLOADED, List.of(uploaded(id, MORNING))), 0);
        try (IndexWriterLoop loop = new IndexWriterLoop(index, consumer, Topics.IMAGES)) {
            loop.start();

            await(loop::hasFailed);
            assertThat(loop.isCaughtUp()).isFalse();
        }
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void with_no_topics_yet_it_is_caught_up_and_stops_when_closed() throws Exception {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        try (ImageIndex index = ImageIndex.open(dir);
             IndexWriterLoop loop = new IndexWriterLoop(index, consumer, Topics.IMAGES)) {
            loop.start();
            await(loop::isCaughtUp);
        }
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void closing_a_loop_that_never_started_closes_its_consumer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        try (ImageIndex index = ImageIndex.open(dir)) {
            new IndexWriterLoop(index, consumer, Topics.IMAGES).close();
        }
        assertThat(consumer.closed()).isTrue();
    }

    /** A consumer whose topics each have partition 0 holding {@code log}, from {@code beginning}. */
    private static MockConsumer<String, byte[]> consumerWith(Map<TopicPartition, List<ImageEvent>> log, long beginning) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> begins = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : List.of(UPLOADED, PROCESSED, EDITS)) {
            Node node = new Node(0, "localhost", 9092);
            consumer.updatePartitions(tp.topic(), List.of(new PartitionInfo(tp.topic(), 0, node, new Node[] {node}, new Node[] {node})));
            begins.put(tp, beginning);
            ends.put(tp, (long) log.getOrDefault(tp, List.of()).size());
        }
        consumer.updateBeginningOffsets(begins);
        consumer.updateEndOffsets(ends);
        // Records can only be added once their partitions are assigned, which the loop does on its first turn.
        consumer.schedulePollTask(() -> log.forEach((tp, events) -> {
            for (int offset = 0; offset < events.size(); offset++) {
                ImageEvent event = events.get(offset);
                consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, event.id().value(), Json.toBytes(event)));
            }
        }));
        return consumer;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
