package media.archive.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * An editor changed fields of an image's record; published on {@link Topics#EDITS}.
 *
 * <p>{@code changes} maps record field names ({@link #EDITABLE}) to their new values: a string,
 * or a list of strings for {@code creator} and {@code keywords}. An empty string or list clears
 * the field. Fields not named keep the value the processor read from the file; edits win over it.
 *
 * <p>Each edit carries every change editors have made to the image so far, not only the latest:
 * {@link Topics#EDITS} is compacted by image id, so only an image's latest edit is kept forever and
 * it must stand alone. A publisher builds it with {@link #then(ImageEdited)} from the previous one.
 */
public record ImageEdited(
        int schema,
        ImageId id,
        Instant at,
        String editor,
        Map<String, Object> changes) implements ImageEvent {

    /**
     * The record fields editors may change, each with how to read it from metadata and how to set
     * it on a builder: the one list of editable fields, in the order of the record.
     */
    private static final Map<String, Editable> FIELDS = table(
            Editable.list("creator", ImageMetadata::creator, ImageMetadata.Builder::creator),
            Editable.text("creatorJobTitle", ImageMetadata::creatorJobTitle, ImageMetadata.Builder::creatorJobTitle),
            Editable.text("credit", ImageMetadata::credit, ImageMetadata.Builder::credit),
            Editable.text("creditLine", ImageMetadata::creditLine, ImageMetadata.Builder::creditLine),
            Editable.text("source", ImageMetadata::source, ImageMetadata.Builder::source),
            Editable.text("copyright", ImageMetadata::copyright, ImageMetadata.Builder::copyright),
            Editable.text("usageTerms", ImageMetadata::usageTerms, ImageMetadata.Builder::usageTerms),
            Editable.text("instructions", ImageMetadata::instructions, ImageMetadata.Builder::instructions),
            Editable.text("description", ImageMetadata::description, ImageMetadata.Builder::description),
            Editable.text("headline", ImageMetadata::headline, ImageMetadata.Builder::headline),
            Editable.text("title", ImageMetadata::title, ImageMetadata.Builder::title),
            Editable.list("keywords", ImageMetadata::keywords, ImageMetadata.Builder::keywords),
            Editable.text("city", ImageMetadata::city, ImageMetadata.Builder::city),
            Editable.text("state", ImageMetadata::state, ImageMetadata.Builder::state),
            Editable.text("country", ImageMetadata::country, ImageMetadata.Builder::country),
            Editable.text("countryCode", ImageMetadata::countryCode, ImageMetadata.Builder::countryCode),
            Editable.text("location", ImageMetadata::location, ImageMetadata.Builder::location),
            Editable.text("altText", ImageMetadata::altText, ImageMetadata.Builder::altText),
            Editable.text("digitalSourceType", ImageMetadata::digitalSourceType, ImageMetadata.Builder::digitalSourceType),
            Editable.text("dateTaken", ImageMetadata::dateTaken, ImageMetadata.Builder::dateTaken));

    /** The record fields editors may change, in the order of the record. */
    public static final Set<String> EDITABLE = FIELDS.keySet();
    private static final int MAX_VALUE_LENGTH = 20_000;
    private static final int MAX_LIST_SIZE = 200;

    public ImageEdited {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changes, "changes");
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String field = change.getKey();
            if (!EDITABLE.contains(field)) {
                throw new IllegalArgumentException("field " + field + " cannot be edited; editable are " + EDITABLE);
            }
            checked.put(field, checkedValue(field, change.getValue()));
        }
        changes = Map.copyOf(checked);
    }

    public ImageEdited(ImageId id, Instant at, String editor, Map<String, Object> changes) {
        this(CURRENT_SCHEMA, id, at, editor, changes);
    }

    /** This edit followed by {@code later}: the later value of a field wins. */
    public ImageEdited then(ImageEdited later) {
        if (!later.id().equals(id)) {
            throw new IllegalArgumentException("edits of two images cannot be merged");
        }
        Map<String, Object> merged = new LinkedHashMap<>(changes);
        merged.putAll(later.changes());
        return new ImageEdited(later.schema(), id, later.at(), later.editor(), merged);
    }

    /** {@code metadata} with this edit's changes applied. */
    public ImageMetadata applyTo(ImageMetadata metadata) {
        ImageMetadata.Builder builder = metadata.toBuilder();
        changes.forEach((field, value) -> FIELDS.get(field).set(builder, value));
        return builder.build();
    }

    private static Object checkedValue(String field, Object value) {
        if (FIELDS.get(field).list()) {
            if (!(value instanceof List<?> list) || list.size() > MAX_LIST_SIZE) {
                throw new IllegalArgumentException(field + " is a list of at most " + MAX_LIST_SIZE + " strings");
            }
            for (Object item : list) {
                if (!(item instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
                    throw new IllegalArgumentException(field + " holds non-blank strings of at most " + MAX_VALUE_LENGTH + " characters");
                }
            }
            return List.copyOf(list.stream().map(item -> ((String) item).strip()).toList());
        }
        if (!(value instanceof String text) || text.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(field + " is a string of at most " + MAX_VALUE_LENGTH + " characters");
        }
        return text.strip();
    }

    private static Map<String, Editable> table(Editable... fields) {
        Map<String, Editable> table = new LinkedHashMap<>();
        for (Editable field : fields) {
            table.put(field.name(), field);
        }
        return Collections.unmodifiableMap(table);
    }

    /**
     * One editable field: its record name, whether it holds a list of strings (else a string), how
     * to read it from metadata and how to set it on a builder (an empty value clears it).
     */
    private record Editable(String name, boolean list, Function<ImageMetadata, Object> getter,
                            BiConsumer<ImageMetadata.Builder, Object> setter) {

        static Editable text(String name, Function<ImageMetadata, String> getter,
                             BiConsumer<ImageMetadata.Builder, String> setter) {
            return new Editable(name, false, getter::apply,
                    (builder, value) -> setter.accept(builder, value instanceof String s && !s.isEmpty() ? s : null));
        }

        @SuppressWarnings("unchecked")
        static Editable list(String name, Function<ImageMetadata, List<String>> getter,
                             BiConsumer<ImageMetadata.Builder, List<String>> setter) {
            return new Editable(name, true, getter::apply,
                    (builder, value) -> setter.accept(builder, value instanceof List<?> l ? (List<String>) l : List.of()));
        }

        void set(ImageMetadata.Builder builder, Object value) {
            setter.accept(builder, value);
        }
    }
}
