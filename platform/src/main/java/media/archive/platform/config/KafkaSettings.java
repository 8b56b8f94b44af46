package media.archive.platform.config;

/** Where the Kafka cluster is and how this program names itself to it. */
public record KafkaSettings(String bootstrapServers, String clientId) {
    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required");
        }
    }

    public static KafkaSettings from(Settings settings, String clientId) {
        return new KafkaSettings(
                settings.text("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Kafka brokers to connect to, host:port[,host:port]"),
                clientId);
    }
}
