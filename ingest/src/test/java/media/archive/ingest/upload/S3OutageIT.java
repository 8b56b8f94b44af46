package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageId;
import media.archive.contracts.ObjectKeys;
import media.archive.embedded.EmbeddedS3;
import media.archive.ingest.Ingest;
import media.archive.ingest.IngestConfig;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.Role;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest while its S3 server is stopped and started again: a server of this class's own
 * (embedded, same port and directory after the restart), the shared Kafka broker, one ingest
 * that is never restarted.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(120)
class S3OutageIT {
    @TempDir
    Path dir;

    @Test
    void answers_503_in_json_while_s3_is_down_and_takes_uploads_again_once_it_is_back(Infrastructure infra) throws Exception {
        EmbeddedS3 s3 = new EmbeddedS3(dir.resolve("s3"), 0, "outage-access", "outage-secret-key").start();
        Settings settings = Settings.of(infra.environment()).with(Map.of(
                "S3_ENDPOINT", s3.endpoint(), "S3_ACCESS_KEY", s3.accessKey(), "S3_SECRET_KEY", s3.secretKey()));
        KafkaSettings kafka = KafkaSettings.from(settings, "s3-outage-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        byte[] getty;
        try (InputStream in = S3OutageIT.class.getResourceAsStream("/images/getty.jpg")) {
            getty = in.readAllBytes();
        }
        try (ObjectStore store = new ObjectStore(S3Settings.from(settings));
             KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka)) {
            store.ensureBucket();
            AccessKeys keys = new AccessKeys(store);
            String key = keys.issue("Tran Trung", Role.PHOTOGRAPHER).key();
            Path spool = Files.createDirectories(dir.resolve("spool"));
            try (Ingest ingest = new Ingest(IngestConfig.from(Settings.of(Map.of("INGEST_TMP_DIR", spool.toString()))), store,
                    producer, kafka, new AccessGuard(keys))) {
                Javalin server = HttpServers.create(List.of(ingest.routes())).start(0);
                try {
                    UploadClient photographer = new UploadClient(server.port(), key);
                    assertThat(photographer.upload(UploadClient.unique(getty)).status()).isEqualTo(202);

                    s3.close();
                    byte[] refusedImage = UploadClient.unique(getty);
                    UploadClient.Answer refused = photographer.upload(refusedImage);
                    // Past the key cache's 10 s, the key itself cannot be checked: 503 as well, not 401.
                    Thread.sleep(11_000);
                    UploadClient.Answer refusedLater = photographer.upload(UploadClient.unique(getty));
                    s3.start();
                    UploadClient.Answer afterwards = awaitAccepted(photographer, refusedImage);

                    System.out.printf("S3 down: %d in %d ms, then %d in %d ms; back up: %d in %d ms%n",
                            refused.status(), refused.took().toMillis(), refusedLater.status(), refusedLater.took().toMillis(),
                            afterwards.status(), afterwards.took().toMillis());
                    for (UploadClient.Answer answer : List.of(refused, refusedLater)) {
                        assertThat(answer.status()).isEqualTo(503);
                        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                        assertThat(answer.json().get("error").asText()).isEqualTo("unavailable");
                        assertThat(answer.json().get("message").asText()).contains("storage").doesNotContain("127.0.0.1");
                        assertThat(answer.took()).isLessThan(Duration.ofSeconds(10));
                    }
                    assertThat(afterwards.status()).isEqualTo(202);
                    ImageId id = ImageId.parse(afterwards.id());
                    assertThat(store.readAll(ObjectKeys.original(id))).hasValue(refusedImage);
                } finally {
                    server.stop();
                }
            }
        } finally {
            s3.close();
        }
    }

    /** The first 202 for {@code image}, sending it again while S3 is still starting (at most 30 s). */
    private static UploadClient.Answer awaitAccepted(UploadClient photographer, byte[] image) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        UploadClient.Answer answer = photographer.upload(image);
        while (answer.status() != 202 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = photographer.upload(image);
        }
        return answer;
    }
}
