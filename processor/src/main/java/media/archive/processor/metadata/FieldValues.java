package media.archive.processor.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image's field values while the newsroom rules clean them, by record field name, with the
 * provenance of each: a rule that moves a value to another field (an agency out of a byline into
 * the credit) moves its provenance with it. Not thread-safe: one per image.
 */
final class FieldValues {
    private final Map<String, Object> values;
    private final Map<String, String> provenance;

    FieldValues(Map<String, Object> values, Map<String, String> provenance) {
        this.values = new LinkedHashMap<>(values);
        this.provenance = new LinkedHashMap<>(provenance);
    }

    /** The text of {@code field}, or null. */
    String text(Field<String> field) {
        return values.get(field.name) instanceof String s ? s : null;
    }

    /** The list of {@code field}, empty when absent. */
    @SuppressWarnings("unchecked") // list fields only ever hold lists of texts
    List<String> list(Field<List<String>> field) {
        return values.get(field.name) instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** Sets {@code field}; null or blank removes it, and its provenance with it. */
    void text(Field<String> field, String value) {
        if (value == null || value.isBlank()) {
            values.remove(field.name);
            provenance.remove(field.name);
        } else {
            values.put(field.name, value.strip());
        }
    }

    /** Sets {@code field} to a value taken from {@code from}, whose provenance it inherits. */
    void text(Field<String> field, String value, Field<?> from) {
        text(field, value);
        if (values.containsKey(field.name) && provenance.containsKey(from.name)) {
            provenance.put(field.name, provenance.get(from.name));
        }
    }

    /** Sets {@code field}'s list; blank items are dropped, then an empty list removes the field. */
    void list(Field<List<String>> field, List<String> items) {
        List<String> kept = items.stream().filter(i -> i != null && !i.isBlank()).map(String::strip).distinct().toList();
        if (kept.isEmpty()) {
            values.remove(field.name);
            provenance.remove(field.name);
        } else {
            values.put(field.name, kept);
        }
    }

    /** Sets a value that does not come from the file, such as the upload form's, with its own provenance. */
    void override(Field<?> field, Object value, String tag) {
        if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
            values.put(field.name, value);
            provenance.put(field.name, tag);
        }
    }

    Object get(String name) {
        return values.get(name);
    }

    Map<String, Object> values() {
        return values;
    }

    Map<String, String> provenance() {
        return provenance;
    }
}
