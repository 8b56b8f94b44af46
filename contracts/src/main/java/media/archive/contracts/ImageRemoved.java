package media.archive.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * An admin took the image out of the archive (rights withdrawn, a legal request); published on
 * {@link Topics#EDITS}, keyed by the id. From then on every public and editorial route answers
 * {@code 410 Gone} for it, and the same bytes uploaded again are refused: later events of the image
 * do not bring it back, only an admin's {@link ImageRestored} does. It carries no metadata of the
 * image: with the tombstones the api writes on each of {@link Topics#CONTENT}
 * it is all that compaction keeps of the image. {@code by} names the key that removed it,
 * {@code reason} says why (may be null).
 */
public record ImageRemoved(
        int schema,
        ImageId id,
        Instant at,
        String by,
        String reason) implements ImageEvent {

    public ImageRemoved {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    public ImageRemoved(ImageId id, Instant at, String by, String reason) {
        this(CURRENT_SCHEMA, id, at, by, reason);
    }
}
