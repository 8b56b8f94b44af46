package media.archive.api.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;

/** Turns an image's state into its document: the fields it is found, filtered, sorted and counted by, and its stored events. Stateless, thread-safe. */
final class ImageDocuments {
    /** Facet labels longer than this are cut: a facet lists names, not paragraphs. */
    private static final int MAX_FACET_LABEL = 100;
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");
    private static final java.util.regex.Pattern FILE_NAME_SEPARATORS = java.util.regex.Pattern.compile("[._\\-]+");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private ImageDocuments() {
    }

    /**
     * The document of image {@code id} in {@code state}: its searchable fields (text analysed
     * with {@code analyzer}) and its stored events, from which {@link ImageState#fromDocument}
     * reads the state back.
     */
    static Document document(ImageId id, ImageState state, Analyzer analyzer) {
        ImageRecord record = state.record();
        // Edits that arrived before their image are kept, but found by nothing until it arrives.
        Document doc = record == null ? new Document() : document(record, analyzer);
        if (record == null) {
            doc.add(new StringField(IndexFields.PENDING_EDITS, "true", Field.Store.NO));
        }
        doc.add(new StringField(IndexFields.ID, id.value(), Field.Store.YES));
        if (state.uploadedJson() != null) {
            doc.add(new StoredField(IndexFields.UPLOADED_JSON, state.uploadedJson()));
        }
        if (state.outcomeJson() != null) {
            doc.add(new StoredField(IndexFields.OUTCOME_JSON, state.outcomeJson()));
        }
        if (state.edited() != null) {
            doc.add(new StoredField(IndexFields.EDITS_JSON, Json.toBytes(state.edited())));
        }
        if (state.removalJson() != null) {
            doc.add(new StoredField(IndexFields.REMOVAL_JSON, state.removalJson()));
        }
        return doc;
    }

    /** The searchable fields of {@code record}, text analysed with {@code analyzer}; the caller adds the stored events. */
    static Document document(ImageRecord record, Analyzer analyzer) {
        Document doc = new Document();
        doc.add(new NumericDocValuesField(IndexFields.ID_KEY, IndexFields.idKey(record.id().value())));
        doc.add(new StringField(IndexFields.STATUS, record.status(), Field.Store.NO));
        if (record.uploadedAt() != null) {
            long uploaded = record.uploadedAt().toEpochMilli();
            doc.add(new LongPoint(IndexFields.UPLOADED_AT, uploaded));
            doc.add(new NumericDocValuesField(IndexFields.UPLOADED_AT, uploaded));
        }
        Optional<LocalDateTime> taken = takenAt(record.metadata().dateTaken());
        taken.ifPresent(at -> {
            long millis = at.toInstant(ZoneOffset.UTC).toEpochMilli();
            doc.add(new LongPoint(IndexFields.TAKEN_AT, millis));
            doc.add(new NumericDocValuesField(IndexFields.TAKEN_AT, millis));
        });
        if (record.metadata().gpsLatitude() != null && record.metadata().gpsLongitude() != null) {
            doc.add(new StringField(IndexFields.FLAGS, "gps", Field.Store.NO));
        }
        if (hasText(record.metadata().description()) || hasText(record.metadata().headline())) {
            doc.add(new StringField(IndexFields.FLAGS, "caption", Field.Store.NO));
        }
        if (record.metadata().withheld() != null) {
            doc.add(new StringField(IndexFields.FLAGS, "withheld", Field.Store.NO));
        }
        if (record.metadata().embargoUntil() != null) {
            doc.add(new LongPoint(IndexFields.EMBARGO_UNTIL, record.metadata().embargoUntil().toEpochMilli()));
        }
        if (madeWithGenerativeAi(record.metadata().digitalSourceType())) {
            doc.add(new StringField(IndexFields.FLAGS, "ai-generated", Field.Store.NO));
        }
        if (record.appearance() != null && record.appearance().perceptualHash() != null) {
            long hash = HexFormat.fromHexDigitsToLong(record.appearance().perceptualHash());
            doc.add(new NumericDocValuesField(IndexFields.PERCEPTUAL_HASH, hash));
        }
        if (hasText(record.uploader())) {
            doc.add(new StringField(IndexFields.UPLOADER_EXACT, record.uploader(), Field.Store.NO));
        }
        if (hasText(record.fileName())) {
            doc.add(new StringField(IndexFields.FILE_NAME_EXACT, record.fileName().strip().toLowerCase(Locale.ROOT), Field.Store.NO));
        }

        TextFields text = new TextFields(doc, analyzer);
        text.add(IndexFields.TEXT, record.metadata().description());
        text.add(IndexFields.TEXT, record.metadata().headline());
        text.add(IndexFields.TEXT, record.metadata().title());
        record.metadata().keywords().forEach(keyword -> text.add(IndexFields.TEXT, keyword));
        record.metadata().creator().forEach(creator -> text.add(IndexFields.TEXT, creator));
        text.add(IndexFields.TEXT, record.metadata().credit());
        text.add(IndexFields.TEXT, record.metadata().source());
        // Twice (see IndexFields.TEXT): the words that say most about an image count more.
        text.add(IndexFields.TEXT, record.metadata().headline());
        text.add(IndexFields.TEXT, record.metadata().title());
        record.metadata().keywords().forEach(keyword -> text.add(IndexFields.TEXT, keyword));

        record.metadata().keywords().forEach(keyword -> text.add(IndexFields.KEYWORDS, keyword));
        record.metadata().creator().forEach(creator -> text.add(IndexFields.CREATOR, creator));
        text.add(IndexFields.CREDIT, record.metadata().credit());
        text.add(IndexFields.SOURCE, record.metadata().source());
        for (String place : new String[] {record.metadata().city(), record.metadata().state(), record.metadata().country(), record.metadata().countryCode(), record.metadata().location()}) {
            text.add(IndexFields.PLACE, place);
            text.add(IndexFields.TEXT, place);
        }
        text.add(IndexFields.CITY, record.metadata().city());
        text.add(IndexFields.COUNTRY, record.metadata().country());
        text.add(IndexFields.COUNTRY, record.metadata().countryCode());
        text.add(IndexFields.COPYRIGHT, record.metadata().copyright());
        text.add(IndexFields.UPLOADER, record.uploader());
        String camera = camera(record);
        text.add(IndexFields.CAMERA, camera);
        // Word segmentation keeps "market.tif" or "dsc_0001" whole; editors type the parts.
        text.add(IndexFields.FILE_NAME, record.fileName() == null ? null : FILE_NAME_SEPARATORS.matcher(record.fileName()).replaceAll(" "));

        addFacets(doc, IndexFields.FACET_CREATOR, record.metadata().creator());
        addFacet(doc, IndexFields.FACET_CREDIT, record.metadata().credit());
        addFacet(doc, IndexFields.FACET_SOURCE, record.metadata().source());
        addFacets(doc, IndexFields.FACET_KEYWORDS, record.metadata().keywords());
        addFacet(doc, IndexFields.FACET_COUNTRY, record.metadata().country());
        addFacet(doc, IndexFields.FACET_CAMERA, camera);
        taken.ifPresent(at -> addFacet(doc, IndexFields.FACET_TAKEN_MONTH,
                String.format(Locale.ROOT, "%04d-%02d", at.getYear(), at.getMonthValue())));
        try {
            return IndexFields.FACETS.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build facet fields in memory", e);
        }
    }

