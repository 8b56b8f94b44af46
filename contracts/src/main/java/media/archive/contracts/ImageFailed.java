package media.archive.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * The processor could not make this image usable; published on {@link Topics#PROCESSED}.
 *
 * <p>{@code reason} is a stable code an editor or a program can act on ({@link #UNDECODABLE},
 * {@link #UNSUPPORTED_FORMAT}, {@link #TOO_LARGE}, {@link #ORIGINAL_MISSING}, {@link #PROCESSING_ERROR},
 * {@link #TIMED_OUT}, {@link #UNREADABLE_EVENT}); {@code message} says
 * the same for people. {@code metadata} holds whatever could still be read, or null.
 */
public record ImageFailed(
        int schema,
        ImageId id,
        Instant at,
        String reason,
        String message,
        ImageMetadata metadata) implements ImageEvent {

    public static final String UNDECODABLE = "undecodable";
    public static final String UNSUPPORTED_FORMAT = "unsupported-format";
    public static final String TOO_LARGE = "too-large";
    public static final String ORIGINAL_MISSING = "original-missing";
    /** The processor itself failed on this image; processing it again may succeed after a fix. */
    public static final String PROCESSING_ERROR = "processing-error";
    /** Every attempt at this image ran past the processor's time limit and was abandoned. */
    public static final String TIMED_OUT = "timed-out";
    /**
     * The upload event itself could not be read (not JSON, missing fields, a schema version newer
     * than the processor's); the event waits on {@link Topics#DEAD_LETTER} to be replayed.
     */
    public static final String UNREADABLE_EVENT = "unreadable-event";

    public ImageFailed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public ImageFailed(ImageId id, Instant at, String reason, String message, ImageMetadata metadata) {
        this(CURRENT_SCHEMA, id, at, reason, message, metadata);
    }
}
