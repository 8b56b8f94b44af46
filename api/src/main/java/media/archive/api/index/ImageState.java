package media.archive.api.index;

import java.time.Instant;
import java.util.Set;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.ImageRestored;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.lucene.document.Document;
import org.apache.lucene.util.BytesRef;

/**
 * What the topics told of one image: its latest upload and outcome (as stored JSON and as events),
 * its editors' latest edit and its removal, if any, merged event by event. The one place that
 * decides how events of an image combine into its record. Immutable.
 *
 * <p>A takedown is read whatever order the topics are read in (a rebuild reads each topic at its
 * own pace): the {@link ImageRemoved} makes the record {@code removed} and drops every upload and
 * outcome from before it, read earlier or later; a tombstone on {@link Topics#UPLOADED} or
 * {@link Topics#PROCESSED} drops the upload or outcome; an {@link ImageRestored} lifts the removal
 * and keeps what was uploaded after it, so the restoring upload counts whether it is read before
 * or after the restoration. "Before" compares the events' times: the restoring upload is stamped
 * by the same ingest, after its restoration, and a removal comes long before either.
 */
record ImageState(ImageId id, byte[] uploadedJson, ImageUploaded uploaded, byte[] outcomeJson, ImageEvent outcome,
                  ImageEdited edited, byte[] removalJson, ImageRemoved removal) {
    /** The stored fields of an image's document that {@link #fromDocument} reads. */
    static final Set<String> STORED_FIELDS = Set.of(IndexFields.UPLOADED_JSON, IndexFields.OUTCOME_JSON,
            IndexFields.EDITS_JSON, IndexFields.REMOVAL_JSON);

    static ImageState empty(ImageId id) {
        return new ImageState(id, null, null, null, null, null, null, null);
    }

    /** This state with {@code event} (whose stored form is {@code json}) merged in. */
    ImageState with(ImageEvent event, byte[] json) {
        // Events of one image on one topic arrive in the order they were published (key = id),
        // so the later one is the latest; upload, outcome and edits are on different topics and merge.
        if (event instanceof ImageRemoved removed) {
            // The removal keeps no edits: compaction keeps only the removal on the topic of edits,
            // so an index rebuilt from the topics holds none either. Nor the content before it.
            return new ImageState(id, after(removed, uploaded) ? uploadedJson : null, after(removed, uploaded) ? uploaded : null,
                    after(removed, outcome) ? outcomeJson : null, after(removed, outcome) ? outcome : null,
                    null, json, removed);
        }
        if (event instanceof ImageRestored) {
            return new ImageState(id, uploadedJson, uploaded, outcomeJson, outcome, null, null, null);
        }
        if (removal != null && !after(removal, event)) {
            // Content from before the takedown, read after it (a rebuild, a tombstone not yet read):
            // forgotten; and no edit is taken while removed.
            return this;
        }
        if (event instanceof ImageUploaded upload) {
            return new ImageState(id, json, upload, outcomeJson, outcome, edited, removalJson, removal);
        }
        if (event instanceof ImageEdited edit) {
            if (removal != null) {
                return this;
            }
            // Each edit carries every change editors made so far and their history (the topic keeps
            // only the latest per image), so it replaces the one before.
            return new ImageState(id, uploadedJson, uploaded, outcomeJson, outcome, edit, removalJson, removal);
        }
        return new ImageState(id, uploadedJson, uploaded, json, event, edited, removalJson, removal);
    }

    /** This state once a tombstone (a null value) for the image was read on {@code topic}. */
    ImageState erased(String topic) {
        if (Topics.UPLOADED.equals(topic)) {
            return new ImageState(id, null, null, outcomeJson, outcome, edited, removalJson, removal);
        }
        if (Topics.PROCESSED.equals(topic)) {
            return new ImageState(id, uploadedJson, uploaded, null, null, edited, removalJson, removal);
        }
        // The archive writes no tombstones on the edits: a removal is said by an event, kept forever.
        return this;
    }

    private static boolean after(ImageRemoved removal, ImageEvent event) {
        if (event == null) {
            return false;
        }
        Instant at = event.at();
        return at.isAfter(removal.at());
    }

    /** Whether the image's document is whole: removed, or both its upload and its outcome known. */
    boolean isComplete() {
        return removal != null || uploaded != null && outcome != null;
    }

    /**
     * The record, or null while only edits are known (the upload event is on its way). A removed
     * image's record holds its id and status only: what it showed is gone with the takedown.
     */
    ImageRecord record() {
        if (removal != null) {
            return ImageRecord.of(null, removal, null);
        }
        if (uploaded == null && outcome == null) {
            return null;
        }
        return ImageRecord.of(uploaded, outcome, edited);
    }

    /** The state stored in an image's document (its event fields). */
    static ImageState fromDocument(Document document) {
        BytesRef uploaded = document.getBinaryValue(IndexFields.UPLOADED_JSON);
        BytesRef outcome = document.getBinaryValue(IndexFields.OUTCOME_JSON);
        BytesRef edits = document.getBinaryValue(IndexFields.EDITS_JSON);
        BytesRef removed = document.getBinaryValue(IndexFields.REMOVAL_JSON);
        ImageUploaded upload = uploaded == null ? null : (ImageUploaded) Json.read(bytes(uploaded), ImageEvent.class);
        ImageEvent answer = outcome == null ? null : Json.read(bytes(outcome), ImageEvent.class);
        ImageEdited edited = edits == null ? null : (ImageEdited) Json.read(bytes(edits), ImageEvent.class);
        ImageRemoved removal = removed == null ? null : (ImageRemoved) Json.read(bytes(removed), ImageEvent.class);
        byte[] outcomeJson = outcome == null ? null : bytes(outcome);
        byte[] removalJson = removed == null ? null : bytes(removed);
        if (answer instanceof ImageRemoved older) {
            // Documents written before removals had a field of their own held the removal as the outcome.
            removal = older;
            removalJson = outcomeJson;
            answer = null;
            outcomeJson = null;
        }
        // A document of an older format may hold no events at all; it then holds no record either.
        ImageId id = upload != null ? upload.id() : answer != null ? answer.id() : edited != null ? edited.id()
                : removal != null ? removal.id() : null;
        return new ImageState(id, uploaded == null ? null : bytes(uploaded), upload, outcomeJson, answer, edited,
                removalJson, removal);
    }

    private static byte[] bytes(BytesRef ref) {
        byte[] copy = new byte[ref.length];
        System.arraycopy(ref.bytes, ref.offset, copy, 0, ref.length);
        return copy;
    }
}
