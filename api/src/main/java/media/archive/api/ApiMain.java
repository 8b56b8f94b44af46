package media.archive.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the api on its own, configured from the environment: makes sure the topics and the
 * bucket exist, starts the index and serves HTTP on {@code API_HTTP_PORT}, with
 * {@code GET /health/ready} answering 200 once the index has caught up with Kafka (503 before).
 * Stops cleanly on SIGTERM.
 */
public final class ApiMain {
    private static final Logger LOG = LoggerFactory.getLogger(ApiMain.class);

    private ApiMain() {
    }

    /** Everything this program reads from its environment. */
    public record Setup(ApiConfig config, KafkaSettings kafka, S3Settings s3, TopicSettings topics,
                        Path dataDir, int port, Optional<String> adminKey, PublicOrigin origin, HttpLimits http, KeyLimits limits) {
    }

    /** Reads and checks every setting of this program; starts nothing. */
    public static Setup readSettings(Settings settings) {
        return new Setup(
                ApiConfig.from(settings),
                KafkaSettings.from(settings, "archive-api"),
                S3Settings.from(settings),
                TopicSettings.from(settings),
                settings.path("ARCHIVE_DATA_DIR", Path.of("data"), "directory for this machine's local state"),
                settings.integer("API_HTTP_PORT", 8080, 0, 65535, "TCP port the api's HTTP server listens on"),
                settings.optionalText("ARCHIVE_ADMIN_KEY",
                        "an admin key every service accepts; generated into the data directory when absent"),
                PublicOrigin.from(settings),
                HttpLimits.from(settings),
                KeyLimits.from(settings));
    }

    public static void main(String[] args) {
        Setup setup = readSettings(Settings.fromEnvironment());
        ApiConfig config = setup.config();
        KafkaSettings kafka = setup.kafka();
        S3Settings s3 = setup.s3();
        Path dataDir = setup.dataDir();
        int port = setup.port();
        Optional<String> adminKey = setup.adminKey();

        TopicSetup.ensureTopics(kafka, setup.topics());
        ObjectStore store = new ObjectStore(s3);
        Api api = null;
        try {
            AccessKeys keys = new AccessKeys(store);
            AccessGuard guard = new AccessGuard(keys, setup.limits());
            api = new Api(config, kafka, store, guard);
            // The index catches up with the topics while the bucket and the admin key are seen to
            // (seconds of a rebuild, which needs neither); nothing is served before both are done.
            api.start();
            store.ensureBucket();
            AdminBootstrap.ensureAdminKey(keys, adminKey, dataDir).ifPresent(key ->
                    System.out.println("Admin key (shown once, kept in " + dataDir.resolve("admin.key") + "): " + key));
            Api started = api;
            Javalin server = HttpServers.create(List.of(api.routes(), new KeyRoutes(keys, guard), readiness(api::isReady)), api.files(),
                    setup.origin(), setup.http());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("stopping the api");
                server.stop();
                started.close();
                store.close();
            }, "api-shutdown"));
            server.start(port);
            LOG.info("api listening on port {}, index in {}", server.port(), config.indexDir());
        } catch (RuntimeException e) {
            // Without this the S3 client's threads would keep a failed start alive for a minute.
            if (api != null) {
                api.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * {@code GET /health/ready}: 200 once {@code ready} says so, 503 before, so that a load
     * balancer sends searches only to replicas whose index has caught up.
     */
    static Routes readiness(BooleanSupplier ready) {
        return app -> app.get("/health/ready", ctx -> {
            if (ready.getAsBoolean()) {
                ctx.json(Map.of("status", "ready"));
            } else {
                ctx.status(503).json(Map.of("status", "starting", "message", "the index is catching up with Kafka"));
            }
        });
    }
}
