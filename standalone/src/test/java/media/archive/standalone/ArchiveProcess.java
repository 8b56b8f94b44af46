package media.archive.standalone;

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
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./archive run} started as a process of its own on this test's class path, with its own
 * heap limit, so that a test can tell the archive survived (the process is alive, it answers
 * {@code /health/ready}) rather than that the test's JVM did. The JVM exits on its first
 * {@code OutOfMemoryError}, so a heap the input exhausted is a dead process, not a quiet error,
 * and writes its garbage collections to {@code gc.log} for the peak heap to be read.
 */
final class ArchiveProcess implements AutoCloseable {
    private static final Pattern HEAP_BEFORE_GC = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    private final Process process;
    private final int port;
    private final Path log;
    private final Path gcLog;

    private ArchiveProcess(Process process, int port, Path log, Path gcLog) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts the archive on {@code data} with {@code -Xmx<heapMb>m}, {@code env} added, working in
     * {@code workDir} with {@code tempDir} as its {@code java.io.tmpdir}; returns once it is ready.
     */
    static ArchiveProcess start(Path data, Path workDir, Path tempDir, int heapMb, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Files.createDirectories(tempDir);
        Path log = workDir.getParent().resolve("archive.log");
        Path gcLog = workDir.getParent().resolve("gc.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog,
                "-Djava.io.tmpdir=" + tempDir,
                "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"),
                ArchiveCommand.class.getName(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        builder.environment().put("ARCHIVE_DATA_DIR", data.toString());
        builder.environment().put("ARCHIVE_HTTP_HOST", "127.0.0.1");
        builder.environment().put("ARCHIVE_HTTP_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ArchiveProcess archive = new ArchiveProcess(builder.start(), port, log, gcLog);
        archive.awaitReady(Duration.ofSeconds(120));
        return archive;
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The end of the archive's output, for a failing assertion to show. */
    String logTail() {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The most heap in use before any garbage collection so far, in MB, from the GC log. */
    OptionalLong peakHeapMb() {
        try {
            Matcher m = HEAP_BEFORE_GC.matcher(Files.readString(gcLog));
            long peak = -1;
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
            return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the archive stopped; its log:\n" + logTail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the archive was not ready within " + timeout + "; its log:\n" + logTail());
    }

    /** Stops the archive as Ctrl-C would, and kills it if it has not stopped within 30 seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
