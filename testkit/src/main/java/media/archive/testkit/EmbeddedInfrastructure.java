package media.archive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import media.archive.embedded.EmbeddedKafka;
import media.archive.embedded.EmbeddedS3;

/** The in-process Kafka broker and S3 server, with their data in a temporary directory. */
final class EmbeddedInfrastructure implements RunningInfrastructure {
    private final Path dir;
    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;

    private EmbeddedInfrastructure(Path dir, EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.dir = dir;
        this.kafka = kafka;
        this.s3 = s3;
    }

    static EmbeddedInfrastructure start() {
        try {
            Path dir = Files.createTempDirectory("archive-test-infra");
            EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
            EmbeddedS3 s3 = new EmbeddedS3(dir.resolve("s3"), 0, "test-access", "test-secret-key").start();
            return new EmbeddedInfrastructure(dir, kafka, s3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public String s3AccessKey() {
        return s3.accessKey();
    }

    @Override
    public String s3SecretKey() {
        return s3.secretKey();
    }

    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            kafka.close();
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
