package media.archive.contracts;

import java.time.Instant;
import java.util.List;

/**
 * What the photographer typed beside the upload. Each value, when present, wins over what the
 * file itself carries; {@code embargoUntil} wins over an embargo read from its instructions.
 */
public record SuppliedMetadata(String caption, String creator, String credit, List<String> keywords,
                               Instant embargoUntil) {
    public static final SuppliedMetadata NONE = new SuppliedMetadata(null, null, null, List.of());

    /** Values without an embargo. */
    public SuppliedMetadata(String caption, String creator, String credit, List<String> keywords) {
        this(caption, creator, credit, keywords, null);
    }

    public SuppliedMetadata {
        caption = blankToNull(caption);
        creator = blankToNull(creator);
        credit = blankToNull(credit);
        keywords = keywords == null ? List.of() : keywords.stream()
                .map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
