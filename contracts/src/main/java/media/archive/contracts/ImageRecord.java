package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as editors and websites see it: what was uploaded merged with what the processor
 * found. Built from the events by {@link #of(ImageUploaded, ImageEvent)}, so every API replica
 * derives the same record from the same topics. Field names are the archive's JSON names; the
 * values read from the file (or edited) are its {@link ImageMetadata}, written at the top level of
 * the JSON beside the upload's values, so each field is declared once, there.
 *
 * <p>{@code version} counts the edits applied (0 when never edited; the record's {@code ETag}),
 * {@code edits} lists them, oldest first (the latest {@value ImageEdited#MAX_HISTORY} at most).
 * Both come from {@code edited}, the image's latest {@link ImageEdited} (every change so far,
 * already applied to {@code metadata}), when it is given; {@code edited} is not part of the JSON,
 * so a record read back from JSON has the version and edits but no edit event.
 *
 * <p>{@code status} is {@link #PROCESSING} until the processor answered, then {@link #READY} or
 * {@link #FAILED} (with {@code failure} saying why).
 */
public record ImageRecord(
        ImageId id,
        String status,
        Failure failure,
        Instant uploadedAt,
        String uploader,
        String fileName,
        String contentType,
        Long bytes,
        @JsonUnwrapped ImageMetadata metadata,
        List<Rendition> renditions,
        Appearance appearance,
        int version,
        List<ImageEdited.Entry> edits,
        @JsonIgnore ImageEdited edited) {

    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
    /** Taken out of the archive by an {@link ImageRemoved}: no route serves it any more. */
    public static final String REMOVED = "removed";

    /** Why an image is {@link #FAILED}: a stable {@code reason} code and a sentence for people. */
    public record Failure(String reason, String message) {
    }

    public ImageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        metadata = metadata == null ? ImageMetadata.EMPTY : metadata;
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
        if (edited != null) {
            version = edited.version();
            edits = edited.history();
        }
        edits = edits == null ? List.of() : List.copyOf(edits);
    }

    /**
     * The record of one image from its upload event (null if not seen yet) and the processor's
     * answer (an {@link ImageProcessed}, an {@link ImageFailed}, or null while processing).
     * Values supplied at upload are shown while the processor has not answered yet.
     */
    public static ImageRecord of(ImageUploaded uploaded, ImageEvent outcome) {
        return of(uploaded, outcome, null);
    }

    /**
     * The record of one image as {@link #of(ImageUploaded, ImageEvent)} makes it, with the
     * editors' changes ({@code edited}, all edits merged, or null) applied on top.
     */
    public static ImageRecord of(ImageUploaded uploaded, ImageEvent outcome, ImageEdited edited) {
        if (uploaded == null && outcome == null) {
            throw new IllegalArgumentException("a record needs at least one event");
        }
        ImageId id = uploaded != null ? uploaded.id() : outcome.id();
        String status = PROCESSING;
        Failure failure = null;
        ImageMetadata metadata = null;
        List<Rendition> renditions = List.of();
        Appearance appearance = null;
        if (outcome instanceof ImageProcessed processed) {
            status = READY;
            metadata = processed.metadata();
            renditions = processed.renditions();
            appearance = processed.appearance();
        } else if (outcome instanceof ImageFailed failed) {
            status = FAILED;
            failure = new Failure(failed.reason(), failed.message());
            metadata = failed.metadata();
        } else if (outcome instanceof ImageRemoved) {
            status = REMOVED;
        }
        if (metadata == null) {
            metadata = suppliedOnly(uploaded == null ? SuppliedMetadata.NONE : uploaded.supplied());
        }
        if (status.equals(REMOVED)) {
            // A tombstone keeps no edits: compaction keeps only the removal on the topic of edits,
            // so a rebuilt index would not have them either.
            edited = null;
        }
        if (edited != null) {
            metadata = edited.applyTo(metadata);
        }
        return new ImageRecord(id, status, failure,
                uploaded == null ? null : uploaded.at(),
                uploaded == null ? null : uploaded.uploader(),
                uploaded == null ? null : uploaded.fileName(),
                uploaded == null ? null : uploaded.contentType(),
                uploaded == null ? null : uploaded.bytes(),
                metadata, renditions, appearance, 0, null, edited);
    }

    /**
     * This record as it is once {@code latest} is applied: {@code latest} must follow the edit
     * this record shows (as {@link ImageEdited#next} makes it), so it carries every field edited
     * so far and its values replace theirs. What an index will make of the same events.
     */
    public ImageRecord withEdits(ImageEdited latest) {
        if (!latest.id().equals(id)) {
            throw new IllegalArgumentException("an edit of image " + latest.id() + " is not one of image " + id);
        }
        if (edited != null && (latest.version() <= edited.version() || !latest.changes().keySet().containsAll(edited.changes().keySet()))) {
            throw new IllegalArgumentException("edit " + latest.version() + " does not follow edit " + edited.version());
        }
        return new ImageRecord(id, status, failure, uploadedAt, uploader, fileName, contentType, bytes,
                latest.applyTo(metadata), renditions, appearance, 0, null, latest);
    }

    /** The rendition called {@code name}, if the image has one. */
    public Optional<Rendition> rendition(String name) {
        return renditions.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static ImageMetadata suppliedOnly(SuppliedMetadata supplied) {
        return ImageMetadata.builder()
                .creator(supplied.creator() == null ? List.of() : List.of(supplied.creator()))
                .credit(supplied.credit())
                .description(supplied.caption())
                .keywords(supplied.keywords())
                .embargoUntil(supplied.embargoUntil())
                .build();
    }
}
