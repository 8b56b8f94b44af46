package media.archive.api.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * Answers computed for one segment of the index, remembered for as long as they hold: a
 * segment's documents never change and its deletions only grow, so an answer is keyed by the
 * segment's core and how many of its documents are live (a new reader of the segment, opened by
 * each refresh, finds it again unless more documents were deleted). Answers of a segment that is
 * closed (merged away) are dropped; the rest are bounded by an estimate of their memory.
 *
 * <p>Thread-safe.
 */
final class SegmentCache<K, V> {
    private final Cache<Entry<K>, V> cache;
    /** Segments whose closing drops their answers; a listener is added once per segment. */
    private final Set<Object> watched = ConcurrentHashMap.newKeySet();

    private record Entry<K>(Object segment, int liveDocs, K key) {
    }

    /** Computes an answer for a segment. */
    @FunctionalInterface
    interface Loader<V> {
        V load() throws IOException;
    }

    /**
     * A cache of at most about {@code maxBytes}, each answer weighing {@code bytes} of it and its
     * key {@code keyBytes} more (counted once per segment: an over-estimate, never an under-one).
     */
    SegmentCache(long maxBytes, ToIntFunction<V> bytes, ToIntFunction<K> keyBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Entry<K> entry, V value) -> (int) Math.min(Integer.MAX_VALUE,
                        (long) bytes.applyAsInt(value) + keyBytes.applyAsInt(entry.key())))
                .build();
    }

    /** The answer for {@code key} in {@code segment}, computed by {@code loader} unless remembered. */
    V get(LeafReader segment, K key, Loader<V> loader) throws IOException {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return loader.load();
        }
        Entry<K> entry = new Entry<>(core.getKey(), segment.numDocs(), key);
        V value = cache.getIfPresent(entry);
        if (value == null) {
            value = loader.load();
            watch(core);
            cache.put(entry, value);
        }
        return value;
    }

    private void watch(IndexReader.CacheHelper core) {
        if (watched.add(core.getKey())) {
            core.addClosedListener(closed -> {
                watched.remove(closed);
                cache.asMap().keySet().removeIf(entry -> entry.segment() == closed);
            });
        }
    }
}
