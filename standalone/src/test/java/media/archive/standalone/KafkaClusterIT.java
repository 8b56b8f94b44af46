package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import media.archive.api.Api;
import media.archive.api.ApiConfig;
import media.archive.contracts.Topics;
import media.archive.embedded.EmbeddedKafka;
import media.archive.embedded.EmbeddedS3;
import media.archive.embedded.KafkaNodeMain;
import media.archive.embedded.LoopbackPorts;
import media.archive.ingest.Ingest;
import media.archive.ingest.IngestConfig;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.Settings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.TopicSettings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.processor.Processor;
import media.archive.processor.ProcessorConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive on a three-broker Kafka cluster, each broker a process of its own, one of them
 * killed with {@code kill -9} while photographers upload: every upload that was answered
 * {@code 202} is in the index once the broker is back, and none twice.
 */
class KafkaClusterIT {
    private static final String ADMIN_KEY = "cluster-test-admin-key";
    private static final int UPLOADS = 200;
    private static final int UPLOADERS = 8;

    @TempDir
    Path dir;
    private final List<EmbeddedKafka.Node> nodes = new ArrayList<>();
    private final Map<Integer, Process> brokers = new HashMap<>();
    private final String clusterId = Uuid.randomUuid().toString();

    @Test
    void a_broker_killed_during_200_uploads_loses_no_acknowledged_upload() throws Exception {
        for (int id = 1; id <= 3; id++) {
            nodes.add(new EmbeddedKafka.Node(id, LoopbackPorts.pick(), LoopbackPorts.pick()));
        }
        try (EmbeddedS3 s3 = new EmbeddedS3(dir.resolve("s3"), 0, "cluster-access", "cluster-secret-key").start()) {
            for (EmbeddedKafka.Node node : nodes) {
                startBroker(node.id());
            }
            for (EmbeddedKafka.Node node : nodes) {
                awaitStarted(node.id());
            }
            Settings settings = Settings.of(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort()).toList()),
                    "KAFKA_TOPIC_REPLICATION", "3",
                    "S3_ENDPOINT", s3.endpoint(), "S3_ACCESS_KEY", s3.accessKey(), "S3_SECRET_KEY", s3.secretKey(),
                    "S3_BUCKET", "cluster",
                    "ARCHIVE_DATA_DIR", dir.resolve("data").toString(),
                    "INGEST_TMP_DIR", dir.resolve("uploads").toString()));
            TopicSetup.ensureTopics(KafkaSettings.from(settings, "cluster-setup"), TopicSettings.from(settings));
            assertThat(minInSyncReplicas(settings, Topics.UPLOADED)).isEqualTo("2");

            ObjectStore store = new ObjectStore(S3Settings.from(settings));
            store.ensureBucket();
            AccessKeys keys = new AccessKeys(store);
            keys.trustBootstrapKey(ADMIN_KEY);
            AccessGuard guard = new AccessGuard(keys);
            KafkaSettings ingestKafka = KafkaSettings.from(settings, "cluster-ingest");
            try (Ingest ingest = new Ingest(IngestConfig.from(settings), store, KafkaClients.producer(ingestKafka), ingestKafka, guard);
                 Processor processor = new Processor(ProcessorConfig.from(settings), KafkaSettings.from(settings, Processor.GROUP_ID), store);
                 Api api = new Api(ApiConfig.from(settings), KafkaSettings.from(settings, "cluster-api"), store, guard)) {
                processor.start();
                api.start();
                Javalin http = HttpServers.create(List.of(ingest.routes(), api.routes())).start("127.0.0.1", 0);
                try {
                    TestArchives.waitFor(api::isReady, ready -> ready);
                    ArchiveClient client = new ArchiveClient(http.port());

                    // when: 200 different photographs are uploaded by 8 photographers at once, and a
                    // broker is killed once 60 of them were acknowledged
                    Set<String> acknowledged = uploadWhileKillingABroker(client, 60);

                    // then: with the broker back, every acknowledged photograph is ready, once
                    startBroker(2);
                    awaitStarted(2);
                    assertThat(acknowledged).hasSize(UPLOADS);
                    // The processor works through the backlog at its own pace: wait while it makes progress.
                    List<String> missing = notReady(client, acknowledged);
                    long lastProgress = System.nanoTime();
                    while (!missing.isEmpty() && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(60)) {
                        Thread.sleep(1000);
                        List<String> still = notReady(client, missing);
                        if (still.size() < missing.size()) {
                            lastProgress = System.nanoTime();
                        }
                        missing = still;
                    }
                    assertThat(missing).as("acknowledged uploads not ready in the index: " + statuses(client, missing)).isEmpty();
                    ArchiveClient.Answer all = client.get("/v1/search?limit=1", ADMIN_KEY);
                    assertThat(all.json().path("total").asInt()).as("images in the index").isEqualTo(UPLOADS);
                } finally {
                    http.stop();
                }
            } finally {
                store.close();
            }
        } finally {
            brokers.values().forEach(Process::destroyForcibly);
            for (Process broker : brokers.values()) {
                broker.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The uploads, each sent again after a refusal (as a photographer's client does) until acknowledged. */
    private Set<String> uploadWhileKillingABroker(ArchiveClient client, int killAfter) throws Exception {
        byte[] photo = fixture("photos/skater.jpg");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger();
        ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < UPLOADERS; u++) {
                running.add(uploaders.submit(() -> {
                    for (int n = next.getAndIncrement(); n < UPLOADS; n = next.getAndIncrement()) {
                        byte[] variant = Variants.of(photo, n);
                        for (int attempt = 1; ; attempt++) {
                            ArchiveClient.Answer answer = client.upload(ADMIN_KEY, "frame-" + n + ".jpg", variant, Map.of());
                            if (answer.status() == 202) {
                                acknowledged.add(answer.json().get("id").asText());
                                break;
                            }
                            assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(503);
                            assertThat(attempt).as("attempts of upload " + n).isLessThan(30);
                            refusals.incrementAndGet();
                            Thread.sleep(1000);
                        }
                    }
                    return null;
                }));
            }
            while (acknowledged.size() < killAfter) {
                Thread.sleep(20);
            }
            brokers.get(2).destroyForcibly();
            for (Future<?> uploader : running) {
                uploader.get(5, TimeUnit.MINUTES);
            }
        } finally {
            uploaders.shutdownNow();
        }
        System.out.println("uploads refused with 503 while the broker was down, then sent again: " + refusals.get());
        return acknowledged;
    }

    private static List<String> notReady(ArchiveClient client, Iterable<String> ids) {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            ArchiveClient.Answer answer = client.get("/v1/images/" + id, ADMIN_KEY);
            if (answer.status() != 200 || !"ready".equals(answer.json().path("status").asText())) {
                missing.add(id);
            }
        }
        return missing;
    }

    private static Map<String, Integer> statuses(ArchiveClient client, List<String> ids) {
        Map<String, Integer> statuses = new HashMap<>();
        for (String id : ids) {
            ArchiveClient.Answer answer = client.get("/v1/images/" + id, ADMIN_KEY);
            statuses.merge(answer.status() + " " + answer.json().path("status").asText(), 1, Integer::sum);
        }
        return statuses;
    }

    private String minInSyncReplicas(Settings settings, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaSettings.from(settings, "cluster-check").bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            return config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
        }
    }

    private void startBroker(int id) throws IOException {
        Path log = dir.resolve("broker-" + id + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), KafkaNodeMain.class.getName(),
                dir.resolve("kafka-" + id).toString(), Integer.toString(id), KafkaNodeMain.describe(nodes), clusterId)
                .redirectError(log.toFile())
                .start();
        brokers.put(id, process);
    }

    private void awaitStarted(int id) throws IOException {
        Process process = brokers.get(id);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new AssertionError("broker " + id + " stopped before it started; see " + dir.resolve("broker-" + id + ".log"));
            }
            if (line.equals(KafkaNodeMain.STARTED)) {
                return;
            }
        }
    }
}
