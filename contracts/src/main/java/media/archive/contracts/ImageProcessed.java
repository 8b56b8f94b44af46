package media.archive.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The processor read the image and stored its renditions; published on {@link Topics#PROCESSED}.
 * {@code appearance} is null when the image was made by a processor that did not compute it.
 */
public record ImageProcessed(
        int schema,
        ImageId id,
        Instant at,
        ImageMetadata metadata,
        List<Rendition> renditions,
        Appearance appearance) implements ImageEvent {

    public ImageProcessed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(metadata, "metadata");
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
    }

    public ImageProcessed(ImageId id, Instant at, ImageMetadata metadata, List<Rendition> renditions) {
        this(CURRENT_SCHEMA, id, at, metadata, renditions, null);
    }

    public ImageProcessed(ImageId id, Instant at, ImageMetadata metadata, List<Rendition> renditions, Appearance appearance) {
        this(CURRENT_SCHEMA, id, at, metadata, renditions, appearance);
    }
}
