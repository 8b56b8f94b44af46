package media.archive.api.usage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import media.archive.contracts.ImageId;

/**
 * Counts, in memory, how often each picture is served to each site: the serving routes call
 * {@link #count} for every public response, and {@link UsageFlusher} takes the counts from here.
 *
 * <p>The call is the whole cost counting adds to a request, so it takes no lock and does not
 * wait: the site is read from the header's authority ({@link Sites}), a known (image, site)
 * pair is one map lookup and a {@link LongAdder} increment (striped, so threads serving the
 * same picture do not contend), and the time is the clock's milliseconds. Memory is bounded:
 * at most {@code maxPairs} pairs are held, a pair leaves once it has been idle for two flushes,
 * and hits of new pairs beyond the bound are not counted but {@linkplain #overflowed() tallied}
 * (a flood of invented {@code Referer}s cannot grow the heap). Thread-safe.
 */
public final class UsageCounter {
    /** Flushes without a hit after which a pair leaves the map. */
    static final int IDLE_FLUSHES = 2;
    /** Further flushes a pair that left is still read, for a hit that raced its leaving... */
    static final int GRACE_FLUSHES = 2;
    /** ...and for at least this long after its last hit was seen, however often flushes come. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Clock clock;
    private final int maxPairs;
    private final ConcurrentHashMap<Pair, Tally> tallies = new ConcurrentHashMap<>();
    private final LongAdder overflowed = new LongAdder();
    /** Tallies taken out of the map, read once more in case a hit raced their removal (flusher only). */
    private List<Tally> retired = new ArrayList<>();

    /** A counter reading the time from {@code clock}, holding at most {@code maxPairs} (image, site) pairs. */
    public UsageCounter(Clock clock, int maxPairs) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPairs < 1) {
            throw new IllegalArgumentException("a usage counter holds at least one pair");
        }
        this.maxPairs = maxPairs;
    }

    /**
     * Counts one public response for image {@code id} to the site of its {@code Referer}, else
     * of its {@code Origin} (either may be null); a request that names no site is not counted.
     */
    public void count(ImageId id, String referer, String origin) {
        String site = Sites.of(referer, origin);
        if (site != null) {
            add(id, site);
        }
    }

    /** Hits of new (image, site) pairs left uncounted since this counter was made, because it held {@code maxPairs}. */
    public long overflowed() {
        return overflowed.sum();
    }

    /** Counts one public response for image {@code id} to {@code site}, an origin as {@link Sites} makes them. */
    void add(ImageId id, String site) {
        Pair key = new Pair(id, site);
        long now = clock.millis();
        Tally tally = tallies.get(key);
        if (tally == null) {
            if (tallies.size() >= maxPairs) {
                overflowed.increment();
                return;
            }
            tally = tallies.computeIfAbsent(key, k -> new Tally(k, now));
        }
        tally.hit(now);
    }

    /**
     * What has not been flushed yet, one {@link Pending} per pair with new hits. Called by the
     * flusher only, one call at a time, each followed by {@link #flushed}.
     */
    List<Pending> pending() {
        List<Pending> pending = new ArrayList<>();
        for (Tally tally : tallies.values()) {
            tally.addPending(pending);
        }
        for (Tally tally : retired) {
            tally.addPending(pending);
        }
        return pending;
    }

    /**
     * Marks {@code acknowledged} as flushed, and takes out of the map the pairs that had no hit
     * in the last {@value #IDLE_FLUSHES} flushes. A hit racing that removal (its thread found the
     * tally just before and counts on it just after) is still read: a removed tally is kept aside
     * and read by the next flushes until it has been quiet for {@value #GRACE_FLUSHES} more and
     * at least 10 s, so only a thread stalled between finding the tally and counting on it for
     * longer than that could lose its hit (a lock-free counter cannot know that no thread still
     * holds the tally).
     */
    void flushed(List<Pending> acknowledged) {
        for (Pending done : acknowledged) {
            done.tally().flushed += done.hits();
        }
        List<Tally> retiring = new ArrayList<>();
        for (Iterator<Map.Entry<Pair, Tally>> it = tallies.entrySet().iterator(); it.hasNext(); ) {
            Tally tally = it.next().getValue();
            if (tally.quietFlushes() >= IDLE_FLUSHES && tally.isFlushed()) {
                it.remove();
                retiring.add(tally);
            }
        }
        long now = System.nanoTime();
        retired.removeIf(tally -> tally.quietFlushes() >= IDLE_FLUSHES + GRACE_FLUSHES && tally.isFlushed()
                && now - tally.changeSeenAt >= GRACE_NANOS);
        retired.addAll(retiring);
    }

    /** Pairs held now, for tests and logs. */
    int pairs() {
        return tallies.size();
    }

    /** A picture and the site it was served to. */
    record Pair(ImageId id, String site) {
    }

    /** The hits of one pair since its tally was made, of which {@code hits} are not flushed yet. */
    record Pending(Tally tally, long hits, long firstSeen, long lastSeen) {
        Pair pair() {
            return tally.pair;
        }
    }

    /** One pair's count: hits never decrease; the flusher remembers how many it has published. */
    static final class Tally {
        final Pair pair;
        final long firstSeen;
        final LongAdder hits = new LongAdder();
        volatile long lastSeen;
        /** Flusher only: hits published, the hits seen at the last flush, flushes since they changed. */
        long flushed;
        private long hitsAtLastFlush;
        private int quiet;
        private long changeSeenAt = System.nanoTime();

        Tally(Pair pair, long now) {
            this.pair = pair;
            this.firstSeen = now;
            this.lastSeen = now;
        }

        void hit(long now) {
            hits.increment();
            // A racing older time may win by a millisecond; a write per hit would make every
            // thread serving this picture contend for one cache line.
            if (now > lastSeen) {
                lastSeen = now;
            }
        }

        /** Flushes in a row without a new hit, this one included; called once per flush (flusher only). */
        int quietFlushes() {
            long now = hits.sum();
            if (now != hitsAtLastFlush) {
                hitsAtLastFlush = now;
                quiet = 0;
                changeSeenAt = System.nanoTime();
            } else {
                quiet++;
            }
            return quiet;
        }

        boolean isFlushed() {
            return hits.sum() == flushed;
        }

        void addPending(List<Pending> pending) {
            long unflushed = hits.sum() - flushed;
            if (unflushed > 0) {
                pending.add(new Pending(this, unflushed, firstSeen, lastSeen));
            }
        }
    }
}
