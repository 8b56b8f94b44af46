package media.archive.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a cluster of embedded Kafka nodes, as a program of its own, so that a test can
 * kill a broker with {@code kill -9} and start it again on the same log directory:
 * {@code KafkaNodeMain <log dir> <own id> <id:broker port:controller port>,... <cluster id>}.
 * Prints {@value #STARTED} once the node is up; stops cleanly when its standard input closes
 * (the parent went away), so a crashed test leaves no broker behind.
 */
public final class KafkaNodeMain {
    /** The line the node prints once it serves. */
    public static final String STARTED = "kafka node started";

    private KafkaNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: KafkaNodeMain <log dir> <own id> <id:broker port:controller port>,... <cluster id>");
            System.exit(2);
        }
        int ownId = Integer.parseInt(args[1]);
        List<EmbeddedKafka.Node> cluster = nodes(args[2]);
        EmbeddedKafka.Node self = cluster.stream().filter(node -> node.id() == ownId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + ownId + " is not in " + args[2]));
        EmbeddedKafka node = EmbeddedKafka.member(Path.of(args[0]), self, cluster, args[3]).start();
        System.out.println(STARTED);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Waits for the parent to close our input.
        }
        node.close();
    }

    /** The cluster as {@link #main} takes it: {@code id:brokerPort:controllerPort}, comma-separated. */
    public static String describe(List<EmbeddedKafka.Node> cluster) {
        return String.join(",", cluster.stream()
                .map(node -> node.id() + ":" + node.brokerPort() + ":" + node.controllerPort()).toList());
    }

    private static List<EmbeddedKafka.Node> nodes(String text) {
        List<EmbeddedKafka.Node> nodes = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] fields = part.split(":");
            nodes.add(new EmbeddedKafka.Node(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), Integer.parseInt(fields[2])));
        }
        return nodes;
    }
}
