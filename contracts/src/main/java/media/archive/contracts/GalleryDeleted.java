package media.archive.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * An editor deleted a gallery; published on {@link Topics#GALLERIES}, keyed by the id. It is the
 * tombstone compaction keeps: from then on every public URL of the gallery answers {@code 410
 * Gone}, and later saves of the id are ignored. {@code version} is the last saved one plus one.
 */
public record GalleryDeleted(
        int schema,
        GalleryId id,
        int version,
        Instant at,
        String by) implements GalleryEvent {

    public GalleryDeleted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
    }

    public GalleryDeleted(GalleryId id, int version, Instant at, String by) {
        this(CURRENT_SCHEMA, id, version, at, by);
    }
}
