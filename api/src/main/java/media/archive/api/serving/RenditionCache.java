package media.archive.api.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Function;
import media.archive.contracts.ImageId;

/**
 * Hot pictures in memory, within a byte budget (each counted twice: on the heap and off it). A rendition is kept after its second request
 * within ten minutes (one look at a picture does not make it hot); Caffeine's admission policy
 * then decides what stays when the budget is full. Pictures larger than an eighth of the budget
 * always stream from S3. Thread-safe.
 */
final class RenditionCache {
    /**
     * One picture as served: an image, a variant of it (a rendition name or {@code w640}), a format
     * and the rights version stamped into it.
     */
    record Key(ImageId id, String variant, String extension, String rights) {
    }

    /**
     * The bytes of a picture and their media type. {@code direct} holds the same bytes outside the
     * heap, where the socket writes them from without first copying them (as it must a heap array).
     */
    record Body(byte[] bytes, String contentType, ByteBuffer direct) {
        Body(byte[] bytes, String contentType) {
            this(bytes, contentType, ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer());
        }
    }

    private final long maxEntryBytes;
    private final Cache<Key, Body> bodies;
    private final Cache<Key, Boolean> seen;

    RenditionCache(long budgetBytes) {
        this.maxEntryBytes = budgetBytes / 8;
        this.bodies = Caffeine.newBuilder()
                .maximumWeight(budgetBytes)
                .weigher((Key key, Body body) -> 2 * body.bytes().length)
                .build();
        this.seen = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    }

    Body getIfPresent(Key key) {
        return bodies.getIfPresent(key);
    }

    /** The body of {@code key}, loaded once by {@code loader} however many requests ask at the same time. */
    Body get(Key key, Function<Key, Body> loader) {
        return bodies.get(key, loader);
    }

    /** Whether a picture that missed the cache is worth reading into memory now, rather than streaming it. */
    boolean worthKeeping(Key key, long size) {
        if (size > maxEntryBytes) {
            return false;
        }
        if (seen.getIfPresent(key) != null) {
            return true;
        }
        seen.put(key, Boolean.TRUE);
        return false;
    }

    /** Forgets every picture of image {@code id}. */
    void drop(ImageId id) {
        bodies.asMap().keySet().removeIf(key -> key.id().equals(id));
        seen.asMap().keySet().removeIf(key -> key.id().equals(id));
    }

    /** Bytes held now; for tests and figures. */
    long weightedSize() {
        bodies.cleanUp();
        return bodies.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
    }
}
