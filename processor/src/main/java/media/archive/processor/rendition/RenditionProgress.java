package media.archive.processor.rendition;

/**
 * What a {@link RenditionMaker} tells its caller while it works on one image: how long each step
 * took, and each rendition as soon as it is encoded, so that the caller can store it while the
 * smaller ones are made. Called on the maker's thread, in order.
 */
public interface RenditionProgress {
    /** A caller that wants to hear nothing. */
    RenditionProgress NONE = new RenditionProgress() {
    };

    /**
     * {@code step} took {@code nanos}: {@code decode}, then {@code resize <name>} and
     * {@code encode <name>} for each rendition, largest first, then {@code appearance}.
     */
    default void step(String step, long nanos) {
    }

    /** {@code image} is made; it is also in the {@link RenditionSet} returned at the end. */
    default void made(RenditionImage image) {
    }
}
