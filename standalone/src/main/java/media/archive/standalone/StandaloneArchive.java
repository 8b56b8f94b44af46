package media.archive.standalone;

import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import media.archive.api.Api;
import media.archive.api.ApiConfig;
import media.archive.embedded.EmbeddedKafka;
import media.archive.embedded.EmbeddedS3;
import media.archive.embedded.LoopbackPorts;
import media.archive.ingest.Ingest;
import media.archive.ingest.IngestConfig;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.AdminBootstrap;
import media.archive.platform.access.KeyLimits;
import media.archive.platform.access.KeyRoutes;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.config.TopicSettings;
import media.archive.platform.http.HttpLimits;
import media.archive.platform.http.HttpServers;
import media.archive.platform.http.PublicOrigin;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.processor.Processor;
import media.archive.processor.ProcessorConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole archive in one process: an embedded Kafka broker and S3 server, the ingest, processor
 * and api services, and one HTTP origin serving uploads, the API and health. This is the one
 * place that wires them; each service's own {@code main} does the same against external Kafka
 * and S3. It tells the operator where Kafka and S3 listen, in the log and in
 * {@code <data>/endpoints.json} with the S3 credentials, which stay the same from one start to
 * the next. Not thread-safe: one owner starts and closes it.
 */
public final class StandaloneArchive implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneArchive.class);
    private static final int PARTITIONS = 3;
    private static final String ACCESS_KEY = "archive";

    private final StandaloneConfig config;
    private final Settings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private Javalin http;
    private Api api;
    private Processor processor;
    private Optional<String> generatedAdminKey = Optional.empty();
    private String kafkaBootstrap;
    private final EndpointsFile endpointsFile;
    private Endpoints endpoints;

    /**
     * @param config   the launcher's own settings
     * @param settings every setting, handed on to the services (rendition sizes, limits, ...)
     */
    public StandaloneArchive(StandaloneConfig config, Settings settings) {
        this.config = config;
        this.settings = settings;
        this.endpointsFile = new EndpointsFile(config.dataDir());
    }

    /** Starts everything and returns once the HTTP origin listens; {@link #isReady()} says when the index caught up. */
    public StandaloneArchive start() {
        try {
            Optional<Endpoints> before = endpointsFile.read();
            int kafkaPort = port("Kafka", config.kafkaPort(), before.map(e -> e.kafka().port()).orElse(OptionalInt.empty()));
            EmbeddedKafka kafka = own(new EmbeddedKafka(config.dataDir().resolve("kafka"), kafkaPort).start());
            // The secret outlives the process: operators' clients hold it, read from endpoints.json.
            String secret = before.map(e -> e.s3().secretKey()).orElseGet(StandaloneArchive::randomSecret);
            int s3Port = port("S3", config.s3Port(), before.map(e -> e.s3().port()).orElse(OptionalInt.empty()));
            EmbeddedS3 s3 = own(new EmbeddedS3(config.dataDir().resolve("s3"), s3Port, ACCESS_KEY, secret).start());
            kafkaBootstrap = kafka.bootstrapServers();

            // The services read the same settings they would read alone, pointed at the embedded servers.
            Settings wired = settings.with(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "S3_ENDPOINT", s3.endpoint(),
                    "S3_ACCESS_KEY", s3.accessKey(),
                    "S3_SECRET_KEY", s3.secretKey(),
                    "ARCHIVE_DATA_DIR", config.dataDir().toString(),
                    // One machine, one processor: an image per core (the topics' partitions bound it),
                    // at a lower priority than uploads and serving (PROCESSOR_NICE). README "Under load".
                    "PROCESSOR_THREADS", settings.optionalText("PROCESSOR_THREADS", "images processed at once")
                            .orElse(Integer.toString(Math.min(PARTITIONS, Runtime.getRuntime().availableProcessors()))),
                    // Uploads are spooled on the disk Kafka and S3 write to, so that ingest's free-space
                    // reserve guards the disk that matters.
                    "INGEST_TMP_DIR", settings.optionalText("INGEST_TMP_DIR", "directory where uploads are spooled while they arrive")
                            .orElse(config.dataDir().resolve("uploads").toString())));
            S3Settings s3Settings = S3Settings.from(wired);
            endpoints = new Endpoints(
                    new Endpoints.S3(s3.endpoint(), s3.accessKey(), s3.secretKey(), s3Settings.bucket()),
                    new Endpoints.Kafka(kafka.bootstrapServers()));
            endpointsFile.write(endpoints);
            LOG.info("Kafka listens on {} (bootstrap servers, loopback only)", endpoints.kafka().bootstrapServers());
            LOG.info("S3 listens on {} (bucket {}, access key {}, loopback only)",
                    endpoints.s3().endpoint(), endpoints.s3().bucket(), endpoints.s3().accessKey());
            LOG.info("Endpoints and the S3 secret for your own tools: {} (readable by its owner only)", endpointsFile.path());
            TopicSetup.ensureTopics(KafkaSettings.from(wired, "archive-setup"),
                    new TopicSettings(PARTITIONS, (short) 1, TopicSettings.from(wired).erasure()));
            ObjectStore store = own(new ObjectStore(s3Settings));
            store.ensureBucket();

            AccessKeys keys = new AccessKeys(store);
            generatedAdminKey = AdminBootstrap.ensureAdminKey(keys, config.adminKey(), config.dataDir());
            AccessGuard guard = new AccessGuard(keys, KeyLimits.from(wired));

            KafkaProducer<String, byte[]> producer = own(KafkaClients.producer(KafkaSettings.from(wired, "archive-ingest")));
            Ingest ingest = own(new Ingest(IngestConfig.from(wired), store, producer, KafkaSettings.from(wired, "archive-ingest"), guard));
            processor = own(new Processor(ProcessorConfig.from(wired), KafkaSettings.from(wired, "archive-processor"), store));
            api = own(new Api(ApiConfig.from(wired), KafkaSettings.from(wired, "archive-api"), store, guard));
            processor.start();
            api.start();

            http = HttpServers.create(List.of(
                    ingest.routes(),
                    api.routes(),
                    new KeyRoutes(keys, guard),
                    new HealthRoutes(this::isReady)), api.files(), PublicOrigin.from(wired), HttpLimits.from(wired));
            http.start(config.httpHost(), config.httpPort());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether every part is up and the index has caught up with the topics. */
    public boolean isReady() {
        return http != null && api != null && api.isReady() && processor != null && processor.isRunning();
    }

    /** The port the HTTP origin listens on. */
    public int port() {
        return http.port();
    }

    /**
     * Every route the HTTP origin answers, as {@code "GET /v1/images/{id}"}, sorted: what an
     * access review goes through, and what its test checks it has a row for.
     */
    public List<String> routes() {
        return http.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint)
                .filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .map(endpoint -> endpoint.getMethod().name() + ' ' + endpoint.getPath())
                .sorted()
                .toList();
    }

    /** The admin key generated on this start, to be shown once; empty when it existed or came from the environment. */
    public Optional<String> generatedAdminKey() {
        return generatedAdminKey;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    /** Where the embedded Kafka and S3 listen and the S3 credentials, as written to {@link #endpointsFile()}. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** {@code <data>/endpoints.json}, readable by its owner only. */
    public Path endpointsFile() {
        return endpointsFile.path();
    }

    /** Stops the HTTP origin first, then the services, then the servers, each exactly once. */
    @Override
    public void close() {
        if (http != null) {
            http.stop();
            http = null;
        }
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the archive failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        started.add(resource);
        return resource;
    }

    /**
     * The port a server gets: the configured one; else the one it had on the last start, so that
     * endpoints.json and the clients built from it stay right; else a free one.
     */
    private static int port(String server, int configured, OptionalInt lastStart) {
        if (configured != 0) {
            return configured;
        }
        if (lastStart.isEmpty()) {
            return LoopbackPorts.pick();
        }
        if (LoopbackPorts.isFree(lastStart.getAsInt())) {
            return lastStart.getAsInt();
        }
        int port = LoopbackPorts.pick();
        LOG.warn("{}'s port {} from the last start is taken by another program; {} listens on {} now", server,
                lastStart.getAsInt(), server, port);
        return port;
    }

    /** Made once per data directory (on its first start) and then read back from endpoints.json. */
    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
