package media.archive.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka and MinIO in containers, where a Docker engine answers. */
final class ContainerInfrastructure implements RunningInfrastructure {
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";

    private final KafkaContainer kafka;
    private final MinIOContainer minio;

    private ContainerInfrastructure(KafkaContainer kafka, MinIOContainer minio) {
        this.kafka = kafka;
        this.minio = minio;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        MinIOContainer minio = new MinIOContainer(MINIO_IMAGE);
        kafka.start();
        minio.start();
        return new ContainerInfrastructure(kafka, minio);
    }

    @Override
    public String kind() {
        return "testcontainers";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String s3Endpoint() {
        return minio.getS3URL();
    }

    @Override
    public String s3AccessKey() {
        return minio.getUserName();
    }

    @Override
    public String s3SecretKey() {
        return minio.getPassword();
    }

    @Override
    public void close() {
        try {
            minio.stop();
        } finally {
            kafka.stop();
        }
    }
}
