package media.archive.contracts;

import java.time.Instant;
import java.util.List;

/**
 * What the photographer typed beside the upload. Each value, when present, wins over what the
 * file itself carries; {@code embargoUntil} wins over an embargo read from its instructions.
 * {@code assignment} names the job the picture was filed for ("election-night"), grouping the
 * uploads of one story; null when none was given.
 */
public record SuppliedMetadata(String caption, String creator, String credit, List<String> keywords,
                               Instant embargoUntil, String assignment) {
    public static final SuppliedMetadata NONE = new SuppliedMetadata(null, null, null, List.of());

    /** Values without an assignment. */
    public SuppliedMetadata(String caption, String creator, String credit, List<String> keywords, Instant embargoUntil) {
        this(caption, creator, credit, keywords, embargoUntil, null);
    }

    /** Values without an embargo. */
    public SuppliedMetadata(String caption, String creator, String credit, List<String> keywords) {
        this(caption, creator, credit, keywords, null);
    }

    public SuppliedMetadata {
        caption = blankToNull(caption);
        creator = blankToNull(creator);
        credit = blankToNull(credit);
        assignment = blankToNull(assignment);
        keywords = keywords == null ? List.of() : keywords.stream()
                .map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
