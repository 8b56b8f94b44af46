package media.archive.api.usage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.http.Routes;
import media.archive.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Where each picture is used, as one object: the {@link UsageCounter} the serving routes call,
 * the flusher that publishes its counts on {@code media.usages}, the {@link UsageView} rebuilt
 * from that topic, and the editors' {@linkplain #routes() routes} over it. Nothing connects to
 * Kafka before {@link #start()}; {@link #close()} publishes what was counted since the last flush.
 * Thread-safe.
 */
public final class UsageTracking implements AutoCloseable {
    /** How long a flush waits for Kafka's acknowledgements (its producer gives up sending after 15 s). */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final UsageConfig config;
    private final String replica;
    private final UsageCounter counter;
    private final UsageView view;
    private final UsageFlusher flusher;
    private final ServedTo servedTo;
    private final AccessGuard guard;

    /** Reads (or makes) this replica's name; builds the clients without connecting them. */
    public UsageTracking(UsageConfig config, KafkaSettings kafka, AccessGuard guard) {
        this.config = Objects.requireNonNull(config, "config");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.replica = ReplicaName.of(config.replicaFile());
        this.counter = new UsageCounter(Clock.systemUTC(), config.maxPairs());
        this.view = new UsageView(KafkaClients.consumer(kafka, Map.of(
                // The view reads the whole topic at every start, into memory; it has no group and commits nothing.
                ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-usages",
                // The topic is made by TopicSetup (compacted, kept forever), never by a reader's metadata request.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)));
        this.servedTo = new PublicRequests(counter);
        this.flusher = new UsageFlusher(counter, view, KafkaClients.producer(kafka), replica, ACK_TIMEOUT);
    }

    /** Starts reading the topic and the flushes. */
    public void start() {
        view.start();
        flusher.start(config.flushEvery());
    }

    /** What the serving routes call for every public response. */
    public UsageCounter counter() {
        return counter;
    }

    /** What the public routes report each picture they served to: counted by site, the archive's own origin left out. */
    public ServedTo servedTo() {
        return servedTo;
    }

    /** Where each picture is used, summed over the replicas. */
    public UsageView view() {
        return view;
    }

    /** The name this replica publishes its totals under. */
    public String replica() {
        return replica;
    }

    /** {@code GET /v1/usages} and {@code GET /v1/images/<id>/usages}, for editors. */
    public Routes routes() {
        return new UsageRoutes(view, guard);
    }

    /** Publishes now; see {@link UsageFlusher#flush()}. */
    int flush() {
        return flusher.flush();
    }

    /** Publishes what is left, then stops the flushes and the view. */
    @Override
    public void close() {
        try {
            flusher.close();
        } finally {
            view.close();
        }
    }
}
