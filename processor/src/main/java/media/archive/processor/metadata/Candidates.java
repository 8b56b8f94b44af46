package media.archive.processor.metadata;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each metadata block says about each field, before any is chosen. Readers only add
 * non-empty, decoded values; absurdly long ones are cut here, with a warning. Not thread-safe:
 * one per image.
 */
final class Candidates {
    /**
     * Most characters kept of one text, and of all items of one list together. Far above what any
     * real credit or caption needs, and low enough that a hostile file cannot make the processed
     * event exceed Kafka's message size.
     */
    static final int MAX_CHARS = 10_000;
    /** Most items kept of a list (keywords, creators). */
    static final int MAX_ITEMS = 200;

    private final Map<Field<?>, EnumMap<Origin, Candidate<?>>> byField = new HashMap<>();
    private final Warnings warnings;

    Candidates(Warnings warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Adds {@code origin}'s text for {@code field}; blank or absent text is ignored, the first value kept. */
    void text(Field<String> field, Origin origin, String value, String tagName) {
        if (value != null && !value.isBlank()) {
            put(field, origin, bounded(value, origin.tag(tagName)), tagName);
        }
    }

    /** Adds {@code origin}'s number for {@code field}; null is ignored, the first value kept. */
    <T extends Number> void number(Field<T> field, Origin origin, T value, String tagName) {
        if (value != null) {
            put(field, origin, value, tagName);
        }
    }

    /** Adds {@code origin}'s list for {@code field}; an empty list is ignored, the first value kept. */
    void list(Field<List<String>> field, Origin origin, List<String> values, String tagName) {
        if (values == null) {
            return;
        }
        List<String> present = new ArrayList<>();
        int chars = 0;
        for (String value : values.stream().filter(v -> v != null && !v.isBlank()).distinct().toList()) {
            if (present.size() == MAX_ITEMS || chars + value.length() > MAX_CHARS) {
                warnings.add(origin.tag(tagName) + " has more than " + present.size() + " items or "
                        + MAX_CHARS + " characters; the rest is left out");
                break;
            }
            present.add(value);
            chars += value.length();
        }
        if (!present.isEmpty()) {
            put(field, origin, List.copyOf(present), tagName);
        }
    }

    private <T> void put(Field<T> field, Origin origin, T value, String tagName) {
        byField.computeIfAbsent(field, f -> new EnumMap<>(Origin.class))
                .putIfAbsent(origin, new Candidate<>(value, origin.tag(tagName)));
    }

    private String bounded(String text, String tag) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        warnings.add(tag + " has " + text.length() + " characters; the first " + MAX_CHARS + " are kept");
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    @SuppressWarnings("unchecked") // the typed adders above keep each field's values of its own type
    <T> Optional<Candidate<T>> get(Field<T> field, Origin origin) {
        EnumMap<Origin, Candidate<?>> values = byField.get(field);
        return values == null ? Optional.empty() : Optional.ofNullable((Candidate<T>) values.get(origin));
    }
}
