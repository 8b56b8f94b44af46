package media.archive.ingest;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.KeyLimits;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.config.TopicSettings;
import media.archive.platform.http.HttpLimits;
import media.archive.platform.http.HttpServers;
import media.archive.platform.http.PublicOrigin;
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest on its own against external Kafka and S3, configured from the environment
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code S3_*}, {@code INGEST_*}, {@code ARCHIVE_ADMIN_KEY},
 * {@code ARCHIVE_HTTP_*}).
 * Creates the topics and the bucket when missing, serves {@code POST /v1/uploads} and
 * {@code GET /health/ready}, and stops cleanly on SIGTERM: no new uploads, those under way
 * finish, then the server, producer and S3 client close.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    /** Everything this program reads from its environment. */
    public record Setup(IngestConfig config, KafkaSettings kafka, S3Settings s3, TopicSettings topics,
                        Optional<String> adminKey, PublicOrigin origin, HttpLimits http, KeyLimits limits) {
    }

    /** Reads and checks every setting of this program; starts nothing. */
    public static Setup readSettings(Settings settings) {
        return new Setup(
                IngestConfig.from(settings),
                KafkaSettings.from(settings, settings.text("KAFKA_CLIENT_ID", "archive-ingest",
                        "name this program gives itself in Kafka's logs and quotas")),
                S3Settings.from(settings),
                TopicSettings.from(settings),
                settings.optionalText("ARCHIVE_ADMIN_KEY", "admin key every service accepts"),
                PublicOrigin.from(settings),
                HttpLimits.from(settings),
                KeyLimits.from(settings));
    }

    public static void main(String[] args) throws InterruptedException {
        Setup setup = readSettings(Settings.fromEnvironment());
        IngestConfig config = setup.config();
        KafkaSettings kafka = setup.kafka();
        String adminKey = setup.adminKey().orElse(null);

        TopicSetup.ensureTopics(kafka, setup.topics());
        ObjectStore store = new ObjectStore(setup.s3());
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
            ingest = new Ingest(config, store, producer, kafka, new AccessGuard(keys, setup.limits()));
            Routes health = app -> app.get("/health/ready", ctx -> ctx.json(Map.of("status", "ready")));
            http = HttpServers.create(List.of(ingest.routes(), health), List.of(), setup.origin(), setup.http());
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
