package media.archive.processor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.config.TopicSettings;
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

    /** Everything this program reads from its environment. */
    public record Setup(ProcessorConfig config, KafkaSettings kafka, S3Settings s3, TopicSettings topics) {
    }

    /** Reads and checks every setting of this program; starts nothing. */
    public static Setup readSettings(Settings settings) {
        return new Setup(ProcessorConfig.from(settings), KafkaSettings.from(settings, Processor.GROUP_ID),
                S3Settings.from(settings), TopicSettings.from(settings));
    }

    public static void main(String[] args) throws InterruptedException {
        // Renditions are drawn with Java 2D; a server has no display to connect to.
        System.setProperty("java.awt.headless", "true");
        Setup setup = readSettings(Settings.fromEnvironment());
        ProcessorConfig config = setup.config();
        KafkaSettings kafka = setup.kafka();
        S3Settings s3 = setup.s3();

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
            TopicSetup.ensureTopics(kafka, setup.topics());
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
