package media.archive.api.editing;

import java.util.Objects;
import media.archive.contracts.ImageRecord;

/**
 * Why {@link EditLog} did not record an edit or a removal, as the domain sees it; the HTTP layer
 * ({@link EditRoutes}) turns each {@link Reason} into its status. {@link #current()} is the
 * record as it stands when the reason is a {@link Reason#CONFLICT}, else null.
 */
public final class EditRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What stopped the edit. */
    public enum Reason {
        /** No event about the image was read. */
        UNKNOWN,
        /** The image was removed from the archive: nothing may be published about it any more. */
        REMOVED,
        /** The editor changed a version of the record that is no longer the latest. */
        CONFLICT,
        /** Kafka did not acknowledge in time: nothing is known to be recorded; trying again is safe. */
        UNAVAILABLE,
        /** The edit and its history do not fit in one Kafka record. */
        TOO_LARGE
    }

    private final Reason reason;
    private final transient ImageRecord current;

    EditRefused(Reason reason, String message) {
        this(reason, message, null, null);
    }

    EditRefused(Reason reason, String message, ImageRecord current, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.current = current;
    }

    /** What stopped the edit or removal; {@link EditRoutes} answers a status for each. */
    public Reason reason() {
        return reason;
    }

    /** The record as it stands, for a {@link Reason#CONFLICT}; null otherwise. */
    public ImageRecord current() {
        return current;
    }
}
