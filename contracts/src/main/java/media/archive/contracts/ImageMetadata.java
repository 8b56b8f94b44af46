package media.archive.contracts;

import java.util.List;
import java.util.Map;

/**
 * What the processor read from an image: its pixels' size and the credits, captions and camera
 * data embedded as EXIF, IPTC and XMP, with values supplied at upload applied on top.
 *
 * <p>{@code provenance} names, per field, where the value came from ({@code EXIF:Artist},
 * {@code IPTC:By-line}, {@code XMP:dc:creator}, {@code upload:creator}); {@code warnings} lists
 * what was wrong with the file but did not stop it being processed. Dates are ISO-8601 text as
 * written in the file (with an offset only when the file has one).
 */
public record ImageMetadata(
        Integer width,
        Integer height,
        Integer orientation,
        List<String> creator,
        String credit,
        String source,
        String copyright,
        String description,
        String headline,
        String title,
        List<String> keywords,
        String city,
        String state,
        String country,
        String location,
        String dateTaken,
        String make,
        String model,
        String lens,
        Double gpsLatitude,
        Double gpsLongitude,
        String iccProfile,
        Map<String, String> provenance,
        List<String> warnings) {

    public ImageMetadata {
        creator = creator == null ? List.of() : List.copyOf(creator);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
