package media.archive.api.editing;

import java.util.Objects;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Topics;
import media.archive.platform.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A takedown erases an image: after it no event on the content topics and no object in the
 * bucket holds anything of it, and {@link ImageRemoved} on {@link Topics#EDITS} (id, when, by
 * whom, why) is its only trace. Done in this order, so that a crash at any point leaves nothing
 * readable and a repeated takedown finishes the work:
 * <ol>
 *   <li>{@link ImageRemoved}, acknowledged: from then every route answers {@code 410} and ingest
 *   refuses the same bytes, so nothing below is served or written again while it runs;</li>
 *   <li>a tombstone for the id on each of {@link Topics#CONTENT} (the upload, the record, and any
 *   copy the processor set aside), each acknowledged: compaction drops them within the topics'
 *   erasure time;</li>
 *   <li>the bytes in S3: every rendition and variant ({@code renditions/<id>/}), the original, and
 *   last ingest's marker {@code uploads/<id>.published} (without it a new upload would not be known
 *   as a duplicate, but ingest refuses it as removed anyway).</li>
 * </ol>
 * Each step is idempotent: a takedown of a removed image publishes no second removal but writes
 * the tombstones and deletes the objects again. Thread-safe.
 */
final class Takedown {
    private static final Logger LOG = LoggerFactory.getLogger(Takedown.class);

    private final EditLog log;
    private final ObjectStore store;

    Takedown(EditLog log, ObjectStore store) {
        this.log = Objects.requireNonNull(log, "log");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Takes image {@code id} down on behalf of {@code by}, for {@code reason} (may be null).
     *
     * @throws EditRefused when the image is unknown or Kafka did not acknowledge (nothing in S3 is
     *                     deleted then)
     * @throws media.archive.platform.storage.StorageException when S3 failed; the image is out of
     *                     view and out of Kafka, and a repeated takedown deletes the rest
     */
    void takeDown(ImageId id, String by, String reason) {
        log.remove(id, by, reason);
        int renditions = store.deleteAll(ObjectKeys.renditionsOf(id));
        store.delete(ObjectKeys.original(id));
        store.delete(ObjectKeys.uploadMarker(id));
        LOG.info("image {} taken down by {}: removal and tombstones recorded, original, marker and {} renditions and variants deleted",
                id, by, renditions);
    }
}
