package media.archive.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import media.archive.contracts.Json;
import media.archive.platform.access.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data>/endpoints.json}: written on every start for the operator's tools, and read back
 * on the next one so the S3 secret (and the ports chosen at random) stay the same. It holds a
 * secret, so it is created readable by its owner only (where the file system knows POSIX
 * permissions) and replaced in one atomic move: no reader ever sees it half written or open to
 * others. Not thread-safe: the launcher alone uses it.
 */
final class EndpointsFile {
    static final String NAME = "endpoints.json";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointsFile.class);

    private final Path file;

    EndpointsFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** What the last start wrote; empty when there is no file or it cannot be read as endpoints. */
    Optional<Endpoints> read() {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); S3 gets a new secret and the servers new ports", file, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(json, Endpoints.class));
        } catch (Json.MalformedJsonException e) {
            // The data itself does not depend on the secret: a new one only means clients need the new file.
            LOG.warn("{} is not what the archive writes ({}); S3 gets a new secret and the servers new ports",
                    file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces the file with {@code endpoints}, owner-only from the first byte. */
    void write(Endpoints endpoints) {
        try {
            SecretFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(endpoints));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
