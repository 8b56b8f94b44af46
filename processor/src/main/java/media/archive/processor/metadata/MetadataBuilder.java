package media.archive.processor.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageMetadata;

/** Collects one image's values with the provenance of each, then freezes them. Not thread-safe. */
final class MetadataBuilder {
    private Integer width;
    private Integer height;
    private Integer orientation;
    private Double gpsLatitude;
    private Double gpsLongitude;
    private String iccProfile;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();

    MetadataBuilder size(int width, int height, String tag) {
        this.width = width;
        this.height = height;
        provenance.put("width", tag);
        provenance.put("height", tag.replace("Width", "Height"));
        return this;
    }

    MetadataBuilder orientation(Integer orientation) {
        this.orientation = orientation;
        if (orientation != null) {
            provenance.put("orientation", "EXIF:Orientation");
        }
        return this;
    }

    MetadataBuilder position(double latitude, double longitude) {
        this.gpsLatitude = latitude;
        this.gpsLongitude = longitude;
        provenance.put("gpsLatitude", "EXIF:GPSLatitude");
        provenance.put("gpsLongitude", "EXIF:GPSLongitude");
        return this;
    }

    MetadataBuilder iccProfile(String description) {
        this.iccProfile = description;
        if (description != null) {
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

    /** Sets a field from a source outside the file, such as the upload form ({@code upload:caption}). */
    <T> MetadataBuilder override(Field<T> field, T value, String tag) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            values.put(field.name, value);
            provenance.put(field.name, tag);
        }
        return this;
    }

    ImageMetadata build(List<String> warnings) {
        return ImageMetadata.builder()
                .width(width).height(height).orientation(orientation)
                .creator(list(Field.CREATOR)).credit(text(Field.CREDIT)).source(text(Field.SOURCE))
                .copyright(text(Field.COPYRIGHT)).description(text(Field.DESCRIPTION))
                .headline(text(Field.HEADLINE)).title(text(Field.TITLE)).keywords(list(Field.KEYWORDS))
                .city(text(Field.CITY)).state(text(Field.STATE)).country(text(Field.COUNTRY))
                .location(text(Field.LOCATION)).dateTaken(text(Field.DATE_TAKEN))
                .make(text(Field.MAKE)).model(text(Field.MODEL)).lens(text(Field.LENS))
                .gpsLatitude(gpsLatitude).gpsLongitude(gpsLongitude).iccProfile(iccProfile)
                .provenance(provenance).warnings(warnings)
                .build();
    }

    private String text(Field<String> field) {
        return (String) values.get(field.name);
    }

    @SuppressWarnings("unchecked") // list fields only ever receive lists, see Field's type parameter
    private List<String> list(Field<List<String>> field) {
        return (List<String>) values.get(field.name);
    }
}
