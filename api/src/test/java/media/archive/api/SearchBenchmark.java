package media.archive.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import media.archive.contracts.Appearance;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.embedded.EmbeddedKafka;
import media.archive.embedded.EmbeddedS3;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.Settings;
import media.archive.platform.kafka.TopicSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A benchmark, not a test. Publishes {@code N} realistic images (an upload and a processing
 * outcome each: varied creators, credits, captions in English, Vietnamese, Bengali, Thai and
 * Chinese, keywords, places, cameras, dates) to an embedded Kafka broker, starts the api as its
 * own process ({@link ApiMain}, {@code -Xmx1g}) on an empty index and times the rebuild until
 * it is ready, then runs a fixed mix of queries (free text, field filters, date ranges, sorted
 * listings, deep cursor pages; facets on every one) over HTTP from several threads while
 * 100 new images a second are published. Prints the indexing rate, latency percentiles and the
 * api's heap.
 *
 * <p>Arguments: N (default 1,000,000), query threads (default 4), seconds of queries (default 60; 0 stops after
 * the rebuild).
 */
public final class SearchBenchmark {
    private static final String KEY = "benchmark-" + UUID.randomUUID();
    private static final String[] FIRST = {"Trần", "Nguyễn", "Lê", "Phạm", "Ana", "João", "Maria", "Somchai", "Rahim",
        "Fatima", "Li", "Wang", "Hiroshi", "Olga", "Pierre", "Amélie", "Jürgen", "Søren", "Kwame", "Aisha", "David", "Sarah"};
    private static final String[] LAST = {"Trung", "Văn An", "Thị Hoa", "Lima", "Silva", "Costa", "Rahman", "Chowdhury",
        "Sato", "Müller", "Dubois", "Petrova", "Smith", "Jones", "Okafor", "Haddad", "Kowalski", "Nakamura", "García", "Zhang"};
    private static final String[] CREDITS = {"Reuters", "AP", "AFP", "Getty Images", "EPA", "Báo Quốc tế", "VNA", "Xinhua",
        "Kyodo", "PA", "ANP", "dpa", "Prothom Alo", "Bangkok Post", "Staff", "Freelance", "Pool", "Handout", "NurPhoto", "Sipa"};
    private static final String[][] PLACES = {{"Hà Nội", "Vietnam"}, {"Hồ Chí Minh", "Vietnam"}, {"Dhaka", "Bangladesh"},
        {"Kolkata", "India"}, {"Bangkok", "Thailand"}, {"Beijing", "China"}, {"Paris", "France"}, {"Berlin", "Germany"},
        {"London", "United Kingdom"}, {"New York", "United States"}, {"São Paulo", "Brazil"}, {"Lagos", "Nigeria"},
        {"Tokyo", "Japan"}, {"Kyiv", "Ukraine"}, {"Cairo", "Egypt"}, {"Sydney", "Australia"}};
    private static final String[] CAMERAS = {"Canon|Canon EOS R5", "Canon|Canon EOS-1D X Mark III", "NIKON CORPORATION|NIKON Z 9",
        "NIKON CORPORATION|NIKON D850", "SONY|ILCE-1", "SONY|ILCE-7RM4", "FUJIFILM|X-T5", "Apple|iPhone 15 Pro", "Leica|M11"};
    private static final String[] ENGLISH = {"protest", "election", "flood", "summit", "leaders", "storm", "rescue", "market",
        "festival", "football", "match", "fire", "crowd", "police", "minister", "president", "villagers", "farmers", "harbour",
        "boats", "children", "school", "hospital", "doctors", "photographers", "journalists", "convention", "signing", "parade",
        "celebration", "earthquake", "damage", "rain", "traffic", "train", "airport", "refugees", "border", "strike", "workers"};
    private static final String[] VIETNAMESE = {"hội nghị", "cấp cao", "lũ lụt", "biểu tình", "bầu cử", "nông dân", "chợ",
        "thuyền", "lễ hội", "bóng đá", "cứu hộ", "mưa bão", "trẻ em", "trường học", "bệnh viện", "công an", "thủ tướng"};
    private static final String[] BENGALI = {"সাইবার", "অপরাধের", "বিরুদ্ধে", "জাতিসংঘের", "কনভেনশন", "স্বাক্ষর", "অনুষ্ঠান",
        "সম্মেলন", "আন্তর্জাতিক", "নিরাপত্তা", "বন্যা", "নির্বাচন", "কৃষক", "বাজার", "নৌকা", "শিশু", "বিদ্যালয়", "হাসপাতাল"};
    private static final String[] THAI = {"ตลาดน้ำ", "น้ำท่วม", "การเลือกตั้ง", "ชาวนา", "เทศกาล", "ฟุตบอล", "โรงเรียน"};
    private static final String[] CHINESE = {"天安门广场", "洪水", "选举", "农民", "市场", "节日", "足球比赛"};
    private static final String[] KEYWORDS = buildKeywords();

