package media.archive.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import media.archive.contracts.ImageId;
import org.junit.jupiter.api.Test;

class UsageCounterTest {
    static final ImageId HARBOUR = new ImageId("a".repeat(64));
    static final ImageId MARKET = new ImageId("b".repeat(64));
    private static final Instant MORNING = Instant.parse("2026-12-03T08:00:00Z");

    private final UsageCounter counter = new UsageCounter(Clock.fixed(MORNING, ZoneOffset.UTC), 1000);

    @Test
    void counts_each_picture_per_site() {
        counter.count(HARBOUR, "https://news.example/a", null);
        counter.count(HARBOUR, "https://news.example/b", null);
        counter.count(HARBOUR, null, "https://blog.example");
        counter.count(MARKET, "https://news.example/a", null);

        assertThat(hits(counter.pending())).isEqualTo(Map.of(
                "aaaa https://news.example", 2L, "aaaa https://blog.example", 1L, "bbbb https://news.example", 1L));
        assertThat(counter.pending()).allSatisfy(p -> {
            assertThat(p.firstSeen()).isEqualTo(MORNING.toEpochMilli());
            assertThat(p.lastSeen()).isEqualTo(MORNING.toEpochMilli());
        });
    }

    @Test
    void requests_that_name_no_site_are_not_counted() {
        counter.count(HARBOUR, null, null);
        counter.count(HARBOUR, "about:blank", "null");

        assertThat(counter.pending()).isEmpty();
    }

    @Test
    void flushed_hits_are_not_pending_again_and_later_hits_are() {
        counter.count(HARBOUR, "https://news.example/a", null);
        counter.flushed(counter.pending());
        assertThat(counter.pending()).isEmpty();

        counter.count(HARBOUR, "https://news.example/a", null);
        assertThat(hits(counter.pending())).isEqualTo(Map.of("aaaa https://news.example", 1L));
    }

    @Test
    void hits_of_a_failed_flush_stay_pending() {
        counter.count(HARBOUR, "https://news.example/a", null);
        counter.flushed(List.of());
        counter.count(HARBOUR, "https://news.example/a", null);

        assertThat(hits(counter.pending())).isEqualTo(Map.of("aaaa https://news.example", 2L));
    }

    @Test
    void a_pair_idle_for_two_flushes_leaves_memory_without_losing_a_late_hit() {
        counter.count(HARBOUR, "https://news.example/a", null);
        counter.flushed(counter.pending());
        counter.flushed(counter.pending());
        assertThat(counter.pairs()).isEqualTo(1);
        counter.flushed(counter.pending());
        assertThat(counter.pairs()).isZero();

        counter.count(HARBOUR, "https://news.example/a", null);
        assertThat(counter.pairs()).isEqualTo(1);
        assertThat(hits(counter.pending())).isEqualTo(Map.of("aaaa https://news.example", 1L));
    }

    @Test
    void new_pairs_beyond_the_bound_are_tallied_not_held() {
        UsageCounter small = new UsageCounter(Clock.systemUTC(), 2);
        small.count(HARBOUR, "https://one.example/", null);
        small.count(HARBOUR, "https://two.example/", null);
        for (int i = 0; i < 1000; i++) {
            small.count(HARBOUR, "https://invented" + i + ".example/", null);
        }
        small.count(HARBOUR, "https://one.example/", null);

        assertThat(small.pairs()).isEqualTo(2);
        assertThat(small.overflowed()).isEqualTo(1000);
        assertThat(hits(small.pending())).containsEntry("aaaa https://one.example", 2L);
    }

    @Test
    void the_last_sighting_follows_the_clock() {
        MovableClock clock = new MovableClock(MORNING);
        UsageCounter moving = new UsageCounter(clock, 10);
        moving.count(HARBOUR, "https://news.example/", null);
        clock.now = MORNING.plusSeconds(90);
        moving.count(HARBOUR, "https://news.example/", null);

        UsageCounter.Pending pending = moving.pending().get(0);
        assertThat(pending.firstSeen()).isEqualTo(MORNING.toEpochMilli());
        assertThat(pending.lastSeen()).isEqualTo(MORNING.plusSeconds(90).toEpochMilli());
    }

    @Test
    void threads_counting_at_once_while_flushes_run_lose_no_hit() throws Exception {
        UsageCounter shared = new UsageCounter(Clock.systemUTC(), 10_000);
        int threads = 4;
        int perThread = 200_000;
        String[] referers = {"https://one.example/a", "https://two.example/b", "http://three.example:8080/c"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> counting = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            counting.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    shared.count((i + thread) % 2 == 0 ? HARBOUR : MARKET, referers[i % referers.length], null);
                }
                return null;
            }));
        }
        long flushedHits = 0;
        int flushes = 0;
        start.countDown();
        while (!done.get()) {
            done.set(counting.stream().allMatch(Future::isDone));
            List<UsageCounter.Pending> pending = shared.pending();
            flushedHits += pending.stream().mapToLong(UsageCounter.Pending::hits).sum();
            shared.flushed(pending);
            flushes++;
            // Flushes a few milliseconds apart (a minute apart in production): many flushes
            // while every thread counts, without making each flush a window too short to hit.
            Thread.sleep(2);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : counting) {
            f.get();
        }
        flushedHits += shared.pending().stream().mapToLong(UsageCounter.Pending::hits).sum();

        assertThat(flushedHits).isEqualTo((long) threads * perThread);
        assertThat(flushes).isGreaterThan(3);
    }

    static Map<String, Long> hits(List<UsageCounter.Pending> pending) {
        return pending.stream().collect(Collectors.toMap(
                p -> p.pair().id().value().substring(0, 4) + " " + p.pair().site(), UsageCounter.Pending::hits, Long::sum));
    }

    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
