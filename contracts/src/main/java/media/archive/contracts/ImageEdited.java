package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * An editor changed fields of an image's record; published on {@link Topics#EDITS}.
 *
 * <p>{@code changes} maps record field names ({@link #EDITABLE}) to their new values: a string,
 * or a list of strings for {@code creator} and {@code keywords}; {@code embargoUntil} is an ISO-8601
 * instant and {@code withheld} a reason of at most 500 characters. An empty string or list
 * clears the field; null clears only those two. Fields not named keep the value the processor
 * read from the file; edits win over it.
 *
 * <p>Each edit carries every change editors have made to the image so far, not only the latest:
 * {@link Topics#EDITS} is compacted by image id, so only an image's latest edit is kept forever and
 * it must stand alone. So it also carries {@code history}, the edits one by one (oldest first, who,
 * when, each field's old and new value), and {@code version}, how many edits were applied in all.
 * A publisher builds it with {@link #next} from the previous one. An event written before history
 * was kept reads as one edit without history.
 *
 * <p>The history keeps the latest {@value #MAX_HISTORY} edits and at most about
 * {@value #MAX_HISTORY_BYTES} bytes of values: the whole event must stay below Kafka's default
 * limit of 1 MB per record, and no picture is edited a thousand times in a newsroom's working life
 * (a busy one is edited a handful of times). {@code version} keeps counting past what is dropped.
 */
public record ImageEdited(
        int schema,
        ImageId id,
        Instant at,
        String editor,
        Map<String, Object> changes,
        int version,
        List<Entry> history) implements ImageEvent {

    /** How many edits {@code history} keeps at most, the latest ones. */
    public static final int MAX_HISTORY = 1_000;
    /** About how many bytes of values {@code history} keeps at most (UTF-8, counted generously). */
    public static final int MAX_HISTORY_BYTES = 512 * 1024;

    private static final int MAX_VALUE_LENGTH = 20_000;
    /** A withheld picture's reason is a sentence for editors, not a document. */
    private static final int MAX_REASON_LENGTH = 500;

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
            Editable.text("webStatement", ImageMetadata::webStatement, ImageMetadata.Builder::webStatement),
            Editable.text("licensorUrl", ImageMetadata::licensorUrl, ImageMetadata.Builder::licensorUrl),
            Editable.text("instructions", ImageMetadata::instructions, ImageMetadata.Builder::instructions),
            Editable.instant("embargoUntil", ImageMetadata::embargoUntil, ImageMetadata.Builder::embargoUntil),
            Editable.reason("withheld", ImageMetadata::withheld, ImageMetadata.Builder::withheld),
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
    private static final int MAX_LIST_SIZE = 200;

    public ImageEdited {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changes, "changes");
        changes = checkedChanges(changes);
        history = history == null ? List.of() : List.copyOf(history);
        if (history.size() > MAX_HISTORY) {
            history = history.subList(history.size() - MAX_HISTORY, history.size());
        }
        // An event of the first schema had no history: it was one edit.
        version = Math.max(version, Math.max(history.size(), changes.isEmpty() ? 0 : 1));
    }

    /** One edit on its own, without history (as events were written before history was kept). */
    public ImageEdited(ImageId id, Instant at, String editor, Map<String, Object> changes) {
        this(CURRENT_SCHEMA, id, at, editor, changes, 0, List.of());
    }

    /**
     * The edit an editor makes when asking for {@code requested} (field name to new value) on an
     * image whose record shows {@code current}, following {@code previous} (the image's latest edit,
     * or null): every change so far, this one's history entry appended, the version one higher.
     * Empty when no requested value differs from the current one (nothing to publish).
     *
     * @throws InvalidEditException naming the first field that cannot be edited or whose value is not of its kind
     */
    public static Optional<ImageEdited> next(ImageEdited previous, ImageId id, ImageMetadata current, Instant at,
                                            String editor, Map<String, ?> requested) {
        Map<String, Change> differences = new LinkedHashMap<>();
        for (Map.Entry<String, ?> request : requested.entrySet()) {
            String field = request.getKey();
            Editable editable = FIELDS.get(field);
            if (editable == null) {
                throw new InvalidEditException(field, "field " + field + " cannot be edited; editable are "
                        + String.join(", ", EDITABLE));
            }
            Object value = checkedValue(field, request.getValue());
            Object old = editable.valueIn(current);
            if (!Objects.equals(old, editable.valueIn(value))) {
                differences.put(field, new Change(old, value));
            }
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        differences.forEach((field, change) -> changes.put(field, change.after()));
        ImageEdited edit = new ImageEdited(CURRENT_SCHEMA, id, at, editor, changes, 1,
                List.of(new Entry(at, editor, differences)));
        return Optional.of(previous == null ? edit : previous.then(edit));
    }

    /**
     * This edit followed by {@code later}: the later value of a field wins, the histories are
     * joined (oldest dropped beyond the bounds) and the versions added.
     */
    public ImageEdited then(ImageEdited later) {
        if (!later.id().equals(id)) {
            throw new IllegalArgumentException("edits of two images cannot be merged");
        }
        Map<String, Object> merged = new LinkedHashMap<>(changes);
        merged.putAll(later.changes());
        List<Entry> joined = new ArrayList<>(history);
        joined.addAll(later.history());
        long bytes = joined.stream().mapToLong(Entry::estimatedBytes).sum();
        int drop = 0;
        while (drop < joined.size() - 1 && (joined.size() - drop > MAX_HISTORY || bytes > MAX_HISTORY_BYTES)) {
            bytes -= joined.get(drop).estimatedBytes();
            drop++;
        }
        return new ImageEdited(later.schema(), id, later.at(), later.editor(), merged, version + later.version(),
                joined.subList(drop, joined.size()));
    }

    /**
     * One edit of the history: when, by whom, and each field it changed with its value before
     * (null when the field had none) and after, values as in {@link #changes()}.
     */
    public record Entry(Instant at, String editor, Map<String, Change> changes) {
        public Entry {
            Objects.requireNonNull(at, "at");
            changes = changes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        }

        long estimatedBytes() {
            long bytes = 64 + (editor == null ? 0 : editor.length());
            for (Map.Entry<String, Change> change : changes.entrySet()) {
                bytes += 16 + change.getKey().length() + sizeOf(change.getValue().before()) + sizeOf(change.getValue().after());
            }
            return bytes;
        }

        private static long sizeOf(Object value) {
            if (value instanceof String text) {
                // Three bytes a character covers every script of the BMP in UTF-8, plus JSON escapes of most.
                return 3L * text.length() + 2;
            }
            if (value instanceof List<?> list) {
                return list.stream().mapToLong(Entry::sizeOf).sum() + 2 + list.size();
            }
            return 4;
        }
    }

    /** A field's value before and after one edit; {@code old} is written even when null. */
    public record Change(
            @JsonProperty("old") @JsonInclude(JsonInclude.Include.ALWAYS) Object before,
            @JsonProperty("new") Object after) {
        public Change {
            before = before instanceof List<?> list ? List.copyOf(list) : before;
            after = after instanceof List<?> list ? List.copyOf(list) : after;
        }
    }

    /** The image's latest edit of each field edited so far, with who made it: the provenance of edited values. */
    private Map<String, String> editorsByField() {
        Map<String, String> editors = new HashMap<>();
        changes.keySet().forEach(field -> editors.put(field, editor));
        for (Entry entry : history) {
            entry.changes().keySet().forEach(field -> editors.put(field, entry.editor()));
        }
        return editors;
    }

    /**
     * {@code metadata} with this edit's changes applied; each edited field's provenance becomes
     * {@code edit:<editor>}, naming who edited it last. Raw values stay as the file had them.
     */
    public ImageMetadata applyTo(ImageMetadata metadata) {
        ImageMetadata.Builder builder = metadata.toBuilder();
        Map<String, String> provenance = new HashMap<>(metadata.provenance());
        Map<String, String> editors = editorsByField();
        changes.forEach((field, value) -> {
            FIELDS.get(field).set(builder, value);
            String who = editors.get(field);
            provenance.put(field, "edit:" + (who == null ? "unknown" : who));
        });
        return builder.provenance(provenance).build();
    }

    private static Map<String, Object> checkedChanges(Map<String, Object> changes) {
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String field = change.getKey();
            if (!EDITABLE.contains(field)) {
                throw new InvalidEditException(field, "field " + field + " cannot be edited; editable are "
                        + String.join(", ", EDITABLE));
            }
            checked.put(field, checkedValue(field, change.getValue()));
        }
        return Collections.unmodifiableMap(checked);
    }

    /**
     * {@code value} checked against its field's kind and made canonical: stripped text, a list of
     * stripped texts, an instant written as {@link Instant#toString()}. Null clears an embargo or a
     * withholding, as an empty value does; other fields take no null (an empty value clears them).
     */
    private static Object checkedValue(String field, Object value) {
        Editable editable = FIELDS.get(field);
        if (value == null && editable.nullClears()) {
            return "";
        }
        if (editable.list()) {
            if (!(value instanceof List<?> list) || list.size() > MAX_LIST_SIZE) {
                throw new InvalidEditException(field, field + " is a list of at most " + MAX_LIST_SIZE + " strings");
            }
            for (Object item : list) {
                if (!(item instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
                    throw new InvalidEditException(field, field + " holds non-blank strings of at most " + MAX_VALUE_LENGTH + " characters");
                }
            }
            return List.copyOf(list.stream().map(item -> ((String) item).strip()).toList());
        }
        if (editable.instant()) {
            if (value instanceof String text && text.isEmpty()) {
                return "";
            }
            try {
                return EmbargoInstant.parse((String) value).toString();
            } catch (ClassCastException | DateTimeException e) {
                throw new InvalidEditException(field, field + " is an ISO-8601 instant such as 2026-12-04T06:00:00Z, or null");
            }
        }
        if (!(value instanceof String text) || text.length() > editable.maxLength()) {
            throw new InvalidEditException(field, field + " is a string of at most " + editable.maxLength() + " characters");
        }
        if (editable.nullClears() && !text.isEmpty() && text.isBlank()) {
            throw new InvalidEditException(field, field + " is a non-blank text, or null");
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
     * One editable field: its record name, whether it holds a list of strings or an instant (else
     * a string), whether null clears it, its longest text, how to read it from metadata and how
     * to set it on a builder (an empty value clears it).
     */
    private record Editable(String name, boolean list, boolean instant, boolean nullClears, int maxLength,
                            Function<ImageMetadata, Object> getter, BiConsumer<ImageMetadata.Builder, Object> setter) {

        static Editable text(String name, Function<ImageMetadata, String> getter,
                             BiConsumer<ImageMetadata.Builder, String> setter) {
            return new Editable(name, false, false, false, MAX_VALUE_LENGTH, getter::apply,
                    (builder, value) -> setter.accept(builder, value instanceof String s && !s.isEmpty() ? s : null));
        }

        /** A short non-blank reason, such as why a picture is withheld; null (or empty) takes it away. */
        static Editable reason(String name, Function<ImageMetadata, String> getter,
                               BiConsumer<ImageMetadata.Builder, String> setter) {
            return new Editable(name, false, false, true, MAX_REASON_LENGTH, getter::apply,
                    (builder, value) -> setter.accept(builder, value instanceof String s && !s.isEmpty() ? s : null));
        }

        /** An instant, held in changes as its ISO-8601 text so events stay plain JSON; null (or empty) lifts it. */
        static Editable instant(String name, Function<ImageMetadata, Instant> getter,
                                BiConsumer<ImageMetadata.Builder, Instant> setter) {
            return new Editable(name, false, true, true, MAX_VALUE_LENGTH,
                    metadata -> getter.apply(metadata) == null ? null : getter.apply(metadata).toString(),
                    (builder, value) -> setter.accept(builder,
                            value instanceof String s && !s.isEmpty() ? EmbargoInstant.parse(s) : null));
        }

        @SuppressWarnings("unchecked")
        static Editable list(String name, Function<ImageMetadata, List<String>> getter,
                             BiConsumer<ImageMetadata.Builder, List<String>> setter) {
            return new Editable(name, true, false, false, MAX_VALUE_LENGTH, getter::apply,
                    (builder, value) -> setter.accept(builder, value instanceof List<?> l ? (List<String>) l : List.of()));
        }

        void set(ImageMetadata.Builder builder, Object value) {
            setter.accept(builder, value);
        }

        /** The field's value in {@code metadata} as a change would give it, or null when it has none. */
        Object valueIn(ImageMetadata metadata) {
            return valueIn(getter.apply(metadata));
        }

        /** {@code value} (a change's value) with "no value" as null: an empty string or list clears the field. */
        Object valueIn(Object value) {
            if (value instanceof String text) {
                return text.isEmpty() ? null : text;
            }
            if (value instanceof List<?> list) {
                return list.isEmpty() ? null : list;
            }
            return value;
        }
    }
}