    /** The fixed query mix: q, sort, how many pages deep to follow the cursor. */
    static final Object[][] QUERIES = {
        {"protest", null, 1}, {"flood rescue", null, 1}, {"photographers", null, 1}, {"hội nghị", null, 1},
        {"সাইবার", null, 1}, {"বন্যা শিশু", null, 1}, {"ตลาดน้ำ", null, 1}, {"洪水", null, 1},
        {"by:\"tran trung\"", null, 1}, {"by:\"Trần Trung\" সাইবার", null, 1}, {"credit:reuters", "uploaded", 1},
        {"country:vietnam election", null, 1}, {"keyword:politics", null, 1}, {"camera:\"eos r5\"", "taken", 1},
        {"in:dhaka", null, 1}, {"taken:2024-05", "taken", 1}, {"taken:2023-01-01..2023-03-31 flood", null, 1},
        {"uploaded:>2025-06", "uploaded", 1}, {"flood -rain", null, 1}, {"election OR protest", null, 1},
        {"\"cấp cao\"", null, 1}, {"has:gps is:ai-generated", null, 1}, {null, null, 1}, {null, "taken", 1},
        {"storm", null, 5}, {null, null, 10}, {"credit:afp", "taken", 5},
    };

    /** With {@code -Dbenchmark.dir}: whether a run that reuses the published images rebuilds the api's index anew ({@code -Dbenchmark.rebuild=true}). */
    private static final boolean REBUILD = Boolean.getBoolean("benchmark.rebuild");
    /** How long the live feed runs alone before the queries, to measure what it costs. */
    private static final int BACKGROUND_SECONDS = 10;
    /**
     * How long the query mix runs before it is measured: the api's steady state, not its start. On
     * two cores the JIT compiler is still busy a minute after the start (about half a core after
     * 30 s, a fifth after four minutes), and what it takes the queries lack.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.warmup", 150);

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        // -Dbenchmark.dir=DIR keeps the broker's and the api's data there: a second run with the same
        // N then skips publishing and the rebuild, to measure queries again on the same index.
        String kept = System.getProperty("benchmark.dir");
        Path dir = kept == null ? Files.createTempDirectory("search-benchmark") : Files.createDirectories(Path.of(kept));
        Path published = dir.resolve("published");
        boolean reuse = Files.exists(published) && Files.readString(published).strip().equals(Integer.toString(images));
        System.out.printf("search benchmark: %,d images, %d query threads, %d s of queries, work dir %s%n", images, threads, seconds, dir);
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
             EmbeddedS3 s3 = new EmbeddedS3(dir.resolve("s3"), 0, "benchmark", "benchmark-secret").start()) {
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "S3_ENDPOINT", s3.endpoint(), "S3_ACCESS_KEY", s3.accessKey(), "S3_SECRET_KEY", s3.secretKey(),
                    "S3_REGION", "us-east-1", "S3_BUCKET", "benchmark");
            KafkaSettings kafkaSettings = KafkaSettings.from(Settings.of(env), "search-benchmark");
            TopicSetup.ensureTopics(kafkaSettings, 3, (short) 1);

            if (reuse && REBUILD) {
                org.apache.lucene.util.IOUtils.rm(dir.resolve("api"));
                System.out.printf("reusing the %,d images published to %s; the api's index was deleted: the rebuild is measured%n", images, dir);
            } else if (reuse) {
                System.out.printf("reusing the %,d images published to %s and the api's index: the rebuild is not measured%n", images, dir);
            } else {
                long publishStart = System.nanoTime();
                try (KafkaProducer<String, byte[]> producer = producer(kafkaSettings)) {
                    Random random = new Random(42);
                    for (int i = 0; i < images; i++) {
                        publish(producer, random, i);
                    }
                    producer.flush();
                }
                double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
                System.out.printf("published %,d images (%,d events) in %.1f s%n", images, 2L * images, publishSeconds);
                Files.writeString(published, Integer.toString(images));
            }

            int port = ApiProcess.freePort();
            long rebuildStart = System.nanoTime();
            double ownCpuAtStart = ownCpuSeconds();
            Process api = startApi(env, dir, port);
            try {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                ApiProcess.awaitReady(http, port, api, dir.resolve("api.log"), Duration.ofHours(1));
                double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
                double rebuildCpu = cpuSeconds(api);
                double brokerCpu = ownCpuSeconds() - ownCpuAtStart;
                long total = Json.mapper().readTree(get(http, port, "/v1/search?limit=1")).path("total").asLong();
                System.out.printf("%s: %,d images indexed in %.1f s (JVM start included): %,.0f images/s, %,.0f events/s%n",
                        reuse && !REBUILD ? "resumed (not a rebuild)" : "rebuild", total, rebuildSeconds, total / rebuildSeconds, 2 * total / rebuildSeconds);
                System.out.printf("rebuild CPU: the api used %.1f CPU-seconds: %,.0f images per CPU-second; this process (the broker) %.1f CPU-seconds; load average now %s%n",
                        rebuildCpu, total / rebuildCpu, brokerCpu, loadAverage());
                try (java.util.stream.Stream<String> log = Files.lines(dir.resolve("api.log"))) {
                    log.filter(line -> line.contains("index caught up")).reduce((first, second) -> second)
                            .ifPresent(line -> System.out.println("the api's own count: " + line.substring(line.indexOf("index caught up"))));
                }
                if (total < images && (!reuse || REBUILD)) {
                    System.out.printf("WARNING: the index holds %,d images, %,d were published%n", total, images);
                }
                System.out.println("api heap after the rebuild: " + heap(api));
                if (seconds == 0) {
                    return;
                }
                runQueries(http, port, kafkaSettings, images, threads, seconds, api);
                System.out.println("api heap after the queries: " + heap(api));
            } finally {
                api.destroy();
                api.waitFor(30, TimeUnit.SECONDS);
                api.destroyForcibly();
            }
        }
    }

    private static void runQueries(HttpClient http, int port, KafkaSettings kafka, int images, int threads, int seconds,
                                   Process api) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong live = new AtomicLong();
        Thread feeder = new Thread(() -> {
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                Random random = new Random(7);
                int next = images;
                long start = System.nanoTime();
                while (running.get()) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * 100);
                    while (live.get() < due) {
                        publish(producer, random, next++);
                        live.incrementAndGet();
                    }
                    producer.flush();
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-feed");
        feeder.start();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // Warm-up: the same mix, unmeasured, so that what is measured is the api's steady state,
        // not its JIT compiling the search code or its first reading of the index.
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < threads; t++) {
            int offset = t * 7;
            pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    Object[] query = QUERIES[i++ % QUERIES.length];
                    try {
                        run(http, port, query, System.nanoTime() >= measureFrom ? latencies : null);
                    } catch (Exception e) {
                        System.out.println("query failed: " + Arrays.toString(query) + ": " + e);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())));
        double cpuBefore = cpuSeconds(api);
        double ownCpuBefore = ownCpuSeconds();
        pool.awaitTermination(WARM_UP_SECONDS + seconds + 60L, TimeUnit.SECONDS);
        double cpuUsed = cpuSeconds(api) - cpuBefore;
        double ownCpuUsed = ownCpuSeconds() - ownCpuBefore;
        // What the live feed costs without queries, once the api is warm: the api indexing it, this process publishing it and running the broker.
        double apiIdleBefore = cpuSeconds(api);
        double ownIdleBefore = ownCpuSeconds();
        Thread.sleep(TimeUnit.SECONDS.toMillis(BACKGROUND_SECONDS));
        double apiIdle = (cpuSeconds(api) - apiIdleBefore) / BACKGROUND_SECONDS;
        double ownIdle = (ownCpuSeconds() - ownIdleBefore) / BACKGROUND_SECONDS;
        running.set(false);
        feeder.join();
        long[] nanos = latencies.stream().mapToLong(l -> l[0]).sorted().toArray();
        System.out.printf("queries: %,d requests (pages) in %d s from %d threads, %,.0f/s, after %d s of warm-up; %,d new images were published meanwhile (100/s)%n",
                nanos.length, seconds, threads, nanos.length / (double) seconds, WARM_UP_SECONDS, live.get());
        System.out.printf("latency per request, facets included: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
        System.out.printf("query CPU: the api used %.1f CPU-seconds for %,d requests (and the live feed): %.1f CPU-ms per request; load average now %s%n",
                cpuUsed, nanos.length, cpuUsed * 1000 / nanos.length, loadAverage());
        System.out.printf("client CPU: this process (query threads, live feed, broker) used %.1f CPU-seconds: %.1f CPU-ms per request%n",
                ownCpuUsed, ownCpuUsed * 1000 / nanos.length);
        System.out.printf("the live feed alone, for %d s after the queries: the api used %.2f cores, this process (feed, broker) %.2f cores%n",
                BACKGROUND_SECONDS, apiIdle, ownIdle);
        measureFreshness(http, port, kafka, images + (int) live.get() + 1);
        long lastLive = Json.mapper().readTree(get(http, port, "/v1/search?limit=1")).path("total").asLong();
        System.out.printf("index holds %,d images after the live feed (published %,d)%n", lastLive, images + live.get() + 10);
    }

    /** User and system CPU time the process has used, from {@code /proc} (Linux). */
    private static double cpuSeconds(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name, in clock ticks.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Publishes ten images one at a time and measures how soon each is found by its id. */
    private static void measureFreshness(HttpClient http, int port, KafkaSettings kafka, int first) throws Exception {
        long[] nanos = new long[10];
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            Random random = new Random(11);
            for (int i = 0; i < nanos.length; i++) {
                List<ImageEvent> events = events(random, first + i);
                long start = System.nanoTime();
                for (ImageEvent event : events) {
                    producer.send(new ProducerRecord<>(event instanceof ImageUploaded ? Topics.UPLOADED : Topics.PROCESSED,
                            event.id().value(), Json.toBytes(event))).get();
                }
                String path = "/v1/search?limit=1&q=" + URLEncoder.encode("id:" + events.get(0).id().value(), StandardCharsets.UTF_8);
                while (Json.mapper().readTree(get(http, port, path)).path("total").asLong() == 0) {
                    Thread.sleep(5);
                }
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("freshness: from publish to searchable, median %.0f ms, max %.0f ms (10 images)%n",
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    /** Runs one query of the mix, following its cursor {@code pages} deep; records each page's latency. */
    private static void run(HttpClient http, int port, Object[] query, ConcurrentLinkedQueue<long[]> latencies) throws Exception {
        String q = (String) query[0];
        String sort = (String) query[1];
        int pages = (Integer) query[2];
        String cursor = null;
        for (int page = 0; page < pages; page++) {
            StringBuilder path = new StringBuilder("/v1/search?limit=20");
            if (q != null) {
                path.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
            }
            if (sort != null) {
                path.append("&sort=").append(sort);
            }
            if (cursor != null) {
                path.append("&cursor=").append(cursor);
            }
            long start = System.nanoTime();
            byte[] body = getBytes(http, port, path.toString());
            long elapsed = System.nanoTime() - start;
            if (latencies != null) {
                latencies.add(new long[] {elapsed});
            }
            cursor = nextCursor(body, path);
            if (cursor == null) {
                return;
            }
        }
    }

    /**
     * The {@code next} cursor of a page, after checking that the page is JSON with facets. Read
     * as a stream of tokens, skipping the hits: the client shares the machine with the api, and
     * building a tree of every answer would take CPU time from the api being measured.
     */
    private static String nextCursor(byte[] body, CharSequence path) throws IOException {
        boolean facets = false;
        String next = null;
        try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the answer to " + path + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("facets")) {
                    facets = value == JsonToken.START_OBJECT;
                } else if (field.equals("next") && value == JsonToken.VALUE_STRING) {
                    next = parser.getText();
                }
                parser.skipChildren();
            }
        }
        if (!facets) {
            throw new IllegalStateException("no facets in the answer to " + path);
        }
        return next;
    }

    private static void publish(KafkaProducer<String, byte[]> producer, Random random, int i) {
        for (ImageEvent event : events(random, i)) {
            send(producer, event instanceof ImageUploaded ? Topics.UPLOADED : Topics.PROCESSED, event);
        }
    }

    /** The upload and the processing outcome of realistic image number {@code i}. */
    public static List<ImageEvent> events(Random random, int i) {
        ImageId id = ImageId.fromDigest(digest(i));
        Instant uploaded = Instant.parse("2021-01-01T00:00:00Z").plusSeconds(i * 150L + random.nextInt(100));
        String[] place = PLACES[random.nextInt(PLACES.length)];
        String[] camera = CAMERAS[random.nextInt(CAMERAS.length)].split("\\|");
        String creator = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        LocalDateTime taken = LocalDateTime.ofEpochSecond(uploaded.getEpochSecond() - random.nextInt(86_400 * 30), 0, ZoneOffset.UTC);
        List<String> keywords = new ArrayList<>();
        for (int k = random.nextInt(6); k >= 0; k--) {
            keywords.add(KEYWORDS[(int) Math.min(KEYWORDS.length - 1, Math.abs(random.nextGaussian()) * KEYWORDS.length / 4)]);
        }
        ImageMetadata metadata = ImageMetadata.builder()
                .width(6000).height(4000).orientation(1)
                .creator(List.of(creator)).credit(CREDITS[random.nextInt(CREDITS.length)])
                .source(CREDITS[random.nextInt(CREDITS.length)]).copyright("© " + creator)
                .headline(random.nextInt(3) == 0 ? sentence(random, 6) : null)
                .description(sentence(random, 20 + random.nextInt(40)))
                .keywords(keywords).city(place[0]).country(place[1])
                .make(camera[0]).model(camera[1]).dateTaken(taken.toString())
                .gpsLatitude(random.nextInt(4) == 0 ? random.nextDouble() * 90 : null)
                .gpsLongitude(random.nextInt(4) == 0 ? random.nextDouble() * 180 : null)
                .digitalSourceType(random.nextInt(50) == 0 ? "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia" : null)
                .build();
        ImageUploaded upload = new ImageUploaded(id, uploaded, "photographer-" + random.nextInt(200),
                "DSC_" + i + ".jpg", "image/jpeg", 5_000_000 + random.nextInt(5_000_000), SuppliedMetadata.NONE);
        ImageProcessed processed = new ImageProcessed(id, uploaded.plusSeconds(3), metadata,
                List.of(new Rendition("thumb", 256, 171, 20_000, "image/jpeg", ObjectKeys.rendition(id, "thumb", "jpg"))),
                new Appearance(null, "#336699", HexFormat.of().toHexDigits(random.nextLong())));
        return List.of(upload, processed);
    }

    /** Words from one language's pool (most captions English, the rest spread over four others). */
    private static String sentence(Random random, int words) {
        int language = random.nextInt(10);
        String[] pool = language < 5 ? ENGLISH : language < 7 ? VIETNAMESE : language < 8 ? BENGALI : language < 9 ? THAI : CHINESE;
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0 && pool != CHINESE && pool != THAI) {
                out.append(' ');
            }
            out.append(pool[random.nextInt(pool.length)]);
        }
        return out.toString();
    }

    private static String[] buildKeywords() {
        List<String> out = new ArrayList<>(List.of("politics", "weather", "sport", "business", "culture", "diplomacy"));
        for (String word : ENGLISH) {
            out.add(word);
        }
        for (int i = 0; out.size() < 2_000; i++) {
            out.add("topic-" + i);
        }
        return out.toArray(String[]::new);
    }

    private static byte[] digest(int i) {
        byte[] bytes = new byte[32];
        long x = i * 0x9E3779B97F4A7C15L + 1;
        for (int b = 0; b < 32; b++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[b] = (byte) x;
        }
        return bytes;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, ImageEvent event) {
        producer.send(new ProducerRecord<>(topic, event.id().value(), Json.toBytes(event)));
    }

    private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
        // Bulk loading: batches of many events, unlike the services' one-event-at-a-time producers.
        java.util.Properties props = new java.util.Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        return new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static Process startApi(Map<String, String> env, Path dir, int port) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
        // Extra options for the api's JVM, a profiler's for instance: -Dapi.jvm.options="-XX:StartFlightRecording=..."
        String extra = System.getProperty("api.jvm.options", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        Map<String, String> all = new HashMap<>(env);
        all.put("ARCHIVE_DATA_DIR", dir.resolve("api").toString());
        all.put("ARCHIVE_ADMIN_KEY", KEY);
        return ApiProcess.start(options, all, port, dir.resolve("api.log"));
    }

    private static byte[] getBytes(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return new String(getBytes(http, port, path), StandardCharsets.UTF_8);
    }

    /** The api's heap in use and committed, as {@code jcmd GC.heap_info} reports it. */
    private static String heap(Process api) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(api.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            return out.lines().filter(l -> l.contains("garbage-first heap") || l.contains("total")).findFirst().orElse(out).strip();
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
