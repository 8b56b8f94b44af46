package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.storage.StorageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer loop against Kafka's own mock clients: what it commits, publishes, skips and retries. */
class ProcessorWorkerTest {
    private static final TopicPartition PARTITION = new TopicPartition(Topics.UPLOADED, 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    /** Every offset the worker committed, readable after the worker closed its consumer. */
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            commits.add(Map.copyOf(offsets));
        }
    };
    private MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private ProcessorWorker worker;
    private Thread thread;

    @AfterEach
    void stopWorker() throws InterruptedException {
        if (worker != null) {
            worker.requestStop();
            assertThat(worker.awaitStop(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void answers_each_upload_keyed_by_image_id_and_commits_after_it() {
        ImageUploaded first = upload("first");
        ImageUploaded second = upload("second");
        start(uploaded -> processed(uploaded), record(0, Json.toBytes(first)), record(1, Json.toBytes(second)));

        await(() -> committed() == 2);

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly(Topics.PROCESSED);
        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactly(first.id().value(), second.id().value());
        assertThat(Json.read(producer.history().get(0).value(), ImageEvent.class)).isInstanceOf(ImageProcessed.class);
    }

    @Test
    void commits_an_offset_only_once_kafka_acknowledged_the_answer() throws InterruptedException {
        producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        start(uploaded -> processed(uploaded), record(0, Json.toBytes(upload("one"))));

        await(() -> producer.history().size() == 1);
        Thread.sleep(300);
        assertThat(committed()).isZero();

        producer.completeNext();
        await(() -> committed() == 1);
    }

    @Test
    void skips_a_malformed_record_and_answers_the_next() {
        ImageUploaded good = upload("good");
        start(uploaded -> processed(uploaded),
                record(0, "this is not JSON".getBytes(StandardCharsets.UTF_8)),
                record(1, "{\"type\":\"ImageUploaded\",\"schema\":1}".getBytes(StandardCharsets.UTF_8)),
                record(2, Json.toBytes(good)));

        await(() -> committed() == 3);

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly(good.id().value());
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void tries_an_image_again_while_storage_is_unreachable_never_skipping_it() {
        ImageUploaded upload = upload("patient");
        ConsumerRecord<String, byte[]> record = record(0, Json.toBytes(upload));
        AtomicInteger attempts = new AtomicInteger();
        start(uploaded -> {
            if (attempts.incrementAndGet() < 3) {
                throw new StorageException("get originals/" + uploaded.id(), new ConnectException("refused"));
            }
            return processed(uploaded);
        }, record);
        // A real broker delivers the record again after the worker rewinds to it.
        for (int i = 0; i < 10; i++) {
            consumer.schedulePollTask(() -> consumer.addRecord(record));
        }

        await(() -> committed() == 1);

        assertThat(attempts).hasValue(3);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void answers_processing_error_when_an_image_breaks_the_processor() {
        ImageUploaded upload = upload("hostile");
        start(uploaded -> {
            throw new IllegalStateException("decoder bug");
        }, record(0, Json.toBytes(upload)));

        await(() -> committed() == 1);

        ImageEvent answer = Json.read(producer.history().get(0).value(), ImageEvent.class);
        assertThat(answer).isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.PROCESSING_ERROR);
            assertThat(failed.id()).isEqualTo(upload.id());
        });
    }

    @Test
    void makes_untrusted_text_safe_for_one_log_line() {
        assertThat(ProcessorWorker.printable("key\nFAKE LOG LINE\u0000")).isEqualTo("key?FAKE LOG LINE?");
        assertThat(ProcessorWorker.printable("x".repeat(500))).hasSize(203);
    }

    @Test
    void stops_without_committing_when_kafka_refuses_it_for_good() {
        producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        start(uploaded -> processed(uploaded), record(0, Json.toBytes(upload("refused"))));
        await(() -> producer.history().size() == 1);

        producer.errorNext(new TopicAuthorizationException(Set.of(Topics.PROCESSED)));

        await(() -> !worker.isRunning());
        assertThat(worker.hasFailed()).isTrue();
        assertThat(consumer.closed()).isTrue();
        assertThat(commits).isEmpty();
    }

    @SafeVarargs
    private void start(ProcessorWorker.ImageHandler handler, ConsumerRecord<String, byte[]>... records) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            for (ConsumerRecord<String, byte[]> record : records) {
                consumer.addRecord(record);
            }
        });
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        worker = new ProcessorWorker(consumer, producer, handler, Duration.ofSeconds(1), CLOCK);
        thread = new Thread(worker, "worker-under-test");
        thread.start();
    }

    /** The last offset committed for the partition, 0 when none was. */
    private long committed() {
        return commits.stream().map(c -> c.get(PARTITION)).filter(Objects::nonNull)
                .mapToLong(OffsetAndMetadata::offset).max().orElse(0);
    }

    private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(Topics.UPLOADED, 0, offset, "key-" + offset, value);
    }

    private static ImageUploaded upload(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return new ImageUploaded(ImageId.fromDigest(digest), CLOCK.instant(), "photographer", content + ".jpg",
                    "image/jpeg", 1234, SuppliedMetadata.NONE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImageEvent processed(ImageUploaded uploaded) {
        ImageMetadata metadata = ImageMetadata.builder().width(10).height(10).orientation(1).build();
        return new ImageProcessed(uploaded.id(), CLOCK.instant(), metadata, List.of());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
