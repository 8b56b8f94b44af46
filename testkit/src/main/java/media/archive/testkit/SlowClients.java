package media.archive.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Many raw HTTP connections to one loopback server, each having sent its request head and the
 * first bytes of a body, then trickling one byte per connection every {@code interval}: the
 * slow-loris clients a server must shed without losing its other work. One thread drives them
 * all. {@link #outcomes()} says how each ended: the status the server answered ({@code "408"},
 * {@code "503"}, ...), {@code "closed"} when it closed the connection without an answer this
 * side could read, {@code "open"} while it still waits. Not thread-safe apart from
 * {@link #outcomes()}; close it to end every connection.
 */
public final class SlowClients implements AutoCloseable {
    private static final Duration READ_AFTER_FAILED_WRITE = Duration.ofMillis(200);

    private final List<Client> clients = new ArrayList<>();
    private final Thread trickler;
    private volatile boolean running = true;

    private SlowClients(List<Client> clients, Duration interval) {
        this.clients.addAll(clients);
        this.trickler = new Thread(() -> trickle(interval), "slow-clients");
        trickler.setDaemon(true);
    }

    /**
     * Opens {@code count} connections to {@code 127.0.0.1:port}; connection {@code i} sends
     * {@code start.apply(i)} (its request head and the first bytes of its body) at once, then a
     * byte every {@code interval}.
     */
    public static SlowClients open(int port, int count, IntFunction<byte[]> start, Duration interval) throws IOException {
        List<Client> opened = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Client client = new Client(new Socket("127.0.0.1", port));
                opened.add(client);
                client.out.write(start.apply(i));
                client.out.flush();
            }
        } catch (IOException e) {
            opened.forEach(Client::close);
            throw e;
        }
        SlowClients slow = new SlowClients(opened, interval);
        slow.trickler.start();
        return slow;
    }

    /** How many connections ended which way, by outcome. */
    public synchronized Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Client client : clients) {
            counts.merge(client.outcome == null ? "open" : client.outcome, 1, Integer::sum);
        }
        return counts;
    }

    /** Waits until no connection is open any more, or {@code patience} passed; returns whether none is. */
    public boolean awaitAllEnded(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!outcomes().containsKey("open")) {
                return true;
            }
            Thread.sleep(50);
        }
        return !outcomes().containsKey("open");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        trickler.join(5_000);
        synchronized (this) {
            clients.forEach(Client::close);
        }
    }

    private void trickle(Duration interval) {
        while (running) {
            synchronized (this) {
                for (Client client : clients) {
                    if (client.outcome == null) {
                        client.step();
                    }
                }
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final class Client {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
        private String outcome;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout((int) READ_AFTER_FAILED_WRITE.toMillis());
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        /** Reads an answer that has come, else sends the next byte; a refused write means the server hung up. */
        void step() {
            try {
                if (in.available() > 0) {
                    read();
                    return;
                }
                out.write('x');
                out.flush();
            } catch (IOException e) {
                read();
                if (outcome == null) {
                    outcome = "closed";
                }
            }
        }

        private void read() {
            byte[] buffer = new byte[4096];
            try {
                int n = in.read(buffer);
                if (n > 0) {
                    answer.write(buffer, 0, n);
                } else if (n < 0 && outcome == null) {
                    outcome = "closed";
                }
            } catch (SocketTimeoutException e) {
                return;
            } catch (IOException e) {
                // A reset after the answer: what was read still counts.
            }
            String text = answer.toString(StandardCharsets.US_ASCII);
            if (text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
                outcome = text.substring(9, 12);
            } else if (outcome == null && socket.isClosed()) {
                outcome = "closed";
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a connection the server already dropped.
            }
        }
    }
}
