package media.archive.contracts;

import java.time.Instant;
import java.util.Objects;

/** An original was stored at {@link ObjectKeys#original(ImageId)}; published by ingest on {@link Topics#UPLOADED}. */
public record ImageUploaded(
        int schema,
        ImageId id,
        Instant at,
        String uploader,
        String fileName,
        String contentType,
        long bytes,
        SuppliedMetadata supplied) implements ImageEvent {

    public ImageUploaded {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(contentType, "contentType");
        if (bytes <= 0) {
            throw new IllegalArgumentException("an upload has at least one byte");
        }
        supplied = supplied == null ? SuppliedMetadata.NONE : supplied;
    }

    public ImageUploaded(ImageId id, Instant at, String uploader, String fileName, String contentType,
                         long bytes, SuppliedMetadata supplied) {
        this(CURRENT_SCHEMA, id, at, uploader, fileName, contentType, bytes, supplied);
    }
}
