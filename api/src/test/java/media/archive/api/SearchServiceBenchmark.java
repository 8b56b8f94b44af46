package media.archive.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.api.search.SearchRequest;
import media.archive.api.search.SearchResults;
import media.archive.api.search.SearchService;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.Json;

/**
 * A benchmark, not a test: the query mix of {@link SearchBenchmark} run against an index in this
 * process, without HTTP, Kafka or a client sharing the machine, while 100 new images a second
 * are applied to the index (in batches of 50, twice a second, as the live api commits).
 * What it measures is the search itself: {@link SearchBenchmark}'s figures minus the cost of
 * the request around it. Each answer is rendered as JSON, as the api would.
 *
 * <p>Arguments: the index directory (for instance {@code api/index} in the work directory of a
 * {@code SearchBenchmark} run kept with {@code -Dbenchmark.dir}; use a copy, the live feed
 * changes it), query threads (default 4), seconds of queries after as many of warm-up (default 30).
 */
public final class SearchServiceBenchmark {
    private SearchServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        try (ImageIndex index = ImageIndex.open(dir)) {
            SearchService search = new SearchService(index);
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7;
                Thread worker = new Thread(() -> {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        Object[] query = SearchBenchmark.QUERIES[i % SearchBenchmark.QUERIES.length];
                        String cursor = null;
                        for (int page = 0; page < (Integer) query[2]; page++) {
                            long start = System.nanoTime();
                            SearchResults results = search.search(SearchRequest.of((String) query[0], (String) query[1], "20", cursor));
                            Json.toText(results);
                            if (start >= measureFrom) {
                                latencies.add(System.nanoTime() - start);
                            }
                            cursor = results.next();
                            if (cursor == null) {
                                break;
                            }
                        }
                    }
                }, "query-" + t);
                worker.start();
                workers.add(worker);
            }
            IndexFeeder feeder = new IndexFeeder(index);
            Random random = new Random(7);
            int next = index.withSearcher(searcher -> searcher.getIndexReader().maxDoc()) + 10_000_000;
            while (System.nanoTime() < end) {
                List<ImageEvent> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    events.addAll(SearchBenchmark.events(random, next++));
                }
                feeder.feed(events.toArray(ImageEvent[]::new));
                Thread.sleep(500);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long[] nanos = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("in process: %,d pages in %d s from %d threads (%,.0f/s) after %d s of warm-up, 100 images/s arriving%n",
                    nanos.length, seconds, threads, nanos.length / (double) seconds, seconds);
            System.out.printf("latency per page, facets and JSON included: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                    pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
