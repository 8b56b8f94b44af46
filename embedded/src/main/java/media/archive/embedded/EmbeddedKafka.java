package media.archive.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A Kafka node, broker and controller in one (KRaft), listening on loopback: alone (the archive's
 * own broker), or one of a small cluster of such nodes whose controllers form the quorum (for
 * tests that kill a broker, each node in a process of its own: {@link KafkaNodeMain}). Its log
 * directory is formatted once and then reused, so topics and their events survive restarts
 * and crashes. Not thread-safe: one owner starts and closes it.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int SINGLE_NODE_ID = 1;

    /** Where one node of a cluster listens: clients on {@code brokerPort}, the quorum on {@code controllerPort}. */
    public record Node(int id, int brokerPort, int controllerPort) {
        String voter() {
            return id + "@127.0.0.1:" + controllerPort;
        }
    }

    private final Path logDir;
    private final Node self;
    private final List<Node> cluster;
    private final String clusterId;
    private KafkaRaftServer server;

    /**
     * A node keeping its data in {@code logDir}, on {@code brokerPort} (0 picks a free port)
     * for clients.
     */
    public EmbeddedKafka(Path logDir, int brokerPort) {
        this(logDir, new Node(SINGLE_NODE_ID, brokerPort == 0 ? LoopbackPorts.pick() : brokerPort, LoopbackPorts.pick()),
                null, null);
    }

    private EmbeddedKafka(Path logDir, Node self, List<Node> cluster, String clusterId) {
        this.logDir = logDir.toAbsolutePath();
        this.self = self;
        this.cluster = cluster == null ? List.of(self) : List.copyOf(cluster);
        this.clusterId = clusterId == null ? Uuid.randomUuid().toString() : clusterId;
    }

    /**
     * Node {@code self} of the cluster {@code cluster} (every node, itself included), all
     * formatted with {@code clusterId}: internal topics get three replicas (fewer in a smaller
     * cluster) and, like every topic by default, two in sync for a write to count.
     */
    public static EmbeddedKafka member(Path logDir, Node self, List<Node> cluster, String clusterId) {
        if (!cluster.contains(self)) {
            throw new IllegalArgumentException("node " + self.id() + " is not in the cluster " + cluster);
        }
        return new EmbeddedKafka(logDir, self, cluster, clusterId);
    }

    /** Formats the log directory if it is new, then starts the node and returns once it is up. */
    public EmbeddedKafka start() {
        Properties props = config();
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return this;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + self.brokerPort();
    }

    /** The loopback port clients connect to. */
    public int port() {
        return self.brokerPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties config() {
        String replicas = Integer.toString(Math.min(3, cluster.size()));
        String inSync = cluster.size() > 1 ? "2" : "1";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(self.id()));
        p.put("controller.quorum.voters", String.join(",", cluster.stream().map(Node::voter).toList()));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + self.brokerPort() + ",CONTROLLER://127.0.0.1:" + self.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + self.brokerPort());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // Alone, every internal topic has one replica; in a cluster, three with two in sync.
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", inSync);
        // Consumer groups start at once instead of waiting for more members that never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        // A restart right after a crash waits for the old broker session to expire; keep that short.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // Topics are created explicitly with the archive's settings (compacted, no retention).
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "3");
        // Modest memory: a laptop or a CI box runs this beside three services.
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }

    private void format() {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setClusterId(clusterId)
                    .setNodeId(self.id())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }
}
