package media.archive.platform.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import media.archive.platform.config.Settings;
import media.archive.platform.http.ApiException;

/**
 * How much one key holder may ask for: searches per second and uploads per minute. Each holder
 * has a token bucket per {@link Budget} (Bucket4j's, refilled greedily, so a burst of up to one
 * period's allowance passes and then requests are spread evenly); a request over it is refused
 * with {@code 429 Too Many Requests} and a {@code Retry-After} saying when the next one passes.
 *
 * <p>The allowance is the holder's, not the key's: a photographer with two keys shares one.
 * Limits are per service process (each replica counts its own). Buckets of holders idle for
 * ten minutes are forgotten, and at most {@value #MAX_HOLDERS} are kept, so the map is bounded.
 * Thread-safe.
 */
public final class KeyLimits {
    private static final int MAX_HOLDERS = 100_000;

    /** What a request spends. */
    public enum Budget {
        /** A search, a suggestion or a page of results: {@code ARCHIVE_SEARCHES_PER_SECOND}. */
        SEARCH("searches", Duration.ofSeconds(1)),
        /** One uploaded file: {@code ARCHIVE_UPLOADS_PER_MINUTE}. */
        UPLOAD("uploads", Duration.ofMinutes(1));

        private final String what;
        private final Duration period;

        Budget(String what, Duration period) {
            this.what = what;
            this.period = period;
        }
    }

    /** Per budget, how many requests one holder may make per the budget's period; absent: unlimited. */
    private final Map<Budget, Long> allowances;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_HOLDERS)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    private KeyLimits(Map<Budget, Long> allowances) {
        this.allowances = Map.copyOf(allowances);
    }

    /** No limits: for tools and tests that drive one service flat out. */
    public static KeyLimits none() {
        return new KeyLimits(Map.of());
    }

    /** {@code allowance} requests of {@code budget} per its period, the others unlimited. */
    public static KeyLimits of(Budget budget, long allowance) {
        return new KeyLimits(Map.of(budget, allowance));
    }

    /** The limits the operator set; 0 turns one off. */
    public static KeyLimits from(Settings settings) {
        Map<Budget, Long> allowances = new EnumMap<>(Budget.class);
        long searches = settings.longValue("ARCHIVE_SEARCHES_PER_SECOND", 50, 0, 1_000_000,
                "searches (and suggestions) one key holder may make per second; 0: no limit");
        long uploads = settings.longValue("ARCHIVE_UPLOADS_PER_MINUTE", 1200, 0, 1_000_000,
                "files one key holder may upload per minute; 0: no limit");
        if (searches > 0) {
            allowances.put(Budget.SEARCH, searches);
        }
        if (uploads > 0) {
            allowances.put(Budget.UPLOAD, uploads);
        }
        return new KeyLimits(allowances);
    }

    /**
     * Spends one request of {@code budget} from {@code holder}'s allowance.
     *
     * @throws ApiException {@code 429} with {@code Retry-After} when it is spent
     */
    public void spend(Principal holder, Budget budget) {
        Long allowance = allowances.get(budget);
        if (allowance == null) {
            return;
        }
        Bucket bucket = buckets.get(budget.name() + ' ' + holder.name(), key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(allowance).refillGreedy(allowance, budget.period))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new ApiException(429, "too-many-requests",
                    "this key may make " + allowance + " " + budget.what + " per " + per(budget.period) + "; try again in "
                            + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private static String per(Duration period) {
        return period.equals(Duration.ofSeconds(1)) ? "second" : "minute";
    }
}
