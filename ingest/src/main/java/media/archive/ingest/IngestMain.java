package media.archive.ingest;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest on its own against external Kafka and S3, configured from the environment
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code S3_*}, {@code INGEST_*}, {@code ARCHIVE_ADMIN_KEY}).
 * Creates the topics and the bucket when missing, serves {@code POST /v1/uploads} and
 * {@code GET /health/ready}, and stops cleanly on SIGTERM: no new uploads, those under way
 * finish, then the server, producer and S3 client close.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings = Settings.fromEnvironment();
        IngestConfig config = IngestConfig.from(settings);
        KafkaSettings kafka = KafkaSettings.from(settings, settings.text("KAFKA_CLIENT_ID", "archive-ingest",
                "name this program gives itself in Kafka's logs and quotas"));
        int partitions = settings.integer("KAFKA_TOPIC_PARTITIONS", 3, 1, 10_000,
                "partitions of each topic when ingest creates it; bounds how many processors work in parallel");
        short replication = (short) settings.integer("KAFKA_REPLICATION_FACTOR", 1, 1, Short.MAX_VALUE,
                "replicas of each topic when ingest creates it");
        String adminKey = settings.optionalText("ARCHIVE_ADMIN_KEY", "admin key every service accepts").orElse(null);

        TopicSetup.ensureTopics(kafka, partitions, replication);
        ObjectStore store = new ObjectStore(S3Settings.from(settings));
        KafkaProducer<String, byte[]> producer = null;
        Ingest ingest = null;
        Javalin http;
        try {
            store.ensureBucket();
            AccessKeys keys = new AccessKeys(store);
            if (adminKey != null) {
                keys.trustBootstrapKey(adminKey);
            }
            producer = KafkaClients.producer(kafka);
            ingest = new Ingest(config, store, producer, new AccessGuard(keys));
            Routes health = app -> app.get("/health/ready", ctx -> ctx.json(Map.of("status", "ready")));
            http = HttpServers.create(List.of(ingest.routes(), health));
            http.start(config.httpPort());
        } catch (RuntimeException e) {
            // The clients' threads would otherwise keep a failed start alive for a minute.
            if (ingest != null) {
                ingest.close();
            }
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            store.close();
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Ingest running = ingest;
        KafkaProducer<String, byte[]> runningProducer = producer;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping ingest");
            try {
                running.close();
                http.stop();
                runningProducer.close(Duration.ofSeconds(10));
                store.close();
            } finally {
                stopped.countDown();
            }
        }, "ingest-shutdown"));
        LOG.info("ingest listens on port {}; uploads up to {} bytes spool in {}",
                http.port(), config.maxUploadBytes(), config.tempDir());
        stopped.await();
    }
}
