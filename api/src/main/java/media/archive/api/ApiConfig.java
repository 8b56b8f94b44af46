package media.archive.api;

import java.nio.file.Path;
import java.util.Objects;
import media.archive.api.serving.ServingConfig;
import media.archive.api.usage.UsageConfig;
import media.archive.platform.config.Settings;

/**
 * How an {@link Api} is set up: {@code indexDir} is where it keeps its Lucene index. The index
 * can always be rebuilt from the topics, so it belongs on fast local disk, not on shared storage.
 * {@code serving} says how pictures are served to websites, {@code usage} how their usage is counted.
 */
public record ApiConfig(Path indexDir, ServingConfig serving, UsageConfig usage) {
    public ApiConfig {
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(usage, "usage");
    }

    /** The index in {@code indexDir}, pictures served and usage counted with the defaults (the replica's name beside the index). */
    public ApiConfig(Path indexDir) {
        this(indexDir, ServingConfig.defaults());
    }

    /** The index in {@code indexDir}, pictures served as {@code serving} says, usage counted with the defaults. */
    public ApiConfig(Path indexDir, ServingConfig serving) {
        this(indexDir, serving, UsageConfig.defaults(indexDir.toAbsolutePath().resolveSibling("usage-replica")));
    }

    public static ApiConfig from(Settings settings) {
        Path data = settings.path("ARCHIVE_DATA_DIR", Path.of("data"), "directory for this machine's local state");
        return new ApiConfig(settings.path("API_INDEX_DIR", data.resolve("index"),
                "directory of the api's search index; delete it to rebuild the index from Kafka"),
                ServingConfig.from(settings), UsageConfig.from(settings, data));
    }
}
