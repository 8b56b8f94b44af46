package media.archive.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import media.archive.contracts.Json;
import media.archive.embedded.LoopbackPorts;

/**
 * The archive under a newsroom's load, as one {@code ./archive run} on this machine: {@code U}
 * photographers upload {@code N} real photographs at once (corpus JPEGs, each made a new image by
 * a comment naming its number), while editors search and websites fetch thumbnails. Each upload
 * is watched on the live status stream from its {@code 202} until the index has it
 * {@code ready}. Prints uploads per second, upload latency, {@code 202} to searchable, the
 * processor's sustained rate, search and thumbnail latency, errors, and the archive's CPU time
 * and heap. Bounded: it stops after the last upload is ready or {@code timeout} seconds.
 *
 * <pre>
 * java -cp $CP media.archive.standalone.LoadBenchmark [photos dir] [N=2000] [uploaders=20] [searchers=10]
 *     [fetchers=50] [timeout seconds=900] [uploads per second=0, as fast as answered]
 * </pre>
 */
public final class LoadBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final List<String> QUERIES = List.of("", "skater", "is:ready", "camera:canon", "sort=taken",
            "keyword:news", "by:trung", "has:gps", "credit:reuters", "city:hanoi");

    private final String base;
    private final String admin;
    private final List<byte[]> photos;
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> ready = new ConcurrentHashMap<>();
    private final Map<String, Long> failed = new ConcurrentHashMap<>();
    private final List<Long> uploadNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> searchNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> fetchNanos = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> readyIds = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean uploading = true;
    /** Uploads begun per second by all photographers together; 0 sends each as soon as the last is answered. */
    private final double rate;
    private volatile long firstUpload;

    private LoadBenchmark(String base, String admin, List<byte[]> photos, double rate) {
        this.base = base;
        this.admin = admin;
        this.photos = photos;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        Path photosDir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/images");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int uploaders = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int searchers = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int fetchers = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        int timeout = args.length > 5 ? Integer.parseInt(args[5]) : 900;
        double rate = args.length > 6 ? Double.parseDouble(args[6]) : 0;
        List<byte[]> photos = jpegs(photosDir);
        Path data = Files.createTempDirectory("load-bench");
        int port = LoopbackPorts.pick();
        Path root = Path.of(System.getProperty("benchmark.root", "..")).toAbsolutePath().normalize();
        Process archive = start(root, data, port);
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(base, archive, Duration.ofMinutes(3));
            String admin = Files.readString(data.resolve("admin.key")).strip();
            System.out.printf(Locale.ROOT, "%d photographs from %s, %d uploads by %d photographers, %d editors searching, "
                    + "%d websites fetching; %s; PROCESSOR_THREADS=%s; load average %s%n", photos.size(), photosDir, count,
                    uploaders, searchers, fetchers, rate > 0 ? rate + " uploads/s" : "unpaced",
                    System.getenv().getOrDefault("PROCESSOR_THREADS", "default"), loadAverage());
            new LoadBenchmark(base, admin, photos, rate).run(archive, count, uploaders, searchers, fetchers, Duration.ofSeconds(timeout));
        } finally {
            archive.destroy();
            if (!archive.waitFor(30, TimeUnit.SECONDS)) {
                archive.destroyForcibly();
            }
        }
        // The processor's own account of where its time went, every 100 images (StageTimes).
        try (Stream<String> lines = Files.lines(data.resolveSibling(data.getFileName() + ".log"))) {
            lines.filter(line -> line.contains("processor stages")).forEach(System.out::println);
        }
    }

    private static Process start(Path root, Path data, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("archive").toString(), "run")
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                .directory(root.toFile());
        builder.environment().put("ARCHIVE_DATA_DIR", data.toString());
        builder.environment().put("ARCHIVE_HTTP_PORT", Integer.toString(port));
        builder.environment().put("ARCHIVE_HTTP_HOST", "127.0.0.1");
        return builder.start();
    }

    private void run(Process archive, int count, int uploaders, int searchers, int fetchers, Duration timeout) throws Exception {
        List<String> photographerKeys = new ArrayList<>();
        for (int i = 0; i < uploaders; i++) {
            photographerKeys.add(issue("photographer " + i, "photographer"));
        }
        List<String> editorKeys = new ArrayList<>();
        for (int i = 0; i < searchers; i++) {
            editorKeys.add(issue("editor " + i, "editor"));
        }
        long cpuBefore = cpuNanos(archive);
        long started = System.nanoTime();
        firstUpload = started;
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> uploads = new ArrayList<>();
        for (int u = 0; u < uploaders; u++) {
            String key = photographerKeys.get(u);
            uploads.add(pool.submit(() -> upload(key, next, count)));
        }
        for (int s = 0; s < searchers; s++) {
            String key = editorKeys.get(s);
            pool.submit(() -> search(key));
        }
        for (int f = 0; f < fetchers; f++) {
            pool.submit(this::fetch);
        }
        for (Future<?> upload : uploads) {
            upload.get();
        }
        long uploadsDone = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (ready.size() + failed.size() < accepted.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long allReady = System.nanoTime();
        uploading = false;
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        report(archive, count, started, uploadsDone, allReady, cpuBefore);
    }

    private Object upload(String key, AtomicInteger next, int count) {
        for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
            if (rate > 0) {
                // A steady stream, as from photographers filing one by one: the processor can keep up.
                pause(Math.max(0, (firstUpload + (long) (n * 1e9 / rate) - System.nanoTime()) / 1_000_000));
            }
            byte[] photo = Variants.of(photos.get(n % photos.size()), n);
            String boundary = "----load" + n;
            byte[] body = multipart(boundary, "frame-" + n + ".jpg", photo);
            for (int attempt = 0; attempt < 20; attempt++) {
                long sent = System.nanoTime();
                try {
                    HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/uploads"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - sent;
                    statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (answer.statusCode() == 202 || answer.statusCode() == 200) {
                        uploadNanos.add(took);
                        String id = Json.read(answer.body(), JsonNode.class).get("id").asText();
                        accepted.put(id, System.nanoTime());
                        watch(id);
                        break;
                    }
                    if (answer.statusCode() != 503 && answer.statusCode() != 429) {
                        errors.add("upload " + n + ": " + answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8));
                        break;
                    }
                    refused.incrementAndGet();
                    Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
                } catch (IOException e) {
                    errors.add("upload " + n + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    /** Follows the image's live status until the index says it is ready (or failed). */
    private void watch(String id) {
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/events?ids=" + id))
                        .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> {
                    try (InputStream in = response.body();
                         BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (!line.startsWith("data:")) {
                                continue;
                            }
                            String status = Json.read(line.substring(5).strip().getBytes(StandardCharsets.UTF_8), JsonNode.class)
                                    .path("status").asText();
                            if (status.equals("ready")) {
                                ready.putIfAbsent(id, System.nanoTime());
                                readyIds.add(id);
                                return;
                            }
                            if (status.equals("failed")) {
                                failed.putIfAbsent(id, System.nanoTime());
                                return;
                            }
                        }
                        // The stream ended (after its 10 minutes) before the image was ready: follow it again.
                        watch(id);
                    } catch (IOException | RuntimeException e) {
                        errors.add("status of " + id + ": " + e);
                    }
                });
    }

    private Object search(String key) {
        while (uploading) {
            String query = QUERIES.get(ThreadLocalRandom.current().nextInt(QUERIES.size()));
            String path = query.startsWith("sort=") ? "/v1/search?" + query : "/v1/search?q=" + ArchiveClient.query(query);
            timed(path, key, searchNanos);
            pause(100);
        }
        return null;
    }

    private Object fetch() {
        while (uploading) {
            if (readyIds.isEmpty()) {
                pause(200);
                continue;
            }
            String id = readyIds.get(ThreadLocalRandom.current().nextInt(readyIds.size()));
            timed("/v1/images/" + id + "/renditions/thumb", null, fetchNanos);
            pause(100);
        }
        return null;
    }

    private void timed(String path, String key, List<Long> latencies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            latencies.add(System.nanoTime() - sent);
            statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (answer.statusCode() >= 400) {
                errors.add(path + ": " + answer.statusCode());
            }
        } catch (IOException e) {
            errors.add(path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(Process archive, int count, long started, long uploadsDone, long allReady, long cpuBefore) throws Exception {
        double uploadSeconds = (uploadsDone - started) / 1e9;
        List<Long> toReady = new ArrayList<>();
        long firstReady = Long.MAX_VALUE;
        long lastReady = 0;
        for (Map.Entry<String, Long> done : ready.entrySet()) {
            toReady.add(done.getValue() - accepted.get(done.getKey()));
            firstReady = Math.min(firstReady, done.getValue());
            lastReady = Math.max(lastReady, done.getValue());
        }
        System.out.printf(Locale.ROOT, "uploads: %d accepted of %d in %.1f s, %.1f uploads/s; latency p50 %s, p99 %s; "
                        + "refused with 503/429 and sent again: %d%n",
                accepted.size(), count, uploadSeconds, accepted.size() / uploadSeconds, ms(uploadNanos, 50), ms(uploadNanos, 99),
                refused.get());
        System.out.printf(Locale.ROOT, "202 to searchable: p50 %s, p99 %s; ready %d, failed %d, lost %d%n",
                ms(toReady, 50), ms(toReady, 99), ready.size(), failed.size(), accepted.size() - ready.size() - failed.size());
        if (lastReady > firstReady) {
            System.out.printf(Locale.ROOT, "processor: %.1f images/s from the first ready to the last (%.1f s); all ready %.1f s "
                    + "after the first upload%n", (ready.size() - 1) / ((lastReady - firstReady) / 1e9), (lastReady - firstReady) / 1e9,
                    (allReady - started) / 1e9);
        }
        System.out.printf(Locale.ROOT, "search: %d, p50 %s, p99 %s; thumbnails: %d, p50 %s, p99 %s%n", searchNanos.size(),
                ms(searchNanos, 50), ms(searchNanos, 99), fetchNanos.size(), ms(fetchNanos, 50), ms(fetchNanos, 99));
        System.out.printf(Locale.ROOT, "statuses: %s; 5xx other than 503: %d; errors: %d%n", new TreeMap<>(statuses),
                statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503).mapToInt(e -> e.getValue().get()).sum(),
                errors.size());
        errors.stream().limit(10).forEach(e -> System.out.println("  " + e));
        System.out.printf(Locale.ROOT, "archive: CPU %.1f s over %.1f s (%.2f cores); %s; load average %s%n",
                (cpuNanos(archive) - cpuBefore) / 1e9, (allReady - started) / 1e9,
                (cpuNanos(archive) - cpuBefore) / (double) (allReady - started), heap(archive), loadAverage());
    }

    private String issue(String name, String role) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/keys"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(Map.of("name", name, "role", role)))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("cannot issue a key: " + answer.statusCode());
        }
        return Json.read(answer.body(), JsonNode.class).get("key").asText();
    }

    private static byte[] multipart(String boundary, String fileName, byte[] file) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return body;
    }

    /** The JPEGs of {@code dir} that decode: a photographer's card holds photographs, not the corpus's broken files. */
    private static List<byte[]> jpegs(Path dir) throws IOException {
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((name.endsWith(".jpg") || name.endsWith(".jpeg")) && !name.contains("broken") && !name.contains("notanimage")) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (bytes.length > 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && decodes(bytes)) {
                        photos.add(bytes);
                    }
                }
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("no JPEG in " + dir);
        }
        return photos;
    }

    private static boolean decodes(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg)) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void awaitReady(String base, Process archive, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!archive.isAlive()) {
                throw new IllegalStateException("the archive stopped while starting");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the archive was not ready within " + patience.toSeconds() + " s");
    }

    /** The CPU time of the archive's JVM (the {@code ./archive} script execs it, so the process is the JVM). */
    private static long cpuNanos(Process archive) {
        return archive.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static String heap(Process archive) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(archive.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return out.lines().filter(line -> line.contains("total") && line.contains("used")).findFirst()
                    .map(line -> "heap " + line.strip()).orElse("heap unknown");
        } catch (IOException | InterruptedException e) {
            return "heap unknown (" + e.getMessage() + ")";
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ms(List<Long> nanos, int percentile) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return "-";
        }
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%.0f ms", sorted.get(Math.max(0, index)) / 1e6);
    }
}
