package media.archive.processor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor on its own against the Kafka cluster and S3 server the environment names
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code S3_*}, {@code PROCESSOR_*}): creates the topics and the
 * bucket when they are missing, then consumes until SIGTERM, when it finishes the images in hand.
 * Exits with status 1 when it cannot start or a fatal error stops it.
 */
public final class ProcessorMain {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorMain.class);

    private ProcessorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Renditions are drawn with Java 2D; a server has no display to connect to.
        System.setProperty("java.awt.headless", "true");
        Settings settings = Settings.fromEnvironment();
        ProcessorConfig config = ProcessorConfig.from(settings);
        KafkaSettings kafka = KafkaSettings.from(settings, Processor.GROUP_ID);
        S3Settings s3 = S3Settings.from(settings);
        int partitions = settings.integer("KAFKA_TOPIC_PARTITIONS", 3, 1, 1000,
                "partitions of each topic when it has to be created; bounds how many processors work at once");
        short replication = (short) settings.integer("KAFKA_REPLICATION_FACTOR", 1, 1, 7,
                "replicas of each topic when it has to be created");

        ObjectStore store = new ObjectStore(s3);
        Processor processor = new Processor(config, kafka, store);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            LOG.info("stopping the processor");
            try {
                processor.close();
                store.close();
            } finally {
                stopped.countDown();
            }
        }, "processor-shutdown"));

        try {
            store.ensureBucket();
            TopicSetup.ensureTopics(kafka, partitions, replication);
            processor.start();
        } catch (RuntimeException e) {
            LOG.error("the processor cannot start: {}", e.getMessage(), e);
            System.exit(1);
        }
        // Watch for a fatal stop; on SIGTERM the shutdown hook does the stopping.
        while (!stopping.await(1, TimeUnit.SECONDS)) {
            if (!processor.isRunning()) {
                LOG.error("the processor stopped on a fatal error; see above");
                System.exit(1);
            }
        }
        stopped.await();
    }
}
