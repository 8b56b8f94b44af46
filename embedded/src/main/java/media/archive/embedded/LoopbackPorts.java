package media.archive.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for the embedded servers: a free one, and whether the one a server had on its
 * last start is still free, so that clients set up against that start keep working.
 */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** A loopback port nobody listens on right now. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Whether a server could bind {@code port} on loopback now (another process may take it a moment later). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers bind theirs: a port whose last connections linger in TIME_WAIT is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
