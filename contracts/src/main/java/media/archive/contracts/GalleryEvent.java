package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * An event on {@link Topics#GALLERIES}, keyed by {@link #id()}. The topic is compacted, so each
 * event states the whole gallery (or its deletion) and stands alone. The JSON form names its
 * {@code type} and {@code schema} version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = GallerySaved.class, name = "GallerySaved"),
        @JsonSubTypes.Type(value = GalleryDeleted.class, name = "GalleryDeleted")
})
public sealed interface GalleryEvent permits GallerySaved, GalleryDeleted {
    /** The version of the event's shape; bumped only when a field changes meaning. */
    int CURRENT_SCHEMA = 1;

    int schema();

    GalleryId id();

    /** The gallery's version after this event: 1 when made, one more with every save. */
    int version();

    /** When the event happened. */
    Instant at();

    /** Who caused it: the name of the editor's key. */
    String by();
}