    /** Whether an IPTC digital source type says generative AI made or edited the image. */
    static boolean madeWithGenerativeAi(String digitalSourceType) {
        // The same rule as ImageMetadata.madeWithGenerativeAi: trainedAlgorithmicMedia and
        // compositeWithTrainedAlgorithmicMedia (https://cv.iptc.org/newscodes/digitalsourcetype/).
        return digitalSourceType != null && digitalSourceType.endsWith("rainedAlgorithmicMedia");
    }

    /**
     * The camera's wall-clock time from an ISO-8601 {@code dateTaken} ("2025-10-25T09:30:00",
     * with or without fraction and offset, or a bare date); the offset is dropped on purpose.
     */
    static Optional<LocalDateTime> takenAt(String dateTaken) {
        if (dateTaken == null || dateTaken.length() < 10) {
            return Optional.empty();
        }
        try {
            if (dateTaken.length() >= 19 && dateTaken.charAt(10) == 'T') {
                return Optional.of(LocalDateTime.parse(dateTaken.substring(0, 19)));
            }
            return Optional.of(LocalDate.parse(dateTaken.substring(0, 10)).atStartOfDay());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String camera(ImageRecord record) {
        String make = record.metadata().make() == null ? "" : record.metadata().make().strip();
        String model = record.metadata().model() == null ? "" : record.metadata().model().strip();
        if (make.isEmpty()) {
            return model.isEmpty() ? null : model;
        }
        // Many cameras repeat the make, or its first word, in the model ("Canon" / "Canon EOS R5",
        // "NIKON CORPORATION" / "NIKON Z 9").
        String brand = SPACES.split(make, 2)[0].toLowerCase(Locale.ROOT);
        return model.toLowerCase(Locale.ROOT).startsWith(brand) ? model : (make + " " + model).strip();
    }

    /** Adds the text fields of one document, analysing each distinct value once however many fields hold it. */
    private static final class TextFields {
        private final Document doc;
        private final Analyzer analyzer;
        private final Map<String, AnalyzedText> analysed = new HashMap<>();

        TextFields(Document doc, Analyzer analyzer) {
            this.doc = doc;
            this.analyzer = analyzer;
        }

        void add(String field, String value) {
            if (hasText(value)) {
                AnalyzedText text = analysed.get(value);
                if (text == null) {
                    text = AnalyzedText.of(analyzer, value);
                    analysed.put(value, text);
                }
                doc.add(text.field(field));
            }
        }
    }

    private static void addFacets(Document doc, String dimension, List<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            String label = label(value);
            if (label != null) {
                distinct.add(label);
            }
        }
        new ArrayList<>(distinct).forEach(label -> doc.add(new SortedSetDocValuesFacetField(dimension, label)));
    }

    private static void addFacet(Document doc, String dimension, String value) {
        String label = label(value);
        if (label != null) {
            doc.add(new SortedSetDocValuesFacetField(dimension, label));
        }
    }

    private static String label(String value) {
        if (!hasText(value)) {
            return null;
        }
        // Control characters (the facet path delimiter among them) have no place in a label.
        String label = hasControlCharacter(value) ? CONTROL.matcher(value).replaceAll(" ").strip() : value.strip();
        if (label.isEmpty()) {
            return null;
        }
        return label.length() <= MAX_FACET_LABEL ? label : label.substring(0, MAX_FACET_LABEL);
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
