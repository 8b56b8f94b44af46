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
 * An upload that arrived whole and passed its checks, spooled to {@link #file()}. Closing it
 * deletes the file, so the one who received it closes it whatever happens next. Only
 * {@link Intake} makes one.
 */
public final class ReceivedUpload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceivedUpload.class);

    private final Path file;
    private final ImageId id;
    private final long bytes;
    private final String contentType;
    private final String fileName;
    private final SuppliedMetadata supplied;
    private final boolean restore;

    /**
     * @param fileName the cleaned name the client gave, or {@code null}
     * @param restore  whether the form asked to bring a removed image back ({@code restore=true})
     */
    ReceivedUpload(Path file, ImageId id, long bytes, String contentType, String fileName, SuppliedMetadata supplied,
                   boolean restore) {
        this.file = Objects.requireNonNull(file, "file");
        this.id = Objects.requireNonNull(id, "id");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.supplied = Objects.requireNonNull(supplied, "supplied");
        if (bytes < 1) {
            throw new IllegalArgumentException("an upload has at least one byte");
        }
        this.bytes = bytes;
        this.fileName = fileName;
        this.restore = restore;
    }

    /** Where the bytes are spooled until the upload is closed. */
    public Path file() {
        return file;
    }

    /** The image these bytes are: their SHA-256. */
    public ImageId id() {
        return id;
    }

    public long bytes() {
        return bytes;
    }

    /** The type sniffed from the bytes, not the one the sender claimed. */
    public String contentType() {
        return contentType;
    }

    /** The cleaned name the sender gave, or {@code null}. */
    public String fileName() {
        return fileName;
    }

    /** What the sender said beside the file. */
    public SuppliedMetadata supplied() {
        return supplied;
    }

    /** Whether the sender asked to bring a removed image back. */
    public boolean restore() {
        return restore;
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
