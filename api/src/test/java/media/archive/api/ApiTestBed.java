package media.archive.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import media.archive.api.usage.UsageConfig;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.Role;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An api as the integration tests meet it: the topics, a bucket, access keys, a producer for the
 * events the api reads, and the api on an index directory behind a real HTTP server on a free
 * port. The tests say what they do to it; how it is wired stays here, once.
 */
public final class ApiTestBed implements AutoCloseable {
    /** How long a test waits for the api to catch up before it fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final KafkaSettings kafka;
    private final ObjectStore store;
    private final AccessKeys keys;
    private final AccessGuard guard;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<Role, String> keyOfRole = new EnumMap<>(Role.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path indexDir;
    private Duration usageFlush;
    private Api api;
    private Javalin server;

    /** Creates the topics and the bucket; the api is not started until {@link #startApi()}. */
    public ApiTestBed(Infrastructure infra, String clientId, Path indexDir) {
        Settings settings = Settings.of(infra.environment());
        kafka = KafkaSettings.from(settings, clientId);
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        keys = new AccessKeys(store);
        guard = new AccessGuard(keys);
        producer = KafkaClients.producer(kafka);
        this.indexDir = indexDir;
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public ObjectStore store() {
        return store;
    }

    public AccessGuard guard() {
        return guard;
    }

    public HttpClient http() {
        return http;
    }

    /** The running api, for its readiness. */
    public Api api() {
        return api;
    }

    public Path indexDir() {
        return indexDir;
    }

    /** A key of {@code role} for a holder of that name. */
    public String issue(String holder, Role role) {
        return keys.issue(holder, role).key();
    }

    /** The bed's one key of {@code role}, issued on first use to a holder of its own. */
    public String key(Role role) {
        return keyOfRole.computeIfAbsent(role, r -> issue(r.name().toLowerCase() + " " + token(), r));
    }

    /** Apis started from now on publish their usage counts every {@code every}, instead of every minute. */
    public void flushUsageEvery(Duration every) {
        usageFlush = every;
    }

    /** Starts an api on the index directory behind a server on a free port; it need not have caught up. */
    public Api startApi() {
        ApiConfig config = new ApiConfig(indexDir);
        if (usageFlush != null) {
            UsageConfig usage = config.usage();
            config = new ApiConfig(indexDir, config.serving(), new UsageConfig(usageFlush, usage.maxPairs(), usage.replicaFile()));
        }
        api = new Api(config, kafka, store, guard);
        api.start();
        server = HttpServers.create(List.of(api.routes()), api.files()).start(0);
        return api;
    }

    /** Stops the server and the api, as a shut-down would. */
    public void stopApi() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    /** Stops the api and starts it again on the same index, as a restart would. */
    public Api restartApi() {
        stopApi();
        return startApi();
    }

    /** Stops the api and starts one on an empty {@code newIndexDir}, which it fills from the topics. */
    public Api rebuild(Path newIndexDir) {
        stopApi();
        indexDir = newIndexDir;
        return startApi();
    }

    /** Serves {@code routes} alone, without an api, for a test that wires its own. */
    public void serve(Routes routes) {
        stopApi();
        server = HttpServers.create(List.of(routes)).start(0);
    }

    public int port() {
        return server.port();
    }

    /** Publishes each event on its topic and waits until the broker has it. */
    public void publish(ImageEvent... events) throws Exception {
        for (ImageEvent event : events) {
            publish(topicOf(event), event);
        }
    }

    public void publish(String topic, ImageEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.id().value(), Json.toBytes(event))).get();
    }

    private static String topicOf(ImageEvent event) {
        if (event instanceof ImageUploaded) {
            return Topics.UPLOADED;
        }
        return event instanceof ImageProcessed ? Topics.PROCESSED : Topics.EDITS;
    }

    /** A request to the server for {@code path}, with {@code key} as its bearer unless null. */
    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    /** Sends {@code request}; a failure to talk to the server fails the test. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String key) {
        return send(request(path, key), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A JSON PATCH of {@code body}, with {@code If-Match: ifMatch} unless null. */
    public HttpResponse<String> patch(String path, String body, String ifMatch, String key) {
        HttpRequest.Builder request = request(path, key)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String key) {
        return send(request(path, key).DELETE(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        stopApi();
        producer.close();
        store.close();
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A word no other run has used, to find this run's images among all on the topics. */
    public static String token() {
        return "run" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static byte[] fixture(String resource) throws IOException {
        try (InputStream in = ApiTestBed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no test resource " + resource);
            }
            return in.readAllBytes();
        }
    }

    /** Waits until {@code condition} holds, failing the test after {@link #PATIENCE}. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
