package media.archive.api.usage;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import media.archive.contracts.ImageId;

/**
 * What counting costs a public response: {@link UsageCounter#count} with a realistic
 * {@code Referer} on every call, over a few hundred pictures and a handful of sites, from
 * several threads at once, as nanoseconds and bytes allocated per call (the JVM's per-thread
 * allocation counter). Prints figures; asserts nothing. Arguments: threads (2), seconds (5).
 */
public final class UsageCounterBenchmark {
    private UsageCounterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ImageId[] images = new ImageId[500];
        for (int i = 0; i < images.length; i++) {
            images[i] = new ImageId(String.format("%064x", i * 7919L + 1));
        }
        String[] referers = {
                "https://www.news.example/2026/12/03/harbour-reopens-after-the-storm.html?utm_source=feed",
                "https://blog.example/posts/market-day",
                "https://www.facebook.com/",
                "http://localhost:8080/",
                "https://m.news.example/amp/2026/12/03/harbour-reopens-after-the-storm",
        };
        UsageCounter counter = new UsageCounter(Clock.systemUTC(), 100_000);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up" : "measured";
            AtomicLong calls = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            CountDownLatch done = new CountDownLatch(threads);
            long end = System.nanoTime() + (round == 0 ? 2 : seconds) * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread worker = new Thread(() -> {
                    long before = mx.getCurrentThreadAllocatedBytes();
                    long n = 0;
                    int i = seed;
                    while (System.nanoTime() < end) {
                        for (int k = 0; k < 1000; k++) {
                            i = i * 1103515245 + 12345;
                            int r = (i >>> 8) & 0x7fffffff;
                            counter.count(images[r % images.length], referers[r % referers.length], null);
                        }
                        n += 1000;
                    }
                    bytes.addAndGet(mx.getCurrentThreadAllocatedBytes() - before);
                    calls.addAndGet(n);
                    done.countDown();
                });
                workers.add(worker);
                worker.start();
            }
            done.await();
            double perCall = (round == 0 ? 2 : seconds) * 1e9 * threads / calls.get();
            System.out.printf("%s: %d threads, %,d calls, %.0f ns and %.0f bytes allocated per call (per thread), %d pairs%n",
                    label, threads, calls.get(), perCall, (double) bytes.get() / calls.get(), counter.pairs());
            counter.flushed(counter.pending());
        }
    }
}
