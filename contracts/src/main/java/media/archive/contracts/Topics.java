package media.archive.contracts;

import java.util.List;

/**
 * Names of the Kafka topics. Every topic is compacted and keeps the latest record of each key
 * forever, except what a takedown's tombstones erase from {@link #CONTENT}; the image topics are
 * keyed by image id, {@link #GALLERIES} by gallery id, {@link #USAGES} by image, site and replica.
 */
public final class Topics {
    /** {@link ImageUploaded} events, published by ingest once the original is stored. */
    public static final String UPLOADED = "media.uploaded";
    /** {@link ImageProcessed} and {@link ImageFailed} events, published by the processor. */
    public static final String PROCESSED = "media.processed";
    /** Editors' changes to records, and removals and restorations of images. */
    public static final String EDITS = "media.edits";

    /** {@link GallerySaved} and {@link GalleryDeleted} events, published by the api, keyed by gallery id. */
    public static final String GALLERIES = "media.galleries";

    /**
     * {@link ImageUsage} totals, published by every api replica: where each picture is used. Keyed
     * by {@link ImageUsage#key()}, so compaction keeps each replica's latest total per site.
     */
    public static final String USAGES = "media.usages";

    /**
     * Records of {@link #UPLOADED} the processor gave up on (an event it cannot read, an image that
     * broke or outlasted every attempt), copied byte for byte under their original key, with
     * headers saying where each came from and why, in Kafka Connect's {@code __connect.errors.*}
     * convention. Kept like the other topics so an operator can replay them after a fix; a
     * takedown erases them with the image's content.
     */
    public static final String DEAD_LETTER = "media.dead-letter";

    /**
     * The topics that hold an image's content (file name, caption, credits): a takedown writes a
     * tombstone (a null value) for its id on each, so compaction forgets them.
     */
    public static final List<String> CONTENT = List.of(UPLOADED, PROCESSED, DEAD_LETTER);

    /** The topics of the image record, in the order the API's index reads them. */
    public static final List<String> IMAGES = List.of(UPLOADED, PROCESSED, EDITS);
    /** Every topic the archive uses: each is created by the services' topic setup. */
    public static final List<String> ALL = List.of(UPLOADED, PROCESSED, EDITS, GALLERIES, USAGES, DEAD_LETTER);

    private Topics() {
    }
}
