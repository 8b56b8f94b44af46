package media.archive.processor.metadata;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.SuppliedMetadata;

/**
 * Collects one image's reconciled values with the provenance of each, then cleans a copy of them
 * by the newsroom's rules, applies what the photographer typed at upload and freezes the result
 * with the values as read kept in {@code raw}. Not thread-safe.
 */
final class MetadataBuilder {
    /** The reason a picture is held when its instructions mention an embargo whose end cannot be read. */
    static final String UNREADABLE_EMBARGO = "embargo in the instructions could not be read";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();

    MetadataBuilder size(int width, int height, String tag) {
        values.put("width", width);
        values.put("height", height);
        provenance.put("width", tag);
        provenance.put("height", tag.replace("Width", "Height"));
        return this;
    }

    MetadataBuilder orientation(Integer orientation) {
        if (orientation != null) {
            values.put("orientation", orientation);
            provenance.put("orientation", "EXIF:Orientation");
        }
        return this;
    }

    MetadataBuilder position(double latitude, double longitude) {
        values.put("gpsLatitude", latitude);
        values.put("gpsLongitude", longitude);
        provenance.put("gpsLatitude", "EXIF:GPSLatitude");
        provenance.put("gpsLongitude", "EXIF:GPSLongitude");
        return this;
    }

    MetadataBuilder iccProfile(String description) {
        if (description != null) {
            values.put("iccProfile", description);
            provenance.put("iccProfile", "ICC:ProfileDescription");
        }
        return this;
    }

    /** Sets a reconciled field to the chosen candidate's value. */
    <T> MetadataBuilder set(Field<T> field, Candidate<T> chosen) {
        values.put(field.name, chosen.value());
        provenance.put(field.name, chosen.tag());
        return this;
    }

    /**
     * The record: {@code cleaning}'s rules applied to a copy of the values, then {@code supplied}
     * on top (caption as description, creator, credit and keywords win when present, with
     * {@code upload:} provenance), then the credit line; {@code raw} keeps the values as read.
     * An embargo comes from the upload's {@code embargoUntil} when it has one, else from the
     * special instructions ({@link EmbargoInstructions}): a time read without doubt sets
     * {@code embargoUntil}, an embargo whose time cannot be read holds the picture as
     * {@code withheld} until an editor decides, each with the instructions' provenance.
     */
    ImageMetadata build(NewsroomCleaning cleaning, SuppliedMetadata supplied, List<String> warnings) {
        FieldValues cleaned = new FieldValues(values, provenance);
        cleaning.apply(cleaned);
        cleaned.override(Field.DESCRIPTION, supplied.caption(), "upload:caption");
        cleaned.override(Field.CREATOR, supplied.creator() == null ? null : List.of(supplied.creator()), "upload:creator");
        cleaned.override(Field.CREDIT, supplied.credit(), "upload:credit");
        cleaned.override(Field.KEYWORDS, supplied.keywords(), "upload:keywords");
        String creditLine = cleaning.creditLine(cleaned);
        Map<String, String> finalProvenance = new LinkedHashMap<>(cleaned.provenance());
        if (creditLine != null) {
            finalProvenance.put("creditLine", "template:" + cleaning.creditLineTemplate());
        }
        Map<String, Object> v = cleaned.values();
        Instant embargoUntil = supplied.embargoUntil();
        String withheld = null;
        if (embargoUntil != null) {
            finalProvenance.put("embargoUntil", "upload:embargoUntil");
        } else {
            // The instructions as read, before cleaning shortened them: the embargo may be at their end.
            String instructions = values.get(Field.INSTRUCTIONS.name) instanceof String text ? text : null;
            String from = provenance.get(Field.INSTRUCTIONS.name);
            EmbargoInstructions.Reading reading = EmbargoInstructions.read(instructions);
            if (reading instanceof EmbargoInstructions.Until until) {
                embargoUntil = until.at();
                finalProvenance.put("embargoUntil", from);
            } else if (reading instanceof EmbargoInstructions.Unreadable unreadable) {
                withheld = UNREADABLE_EMBARGO;
                finalProvenance.put("withheld", from);
                warnings = append(warnings, "the embargo in the instructions could not be read: " + unreadable.why());
            }
        }
        return ImageMetadata.builder()
                .width(integer(v, "width")).height(integer(v, "height")).orientation(integer(v, "orientation"))
                .creator(cleaned.list(Field.CREATOR)).creatorJobTitle(cleaned.text(Field.CREATOR_JOB_TITLE))
                .credit(cleaned.text(Field.CREDIT)).creditLine(creditLine).source(cleaned.text(Field.SOURCE))
                .copyright(cleaned.text(Field.COPYRIGHT)).usageTerms(cleaned.text(Field.USAGE_TERMS))
                .webStatement(cleaned.text(Field.WEB_STATEMENT)).licensorUrl(cleaned.text(Field.LICENSOR_URL))
                .instructions(cleaned.text(Field.INSTRUCTIONS)).embargoUntil(embargoUntil).withheld(withheld)
                .description(cleaned.text(Field.DESCRIPTION))
                .headline(cleaned.text(Field.HEADLINE)).title(cleaned.text(Field.TITLE))
                .keywords(cleaned.list(Field.KEYWORDS))
                .city(cleaned.text(Field.CITY)).state(cleaned.text(Field.STATE)).country(cleaned.text(Field.COUNTRY))
                .countryCode(cleaned.text(Field.COUNTRY_CODE)).location(cleaned.text(Field.LOCATION))
                .altText(cleaned.text(Field.ALT_TEXT)).digitalSourceType(cleaned.text(Field.DIGITAL_SOURCE_TYPE))
                .dateTaken(cleaned.text(Field.DATE_TAKEN))
                .make(cleaned.text(Field.MAKE)).model(cleaned.text(Field.MODEL)).lens(cleaned.text(Field.LENS))
                .exposureTime(cleaned.text(Field.EXPOSURE_TIME)).fNumber(decimal(v, Field.F_NUMBER.name))
                .iso(integer(v, Field.ISO.name)).focalLength(decimal(v, Field.FOCAL_LENGTH.name))
                .gpsLatitude(decimal(v, "gpsLatitude")).gpsLongitude(decimal(v, "gpsLongitude"))
                .iccProfile((String) v.get("iccProfile")).rating(integer(v, Field.RATING.name))
                .raw(values).provenance(finalProvenance).warnings(warnings)
                .build();
    }

    private static List<String> append(List<String> warnings, String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return all;
    }

    private static Integer integer(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number n ? n.intValue() : null;
    }

    private static Double decimal(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number n ? n.doubleValue() : null;
    }
}
