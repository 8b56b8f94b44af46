package media.archive.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An editor made or changed a gallery; published on {@link Topics#GALLERIES}, keyed by the id.
 * It carries the whole gallery as saved: title, intro (may be null), language (a BCP 47 tag),
 * the items in order, when and by whom it was made ({@code createdAt}, {@code createdBy}) and
 * saved ({@code at}, {@code by}), and its {@code version}. Limits on lengths and counts are the
 * api's to check when an editor saves; a reader takes what the topic holds.
 */
public record GallerySaved(
        int schema,
        GalleryId id,
        int version,
        String title,
        String intro,
        String language,
        List<GalleryItem> items,
        Instant createdAt,
        String createdBy,
        Instant at,
        String by) implements GalleryEvent {

    public GallerySaved {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(at, "at");
        items = items == null ? List.of() : List.copyOf(items);
        if (version < 1) {
            throw new IllegalArgumentException("a saved gallery's version is at least 1");
        }
    }

    public GallerySaved(GalleryId id, int version, String title, String intro, String language, List<GalleryItem> items,
                        Instant createdAt, String createdBy, Instant at, String by) {
        this(CURRENT_SCHEMA, id, version, title, intro, language, items, createdAt, createdBy, at, by);
    }
}
