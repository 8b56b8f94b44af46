package media.archive.ingest.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import media.archive.contracts.ImageId;
import media.archive.contracts.SuppliedMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upload that arrived whole and passed its checks, spooled to {@code file}. Closing it
 * deletes the file, so the one who read it closes it whatever happens next.
 *
 * @param fileName the cleaned name the client gave, or {@code null}
 * @param restore  whether the form asked to bring a removed image back ({@code restore=true})
 */
record ReceivedUpload(Path file, ImageId id, long bytes, String contentType, String fileName,
                      SuppliedMetadata supplied, boolean restore) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceivedUpload.class);

    ReceivedUpload {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(supplied, "supplied");
        if (bytes < 1) {
            throw new IllegalArgumentException("an upload has at least one byte");
        }
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete spooled upload {}: {}", file, e.getMessage());
        }
    }
}
