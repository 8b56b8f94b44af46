package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * An event on one of the archive's topics, keyed by {@link #id()}. The JSON form names its
 * {@code type} and {@code schema} version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ImageUploaded.class, name = "ImageUploaded"),
        @JsonSubTypes.Type(value = ImageProcessed.class, name = "ImageProcessed"),
        @JsonSubTypes.Type(value = ImageFailed.class, name = "ImageFailed"),
        @JsonSubTypes.Type(value = ImageRemoved.class, name = "ImageRemoved"),
        @JsonSubTypes.Type(value = ImageRestored.class, name = "ImageRestored"),
        @JsonSubTypes.Type(value = ImageEdited.class, name = "ImageEdited")
})
public sealed interface ImageEvent permits ImageUploaded, ImageProcessed, ImageFailed, ImageRemoved, ImageRestored, ImageEdited {
    /** The version of the event's shape; bumped only when a field changes meaning. */
    int CURRENT_SCHEMA = 1;

    int schema();

    ImageId id();

    /** When the event happened. */
    Instant at();
}
