package media.archive.api.index;

import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import org.apache.lucene.document.Document;
import org.apache.lucene.util.BytesRef;

/**
 * What the topics told of one image: its latest upload and outcome (as stored JSON and as events)
 * and its editors' latest edit, merged event by event. The one place that decides how events of
 * an image combine into its record. Immutable.
 */
record ImageState(ImageId id, byte[] uploadedJson, ImageUploaded uploaded, byte[] outcomeJson, ImageEvent outcome,
                  ImageEdited edited) {

    static ImageState empty(ImageId id) {
        return new ImageState(id, null, null, null, null, null);
    }

    /** This state with {@code event} (whose stored form is {@code json}) merged in. */
    ImageState with(ImageEvent event, byte[] json) {
        // Events of one image on one topic arrive in the order they were published (key = id),
        // so the later one is the latest; upload, outcome and edits are on different topics and merge.
        if (event instanceof ImageUploaded upload) {
            return new ImageState(id, json, upload, outcomeJson, outcome, edited);
        }
        if (outcome instanceof ImageRemoved) {
            // Removal is final: a late or repeated processor event or edit must not bring the image back.
            return this;
        }
        if (event instanceof ImageEdited edit) {
            // Each edit carries every change editors made so far and their history (the topic keeps
            // only the latest per image), so it replaces the one before.
            return new ImageState(id, uploadedJson, uploaded, outcomeJson, outcome, edit);
        }
        if (event instanceof ImageRemoved) {
            // The tombstone keeps no edits: compaction keeps only the removal on the topic of edits,
            // so an index rebuilt from the topics holds none either.
            return new ImageState(id, uploadedJson, uploaded, json, event, null);
        }
        return new ImageState(id, uploadedJson, uploaded, json, event, edited);
    }

    /** Whether both the upload and its outcome are known: the image's document is then whole. */
    boolean isComplete() {
        return uploaded != null && outcome != null;
    }

    /** The record, or null while only edits are known (the upload event is on its way). */
    ImageRecord record() {
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
        ImageUploaded upload = uploaded == null ? null : (ImageUploaded) Json.read(bytes(uploaded), ImageEvent.class);
        ImageEvent answer = outcome == null ? null : Json.read(bytes(outcome), ImageEvent.class);
        ImageEdited edited = edits == null ? null : (ImageEdited) Json.read(bytes(edits), ImageEvent.class);
        // A document of an older format may hold no events at all; it then holds no record either.
        ImageId id = upload != null ? upload.id() : answer != null ? answer.id() : edited != null ? edited.id() : null;
        return new ImageState(id, uploaded == null ? null : bytes(uploaded), upload,
                outcome == null ? null : bytes(outcome), answer, edited);
    }

    private static byte[] bytes(BytesRef ref) {
        byte[] copy = new byte[ref.length];
        System.arraycopy(ref.bytes, ref.offset, copy, 0, ref.length);
        return copy;
    }
}
