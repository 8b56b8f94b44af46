package media.archive.processor.metadata;

import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The EXIF candidates: IFD0's Artist, ImageDescription, Copyright, Make and Model; the Exif IFD's date and lens. */
final class ExifCandidates {
    /** EXIF DateTimeOriginal: "YYYY:MM:DD HH:MM:SS" (colons in the date, by the standard). */
    private static final Pattern EXIF_DATE = Pattern.compile("(\\d{4})[:-](\\d{2})[:-](\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})");
    /** EXIF 2.31 OffsetTimeOriginal: "+HH:MM" or "-HH:MM". */
    private static final Pattern EXIF_OFFSET = Pattern.compile("[+-]\\d{2}:\\d{2}");

    private ExifCandidates() {
    }

    static void collect(Metadata metadata, Candidates out, Warnings warnings) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 != null) {
            String make = CleanText.line(text(ifd0, ExifDirectoryBase.TAG_MAKE));
            out.text(Field.MAKE, Origin.EXIF, make, "Make");
            out.text(Field.MODEL, Origin.EXIF, CleanText.line(text(ifd0, ExifDirectoryBase.TAG_MODEL)), "Model");
            out.list(Field.CREATOR, Origin.EXIF, artists(text(ifd0, ExifDirectoryBase.TAG_ARTIST)), "Artist");
            out.text(Field.COPYRIGHT, Origin.EXIF, CleanText.line(text(ifd0, ExifDirectoryBase.TAG_COPYRIGHT)), "Copyright");
            String description = CleanText.paragraphs(text(ifd0, ExifDirectoryBase.TAG_IMAGE_DESCRIPTION));
            if (description != null && CleanText.isCameraDefault(description, make)) {
                warnings.add("EXIF ImageDescription '" + description + "' is a camera default; ignored");
            } else {
                out.text(Field.DESCRIPTION, Origin.EXIF, description, "ImageDescription");
            }
        }
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null) {
            out.text(Field.LENS, Origin.EXIF, CleanText.line(text(exif, ExifDirectoryBase.TAG_LENS_MODEL)), "LensModel");
            out.text(Field.DATE_TAKEN, Origin.EXIF, dateTaken(exif, warnings), "DateTimeOriginal");
        }
    }

    /**
     * EXIF Artist holds one string; MWG stores several creators in it separated by "; ", quoting
     * a name that itself contains a semicolon.
     */
    static List<String> artists(String raw) {
        String text = CleanText.line(raw);
        if (text == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                names.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        names.add(current.toString().strip());
        return names.stream().filter(n -> !n.isEmpty()).toList();
    }

    /** DateTimeOriginal as ISO-8601, with sub-seconds and the offset when the camera wrote them. */
    private static String dateTaken(ExifSubIFDDirectory exif, Warnings warnings) {
        String raw = CleanText.line(text(exif, ExifDirectoryBase.TAG_DATETIME_ORIGINAL));
        if (raw == null) {
            return null;
        }
        Matcher m = EXIF_DATE.matcher(raw);
        if (!m.matches() || m.group(1).equals("0000")) {
            warnings.add("EXIF DateTimeOriginal '" + raw + "' is not a date; ignored");
            return null;
        }
        StringBuilder iso = new StringBuilder()
                .append(m.group(1)).append('-').append(m.group(2)).append('-').append(m.group(3))
                .append('T').append(m.group(4)).append(':').append(m.group(5)).append(':').append(m.group(6));
        String subSeconds = CleanText.line(text(exif, ExifDirectoryBase.TAG_SUBSECOND_TIME_ORIGINAL));
        if (subSeconds != null && subSeconds.matches("\\d{1,9}")) {
            iso.append('.').append(subSeconds);
        }
        String offset = CleanText.line(text(exif, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL));
        if (offset != null) {
            if (EXIF_OFFSET.matcher(offset).matches()) {
                iso.append(offset);
            } else {
                warnings.add("EXIF OffsetTimeOriginal '" + offset + "' is not an offset; ignored");
            }
        }
        return iso.toString();
    }

    /** The tag's text; EXIF declares no character set, so its bytes are decoded like undeclared IPTC. */
    private static String text(Directory directory, int tag) {
        StringValue value = directory.getStringValue(tag);
        if (value != null) {
            return TextDecoding.decode(value.getBytes(), null).text();
        }
        return directory.getString(tag);
    }
}
