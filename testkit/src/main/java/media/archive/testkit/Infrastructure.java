package media.archive.testkit;

import java.util.Map;

/**
 * A real Kafka broker and a real S3 server for integration tests, given to test methods by
 * {@link RealInfrastructure}.
 */
public interface Infrastructure {
    /** Which kind is running: {@code "embedded"} or {@code "testcontainers"}. */
    String kind();

    String kafkaBootstrapServers();

    String s3Endpoint();

    String s3AccessKey();

    String s3SecretKey();

    /**
     * The environment a service would be started with against this infrastructure:
     * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code S3_ENDPOINT}, {@code S3_ACCESS_KEY},
     * {@code S3_SECRET_KEY}, {@code S3_REGION} and {@code S3_BUCKET}, a bucket name of this
     * test class's own so that classes do not see each other's objects.
     */
    Map<String, String> environment();
}
