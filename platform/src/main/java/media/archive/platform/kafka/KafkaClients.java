package media.archive.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import media.archive.platform.config.KafkaSettings;

/**
 * The Kafka clients the archive's services use, configured once. Keys are image ids as text;
 * values are the JSON bytes of {@code media.archive.contracts} events.
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** A producer that never loses or duplicates an acknowledged event. */
    public static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.clientId());
        // An upload is answered only after every in-sync replica has the event.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retries after a lost acknowledgement must not write the event twice.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Events are small and sent one per request; waiting to batch would only add latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Bound how long a caller waits when the cluster is down, so ingest answers 503 within 10 s:
        // at most 5 s for metadata when none is cached, else 8 s for the acknowledgement (Kafka
        // wants delivery >= linger + request timeout).
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer that commits offsets only when its owner says so. {@code extra} adds or
     * overrides properties (a group id, say); the owner documents why.
     */
    public static KafkaConsumer<String, byte[]> consumer(KafkaSettings kafka, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId());
        // Offsets are committed after the work is done (at-least-once), never on a timer.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts from the first event: every image ever uploaded must be seen.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only events whose transaction committed; harmless for plain producers.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(extra);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
