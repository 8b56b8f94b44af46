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
import java.util.concurrent.CountDownLatch;
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
import media.archive.processor.pipeline.StageTimes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
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

    /** Lets go of handlers that hang, once the test is over. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopWorker() throws InterruptedException {
        release.countDown();
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
    void sets_unreadable_records_aside_on_the_dead_letter_topic_at_once_and_answers_the_next() {
        ImageUploaded good = upload("good");
        ImageUploaded newer = new ImageUploaded(ImageEvent.CURRENT_SCHEMA + 1, upload("newer").id(), CLOCK.instant(),
                "photographer", "newer.jpg", "image/jpeg", 1234, SuppliedMetadata.NONE);
        ImageId keyed = upload("keyed").id();
        start(uploaded -> processed(uploaded),
                record(0, "this is not JSON".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(Topics.UPLOADED, 0, 1, keyed.value(),
                        "{\"type\":\"ImageUploaded\",\"schema\":1}".getBytes(StandardCharsets.UTF_8)),
                record(2, Json.toBytes(newer)),
                record(3, Json.toBytes(good)));

        await(() -> committed() == 4);

        List<ProducerRecord<String, byte[]>> deadLetters = sentTo(Topics.DEAD_LETTER);
        assertThat(deadLetters).extracting(ProducerRecord::key).containsExactly("key-0", keyed.value(), "key-2");
        ProducerRecord<String, byte[]> first = deadLetters.get(0);
        assertThat(first.value()).isEqualTo("this is not JSON".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.header(first.headers(), DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.UPLOADED);
        assertThat(DeadLetters.header(first.headers(), DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(DeadLetters.header(first.headers(), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("0");
        assertThat(DeadLetters.header(first.headers(), DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(DeadLetters.header(first.headers(), DeadLetters.REASON)).isEqualTo(ImageFailed.UNREADABLE_EVENT);
        assertThat(DeadLetters.header(first.headers(), DeadLetters.EXCEPTION_MESSAGE)).contains("cannot be read");
        assertThat(DeadLetters.header(deadLetters.get(2).headers(), DeadLetters.EXCEPTION_MESSAGE)).contains("schema version 2");
        // Records keyed by an image id answer it as failed, so the editors see why; "key-0" names no image.
        assertThat(answers()).extracting(ImageEvent::id).containsExactly(keyed, newer.id(), good.id());
        assertThat(answers().get(0)).isInstanceOfSatisfying(ImageFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo(ImageFailed.UNREADABLE_EVENT));
        assertThat(answers().get(2)).isInstanceOf(ImageProcessed.class);
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
        assertThat(answers()).singleElement().isInstanceOf(ImageProcessed.class);
        assertThat(sentTo(Topics.DEAD_LETTER)).as("storage away is not the file's fault").isEmpty();
        // Each try is marked in flight and taken back when S3 fails it, so none counts against the
        // image; nothing is committed past it until it is answered.
        assertThat(commits).extracting(c -> c.get(PARTITION).metadata()).containsExactly(
                "attempts=0;in-flight;reason=;message=", "attempts=0;reason=;message=",
                "attempts=0;in-flight;reason=;message=", "attempts=0;reason=;message=",
                "attempts=0;in-flight;reason=;message=", "");
        assertThat(commits).extracting(c -> c.get(PARTITION).offset()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void an_image_that_breaks_the_processor_every_time_is_tried_a_bounded_number_of_times_then_dead_lettered() {
        ImageUploaded upload = upload("hostile");
        ImageUploaded next = upload("next");
        AtomicInteger attempts = new AtomicInteger();
        ConsumerRecord<String, byte[]> record = record(0, Json.toBytes(upload));
        start(uploaded -> {
            if (uploaded.id().equals(upload.id())) {
                attempts.incrementAndGet();
                throw new StackOverflowError("decoder recursion");
            }
            return processed(uploaded);
        }, record, record(1, Json.toBytes(next)));
        redeliver(record, record(1, Json.toBytes(next)));

        await(() -> committed() == 2);

        assertThat(attempts).hasValue(3);
        assertThat(answers()).extracting(ImageEvent::id).containsExactly(upload.id(), next.id());
        assertThat(answers().get(0)).isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.PROCESSING_ERROR);
            assertThat(failed.message()).contains("StackOverflowError");
        });
        ProducerRecord<String, byte[]> deadLetter = sentTo(Topics.DEAD_LETTER).get(0);
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ATTEMPTS)).isEqualTo("3");
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.EXCEPTION_CLASS)).isEqualTo("java.lang.StackOverflowError");
    }

    @Test
    void an_image_that_hangs_is_abandoned_at_the_time_limit_while_the_consumer_keeps_polling() {
        ImageUploaded upload = upload("hangs");
        ConsumerRecord<String, byte[]> record = record(0, Json.toBytes(upload));
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger pollsDuringAttempts = new AtomicInteger();
        start(uploaded -> {
            attempts.incrementAndGet();
            hangIgnoringInterrupts();
            return processed(uploaded);
        }, record);
        for (int i = 0; i < 30; i++) {
            consumer.schedulePollTask(() -> {
                if (!consumer.paused().isEmpty()) {
                    pollsDuringAttempts.incrementAndGet();
                }
                consumer.addRecord(record);
            });
        }

        await(() -> committed() == 1);

        assertThat(attempts).hasValue(3);
        assertThat(pollsDuringAttempts).as("polls with the partition paused").hasPositiveValue();
        assertThat(answers()).singleElement().isInstanceOfSatisfying(ImageFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo(ImageFailed.TIMED_OUT));
        assertThat(DeadLetters.header(sentTo(Topics.DEAD_LETTER).get(0).headers(), DeadLetters.REASON))
                .isEqualTo(ImageFailed.TIMED_OUT);
    }

    @Test
    void counts_an_attempt_a_previous_processor_never_came_back_from() {
        ImageUploaded upload = upload("killed the last two");
        // What a processor leaves in the group when the JVM dies during its attempt.
        // (committed once the worker subscribed: MockConsumer forgets commits at subscribe)
        consumer.schedulePollTask(() ->
                consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(0, "attempts=2;in-flight;reason=;message="))));
        AtomicInteger attempts = new AtomicInteger();
        start(uploaded -> {
            attempts.incrementAndGet();
            return processed(uploaded);
        }, record(0, Json.toBytes(upload)));

        await(() -> committed() == 1);

        assertThat(attempts).as("the image is not tried a fourth time").hasValue(0);
        assertThat(answers()).singleElement().isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.PROCESSING_ERROR);
            assertThat(failed.message()).isEqualTo(Attempts.VANISHED);
        });
        assertThat(DeadLetters.header(sentTo(Topics.DEAD_LETTER).get(0).headers(), DeadLetters.ATTEMPTS)).isEqualTo("3");
    }

    @Test
    void commits_an_attempt_as_begun_before_it_starts_and_clears_it_once_answered() {
        ImageUploaded upload = upload("counted");
        List<String> seenByTheHandler = new CopyOnWriteArrayList<>();
        start(uploaded -> {
            seenByTheHandler.add(commits.get(commits.size() - 1).get(PARTITION).metadata());
            return processed(uploaded);
        }, record(0, Json.toBytes(upload)));

        await(() -> committed() == 1);

        assertThat(seenByTheHandler).singleElement().asString().startsWith("attempts=0;in-flight");
        assertThat(commits.get(commits.size() - 1).get(PARTITION).metadata()).isEmpty();
    }

    @Test
    void an_answer_kafka_can_never_take_fails_the_image_and_sets_its_record_aside_so_it_never_stays_processing() {
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    ProducerRecord<String, byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
                if (Json.read(record.value(), ImageEvent.class) instanceof ImageProcessed) {
                    java.util.concurrent.CompletableFuture<org.apache.kafka.clients.producer.RecordMetadata> refused =
                            new java.util.concurrent.CompletableFuture<>();
                    refused.completeExceptionally(new RecordTooLargeException("100,000 keywords"));
                    return refused;
                }
                return super.send(record, callback);
            }
        };
        ImageUploaded upload = upload("100,000 keywords");
        start(uploaded -> processed(uploaded), record(0, Json.toBytes(upload)));

        await(() -> committed() == 1);

        assertThat(answers()).singleElement().isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.PROCESSING_ERROR);
            assertThat(failed.message()).contains("cannot be published");
        });
        assertThat(sentTo(Topics.DEAD_LETTER)).extracting(ProducerRecord::key).containsExactly("key-0");
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
        assertThat(commits).as("nothing committed past the record, only its attempt marked")
                .allSatisfy(commit -> assertThat(commit.get(PARTITION).offset()).isZero());
    }

    /** Blocks until the test ends, like a decoder in a loop that never looks at its interrupt flag. */
    private void hangIgnoringInterrupts() {
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                // A hung decoder does not notice.
            }
        }
    }

    /** A real broker delivers records again after the worker rewinds to them. */
    @SafeVarargs
    private void redeliver(ConsumerRecord<String, byte[]>... records) {
        for (int i = 0; i < 20; i++) {
            consumer.schedulePollTask(() -> {
                for (ConsumerRecord<String, byte[]> record : records) {
                    consumer.addRecord(record);
                }
            });
        }
    }

    private List<ProducerRecord<String, byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** The events published on media.processed, in order. */
    private List<ImageEvent> answers() {
        return sentTo(Topics.PROCESSED).stream().map(r -> Json.read(r.value(), ImageEvent.class)).toList();
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
        worker = new ProcessorWorker(consumer, producer, handler,
                new ProcessorWorker.Limits(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 0), CLOCK, new StageTimes(100));
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
