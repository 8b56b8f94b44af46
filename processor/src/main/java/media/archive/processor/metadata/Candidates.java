package media.archive.processor.metadata;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each metadata block says about each field, before any is chosen. Readers only add
 * non-empty, cleaned values. Not thread-safe: one per image.
 */
final class Candidates {
    /** Most items kept of a list (keywords, creators); see {@link CleanText#MAX_LINE} for why there is a bound. */
    static final int MAX_ITEMS = 200;

    private final Map<Field<?>, EnumMap<Origin, Candidate<?>>> byField = new HashMap<>();

    /** Adds {@code origin}'s text for {@code field}; blank or absent text is ignored, the first value kept. */
    void text(Field<String> field, Origin origin, String value, String tagName) {
        if (value != null && !value.isBlank()) {
            byField.computeIfAbsent(field, f -> new EnumMap<>(Origin.class))
                    .putIfAbsent(origin, new Candidate<>(value, origin.tag(tagName)));
        }
    }

    /** Adds {@code origin}'s list for {@code field}; an empty list is ignored, the first value kept. */
    void list(Field<List<String>> field, Origin origin, List<String> values, String tagName) {
        List<String> present = values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).distinct().limit(MAX_ITEMS).toList();
        if (!present.isEmpty()) {
            byField.computeIfAbsent(field, f -> new EnumMap<>(Origin.class))
                    .putIfAbsent(origin, new Candidate<>(present, origin.tag(tagName)));
        }
    }

    @SuppressWarnings("unchecked") // the typed adders above keep each field's values of its own type
    <T> Optional<Candidate<T>> get(Field<T> field, Origin origin) {
        EnumMap<Origin, Candidate<?>> values = byField.get(field);
        return values == null ? Optional.empty() : Optional.ofNullable((Candidate<T>) values.get(origin));
    }
}
