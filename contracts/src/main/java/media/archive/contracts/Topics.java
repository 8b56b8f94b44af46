package media.archive.contracts;

import java.util.List;

/**
 * Names of the Kafka topics. Every topic is compacted and keeps records forever; the image
 * topics are keyed by image id, {@link #USAGES} by image, site and replica.
 */
public final class Topics {
    /** {@link ImageUploaded} events, published by ingest once the original is stored. */
    public static final String UPLOADED = "media.uploaded";
    /** {@link ImageProcessed} and {@link ImageFailed} events, published by the processor. */
    public static final String PROCESSED = "media.processed";
    /** Editors' changes to records. */
    public static final String EDITS = "media.edits";

    /**
     * {@link ImageUsage} totals, published by every api replica: where each picture is used. Keyed
     * by {@link ImageUsage#key()}, so compaction keeps each replica's latest total per site.
     */
    public static final String USAGES = "media.usages";

    /** Every topic the archive uses, in the order the API reads them. */
    public static final List<String> ALL = List.of(UPLOADED, PROCESSED, EDITS, USAGES);

    private Topics() {
    }
}
