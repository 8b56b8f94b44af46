package media.archive.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    /** The record fields editors may change. */
    public static final Set<String> EDITABLE = Set.of(
            "creator", "creatorJobTitle", "credit", "creditLine", "source", "copyright", "usageTerms",
            "instructions", "description", "headline", "title", "keywords", "city", "state", "country",
            "countryCode", "location", "altText", "digitalSourceType", "dateTaken");
    private static final Set<String> LISTS = Set.of("creator", "keywords");
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
        changes.forEach((field, value) -> {
            String text = value instanceof String s && !s.isEmpty() ? s : null;
            @SuppressWarnings("unchecked")
            List<String> list = value instanceof List<?> l ? (List<String>) l : List.of();
            switch (field) {
                case "creator" -> builder.creator(list);
                case "creatorJobTitle" -> builder.creatorJobTitle(text);
                case "credit" -> builder.credit(text);
                case "creditLine" -> builder.creditLine(text);
                case "source" -> builder.source(text);
                case "copyright" -> builder.copyright(text);
                case "usageTerms" -> builder.usageTerms(text);
                case "instructions" -> builder.instructions(text);
                case "description" -> builder.description(text);
                case "headline" -> builder.headline(text);
                case "title" -> builder.title(text);
                case "keywords" -> builder.keywords(list);
                case "city" -> builder.city(text);
                case "state" -> builder.state(text);
                case "country" -> builder.country(text);
                case "countryCode" -> builder.countryCode(text);
                case "location" -> builder.location(text);
                case "altText" -> builder.altText(text);
                case "digitalSourceType" -> builder.digitalSourceType(text);
                case "dateTaken" -> builder.dateTaken(text);
                default -> throw new IllegalStateException("unhandled editable field " + field);
            }
        });
        return builder.build();
    }

    private static Object checkedValue(String field, Object value) {
        if (LISTS.contains(field)) {
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
}
