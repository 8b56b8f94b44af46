package media.archive.api.galleries;

import java.util.Objects;
import media.archive.contracts.GallerySaved;

/**
 * Why a gallery could not be read or saved, as the domain sees it; {@link GalleryRoutes} turns each
 * {@link Reason} into its status. {@link #field()} names the part of the request at fault for
 * {@link Reason#INVALID}; {@link #current()} is the gallery as it stands for {@link Reason#CONFLICT}.
 */
public final class GalleryRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What stopped the request. */
    public enum Reason {
        /** The request names something that does not hold (a field, an image that is not there). */
        INVALID,
        /** No gallery of this id was ever saved. */
        UNKNOWN,
        /** The gallery was deleted: nothing may be saved on it any more. */
        DELETED,
        /** The editor changed a version of the gallery that is no longer the latest. */
        CONFLICT,
        /** The change cannot be recorded now (Kafka, or this replica still reading the galleries); trying again is safe. */
        UNAVAILABLE,
        /** The gallery does not fit in one Kafka record. */
        TOO_LARGE
    }

    private final Reason reason;
    private final String field;
    private final transient GallerySaved current;

    GalleryRefused(Reason reason, String message) {
        this(reason, message, null, null);
    }

    GalleryRefused(Reason reason, String message, String field, GallerySaved current) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
        this.current = current;
    }

    static GalleryRefused invalid(String field, String message) {
        return new GalleryRefused(Reason.INVALID, message, field, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The request's part at fault ({@code title}, {@code items[2].image}) for {@link Reason#INVALID}, else null. */
    public String field() {
        return field;
    }

    /** The gallery as it stands, for {@link Reason#CONFLICT}; null otherwise. */
    public GallerySaved current() {
        return current;
    }
}
