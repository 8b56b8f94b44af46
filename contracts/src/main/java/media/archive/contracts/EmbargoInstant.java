package media.archive.contracts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How an embargo's end is written wherever a person types it (the upload's {@code embargoUntil}
 * field, an editor's {@code PATCH}): an ISO-8601 instant, {@code 2026-12-04T06:00:00Z}, or a date
 * and time with its offset, {@code 2026-12-04T07:00:00+01:00}. A time without a zone is refused:
 * read in the wrong zone it would free a picture hours early.
 */
public final class EmbargoInstant {
    private EmbargoInstant() {
    }

    /**
     * The instant {@code text} names.
     *
     * @throws DateTimeException when it is not an ISO-8601 instant or a date and time with an offset
     */
    public static Instant parse(String text) {
        String given = text.strip();
        try {
            return Instant.parse(given);
        } catch (DateTimeParseException notAnInstant) {
            return OffsetDateTime.parse(given).toInstant();
        }
    }
}
