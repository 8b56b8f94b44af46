package media.archive.api;

import java.nio.file.Path;
import java.util.Objects;
import media.archive.platform.config.Settings;

/**
 * How an {@link Api} is set up: {@code indexDir} is where it keeps its Lucene index. The index
 * can always be rebuilt from the topics, so it belongs on fast local disk, not on shared storage.
 */
public record ApiConfig(Path indexDir) {
    public ApiConfig {
        Objects.requireNonNull(indexDir, "indexDir");
    }

    public static ApiConfig from(Settings settings) {
        Path data = settings.path("ARCHIVE_DATA_DIR", Path.of("data"), "directory for this machine's local state");
        return new ApiConfig(settings.path("API_INDEX_DIR", data.resolve("index"),
                "directory of the api's search index; delete it to rebuild the index from Kafka"));
    }
}
