package media.archive.processor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.storage.ObjectStore;
import media.archive.processor.metadata.MetadataReader;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageUploaded;
import media.archive.processor.pipeline.ImageProcessing;
import media.archive.processor.pipeline.StageTimes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor service: consumes {@code media.uploaded} in the consumer group
 * {@value #GROUP_ID}, reads each original's metadata, makes its renditions and publishes
 * {@code ImageProcessed} or {@code ImageFailed} on {@code media.processed}; a record it gives up on
 * (unreadable, or an image that broke or outlasted every attempt) is also copied to
 * {@code media.dead-letter}. Run more instances
 * (or {@link ProcessorConfig#threads()}) to process more images at once; the topic's partitions
 * bound how many work in parallel.
 *
 * <p>Not thread-safe: one owner calls {@link #start()} once and {@link #close()} once. The
 * {@link ObjectStore} stays the caller's to close.
 */
public final class Processor implements AutoCloseable {
    /** The consumer group every processor instance joins, so that each upload is processed by one of them. */
    public static final String GROUP_ID = "archive-processor";

    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Five minutes between polls before the group gives our partitions away. The worker polls
     * twice a second while an image is in hand (AttemptThread), so only the pause between retries
     * (at most 240 s, PROCESSOR_MAX_RETRY_SECONDS) comes near it.
     */
    private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);

    /** Images between two INFO lines of {@link StageTimes}: about every half minute at full speed. */
    private static final int SUMMARY_EVERY = 100;

    private final ProcessorConfig config;
    private final KafkaSettings kafka;
    private final ProcessorWorker.ImageHandler handler;
    private final Duration maxPollInterval;
    private final StageTimes times = new StageTimes(SUMMARY_EVERY);
    private final List<ProcessorWorker> workers = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;
    private boolean started;
    private boolean closed;

    public Processor(ProcessorConfig config, KafkaSettings kafka, ObjectStore store) {
        this(config, kafka, timed(new ImageProcessing(store, new MetadataReader(config.cleaning()),
                config.renditionMaker(), config.tempDir(), Clock.systemUTC())), MAX_POLL_INTERVAL);
    }

    private static ProcessorWorker.ImageHandler timed(ImageProcessing processing) {
        return new ProcessorWorker.ImageHandler() {
            @Override
            public ImageEvent process(ImageUploaded uploaded) {
                return processing.process(uploaded);
            }

            @Override
            public ImageEvent process(ImageUploaded uploaded, StageTimes.Image stages) {
                return processing.process(uploaded, stages);
            }
        };
    }

    /**
     * A processor whose work on each image is {@code handler}'s, whose consumers leave the group
     * after {@code maxPollInterval} without a poll: the tests' way to make an image hang or crash
     * and to show that a long attempt never costs the group its member.
     */
    Processor(ProcessorConfig config, KafkaSettings kafka, ProcessorWorker.ImageHandler handler, Duration maxPollInterval) {
        this.config = Objects.requireNonNull(config, "config");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.maxPollInterval = Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    }

    /** Starts the consumers, each on its own thread; returns at once. */
    public void start() {
        if (started) {
            throw new IllegalStateException("the processor was started already");
        }
        started = true;
        try {
            producer = KafkaClients.producer(kafka);
            for (int i = 0; i < config.threads(); i++) {
                ProcessorWorker worker = new ProcessorWorker(
                        KafkaClients.consumer(kafka, consumerProperties(i)), producer, handler,
                        new ProcessorWorker.Limits(config.maxAttempts(), config.attemptTimeout(), config.maxRetryDelay(),
                                config.nice()),
                        Clock.systemUTC(), times);
                workers.add(worker);
                new Thread(worker, "processor-" + i).start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("processor started: {} consumer(s) in group {}, renditions {}", config.threads(), GROUP_ID,
                config.renditions());
    }

    private Map<String, Object> consumerProperties(int index) {
        return Map.of(
                // Every instance shares one group, so Kafka hands each partition to exactly one consumer.
                ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID,
                // Client ids name the thread in broker logs and metrics; they must differ within a JVM.
                ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-" + index,
                // An image takes about half a second; a few per poll redo little work after a rebalance.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4,
                // See MAX_POLL_INTERVAL.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis(),
                // A processor that died (kill -9, a crash) hands its partitions on after 10 s, not
                // Kafka's 45: heartbeats come from the client's own thread every 3 s, however long
                // an image takes, so only a dead process misses them.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                // Adding a processor moves only the partitions it takes; the others keep working.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    /** Whether every consumer is consuming; false before {@link #start()}, after {@link #close()} or a fatal error. */
    public boolean isRunning() {
        return started && !closed && !workers.isEmpty() && workers.stream().allMatch(ProcessorWorker::isRunning);
    }

    /**
     * Stops the consumers after the image each has in hand (answered and committed; one that needs
     * more than {@link ProcessorWorker#STOP_GRACE} is left uncommitted, its attempt not counted),
     * then the producer. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.forEach(ProcessorWorker::requestStop);
        try {
            for (ProcessorWorker worker : workers) {
                if (!worker.awaitStop(STOP_TIMEOUT)) {
                    LOG.warn("a processor consumer did not stop within {}; its records will be processed again", STOP_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
        }
        LOG.info("processor stopped");
    }
}
