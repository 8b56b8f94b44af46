package media.archive.contracts;

import java.util.List;

/**
 * Names of the Kafka topics. Every topic is compacted, keyed by image id, and keeps the latest
 * record of each image forever, except what a takedown's tombstones erase from {@link #CONTENT}.
 */
public final class Topics {
    /** {@link ImageUploaded} events, published by ingest once the original is stored. */
    public static final String UPLOADED = "media.uploaded";
    /** {@link ImageProcessed} and {@link ImageFailed} events, published by the processor. */
    public static final String PROCESSED = "media.processed";
    /** Editors' changes to records, and removals and restorations of images. */
    public static final String EDITS = "media.edits";

    /**
     * The topics that hold an image's content (file name, caption, credits): a takedown writes a
     * tombstone (a null value) for its id on each, so compaction forgets them.
     */
    public static final List<String> CONTENT = List.of(UPLOADED, PROCESSED);

    /** Every topic the archive uses, in the order the API reads them. */
    public static final List<String> ALL = List.of(UPLOADED, PROCESSED, EDITS);

    private Topics() {
    }
}
