package media.archive.api.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import media.archive.contracts.ImageRecord;

/**
 * The {@code data} of one {@code image} event: the image's id, status, why it failed (null unless
 * {@code failed}) and its record (null once removed). Every field is written, nulls too, so the
 * desk reads one shape.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImageStatus(String id, String status, ImageRecord.Failure failure, ImageRecord record) {
    public ImageStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** The status of {@code record}; a removed image's record is not shown. */
    public static ImageStatus of(ImageRecord record) {
        boolean removed = ImageRecord.REMOVED.equals(record.status());
        return new ImageStatus(record.id().value(), record.status(), removed ? null : record.failure(), removed ? null : record);
    }
}
