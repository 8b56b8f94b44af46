package media.archive.standalone;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.util.OptionalInt;

/**
 * Where an operator's own tools (the AWS CLI, boto3, kcat, a Kafka client) reach the embedded
 * servers of {@code ./archive run}: what {@code <data>/endpoints.json} holds. Both listen on
 * loopback only.
 *
 * @param s3    the S3 server and the archive's bucket
 * @param kafka the Kafka broker
 */
public record Endpoints(S3 s3, Kafka kafka) {

    public Endpoints {
        if (s3 == null || kafka == null) {
            throw new IllegalArgumentException("both s3 and kafka are required");
        }
    }

    /**
     * The embedded S3 server.
     *
     * @param endpoint  URL to sign requests for (path-style buckets)
     * @param accessKey access key id
     * @param secretKey secret access key; kept across restarts, never logged
     * @param bucket    the bucket holding originals, renditions and access keys
     */
    public record S3(String endpoint, String accessKey, String secretKey, String bucket) {
        public S3 {
            require(endpoint, "s3.endpoint");
            require(accessKey, "s3.accessKey");
            require(secretKey, "s3.secretKey");
            require(bucket, "s3.bucket");
        }

        /** The port of {@link #endpoint()}, when it names one. */
        @JsonIgnore
        public OptionalInt port() {
            int port = URI.create(endpoint).getPort();
            return port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
        }

        /** Everything but the secret, so that a log line or an assertion message never shows it. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=(hidden), bucket=" + bucket + "]";
        }
    }

    /**
     * The embedded Kafka broker.
     *
     * @param bootstrapServers {@code host:port} for clients' {@code bootstrap.servers}
     */
    public record Kafka(String bootstrapServers) {
        public Kafka {
            require(bootstrapServers, "kafka.bootstrapServers");
        }

        /** The port of the (single) bootstrap server, when it names one. */
        @JsonIgnore
        public OptionalInt port() {
            int colon = bootstrapServers.lastIndexOf(':');
            try {
                int port = Integer.parseInt(bootstrapServers.substring(colon + 1).strip());
                return colon > 0 && port > 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
