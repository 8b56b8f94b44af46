package media.archive.api.usage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import media.archive.platform.config.Settings;

/**
 * How usage is counted: published every {@code flushEvery}, at most {@code maxPairs} (image,
 * site) pairs held in memory between two flushes, and this replica's name kept in
 * {@code replicaFile} (made on the first start; a replica keeps its name across restarts, so
 * its totals on the topic go on growing instead of starting again beside the old ones).
 */
public record UsageConfig(Duration flushEvery, int maxPairs, Path replicaFile) {
    public UsageConfig {
        Objects.requireNonNull(flushEvery, "flushEvery");
        Objects.requireNonNull(replicaFile, "replicaFile");
        if (flushEvery.isNegative() || flushEvery.isZero()) {
            throw new IllegalArgumentException("usage is flushed after a positive time");
        }
        if (maxPairs < 1) {
            throw new IllegalArgumentException("usage holds at least one pair");
        }
    }

    /** Every 60 s, at most 100,000 pairs, the replica's name in {@code replicaFile}. */
    public static UsageConfig defaults(Path replicaFile) {
        return new UsageConfig(Duration.ofSeconds(60), 100_000, replicaFile);
    }

    /** The settings, the replica's name kept in {@code dataDir}. */
    public static UsageConfig from(Settings settings, Path dataDir) {
        return new UsageConfig(
                Duration.ofSeconds(settings.integer("API_USAGE_FLUSH_SECONDS", 60, 1, 3600,
                        "seconds between two publications of usage counts on media.usages (at most that much"
                                + " counting is lost when the api is killed)")),
                settings.integer("API_USAGE_MAX_PAIRS", 100_000, 100, 10_000_000,
                        "(image, site) pairs usage counts in memory between two flushes; hits of further pairs are"
                                + " left out and logged"),
                dataDir.resolve("usage-replica"));
    }
}
