package media.archive.testkit;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving integration tests a real Kafka broker and a real S3 server as an
 * {@link Infrastructure} parameter. Where a Docker engine answers it runs Kafka and MinIO
 * containers (Testcontainers); otherwise the embedded servers. {@code ARCHIVE_TEST_INFRA=embedded}
 * or {@code =testcontainers} forces one. The servers start once per JVM and stop when the run
 * ends; each test class gets a bucket of its own.
 *
 * <pre>{@code
 * @ExtendWith(RealInfrastructure.class)
 * class UploadRoutesIT {
 *     @Test
 *     void stores_the_original(Infrastructure infra) {
 *         Settings settings = Settings.of(infra.environment());
 * }}</pre>
 */
public final class RealInfrastructure implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealInfrastructure.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningInfrastructure running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("servers", key -> start(), RunningInfrastructure.class);
        String bucket = bucketFor(context.getRequiredTestClass());
        return new ForClass(running, bucket);
    }

    private static RunningInfrastructure start() {
        String forced = System.getenv().getOrDefault("ARCHIVE_TEST_INFRA", "").toLowerCase(Locale.ROOT);
        try {
            return switch (forced) {
                case "embedded" -> EmbeddedInfrastructure.start();
                case "testcontainers" -> ContainerInfrastructure.start();
                case "" -> ContainerInfrastructure.dockerAvailable()
                        ? ContainerInfrastructure.start()
                        : EmbeddedInfrastructure.start();
                default -> throw new ParameterResolutionException(
                        "ARCHIVE_TEST_INFRA must be 'embedded' or 'testcontainers', not '" + forced + "'");
            };
        } catch (ParameterResolutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start Kafka and S3 for tests: " + e.getMessage(), e);
        }
    }

    /** S3 bucket names: 3-63 lower-case letters, digits and hyphens. */
    static String bucketFor(Class<?> testClass) {
        String name = "t-" + testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private record ForClass(RunningInfrastructure running, String bucket) implements Infrastructure {
        @Override
        public String kind() {
            return running.kind();
        }

        @Override
        public String kafkaBootstrapServers() {
            return running.kafkaBootstrapServers();
        }

        @Override
        public String s3Endpoint() {
            return running.s3Endpoint();
        }

        @Override
        public String s3AccessKey() {
            return running.s3AccessKey();
        }

        @Override
        public String s3SecretKey() {
            return running.s3SecretKey();
        }

        @Override
        public Map<String, String> environment() {
            return Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", running.kafkaBootstrapServers(),
                    "S3_ENDPOINT", running.s3Endpoint(),
                    "S3_ACCESS_KEY", running.s3AccessKey(),
                    "S3_SECRET_KEY", running.s3SecretKey(),
                    "S3_REGION", "us-east-1",
                    "S3_BUCKET", bucket);
        }
    }
}
