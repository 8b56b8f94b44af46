package media.archive.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * An admin brought a removed image back on purpose, by uploading its bytes again with
 * {@code restore=true}; published by ingest on {@link Topics#EDITS}, keyed by the id, before the
 * new {@link ImageUploaded}. It lifts the {@link ImageRemoved} before it (and replaces it under
 * compaction); the image is then processed again from the new upload. {@code by} names the key
 * that restored it, {@code reason} says why (may be null).
 */
public record ImageRestored(
        int schema,
        ImageId id,
        Instant at,
        String by,
        String reason) implements ImageEvent {

    public ImageRestored {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    public ImageRestored(ImageId id, Instant at, String by, String reason) {
        this(CURRENT_SCHEMA, id, at, by, reason);
    }
}
