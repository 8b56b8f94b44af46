package media.archive.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The api started as a process of its own ({@link ApiMain}) on this process's class path, for
 * the tests and benchmarks that must kill it or measure it apart from themselves.
 */
final class ApiProcess {
    private ApiProcess() {
    }

    /** Starts the api with {@code jvmOptions}, on {@code port}, with {@code env} added, its output in {@code log}. */
    static Process start(List<String> jvmOptions, Map<String, String> env, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ApiMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("API_HTTP_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /**
     * Waits until the api on {@code port} answers {@code /health/ready}; throws, with the api's
     * log, if it stops first or is not ready within {@code timeout}.
     */
    static void awaitReady(HttpClient http, int port, Process api, Path log, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!api.isAlive()) {
                throw new IllegalStateException("the api stopped; its log:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The server is not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the api did not become ready within " + timeout + "; its log:\n" + Files.readString(log));
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
