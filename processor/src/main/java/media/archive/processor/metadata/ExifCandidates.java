package media.archive.processor.metadata;

import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EXIF candidates: IFD0's Artist, ImageDescription, Copyright, Make, Model and Rating; the Exif
 * IFD's date, lens and exposure. Windows' UTF-16 "XP" tags and the UserComment are not MWG sources:
 * they count only where no EXIF, IPTC or XMP value exists ({@link Origin#FALLBACK}).
 */
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
            out.text(Field.EXPOSURE_TIME, Origin.EXIF, exposureTime(exif.getRational(ExifDirectoryBase.TAG_EXPOSURE_TIME)), "ExposureTime");
            out.number(Field.F_NUMBER, Origin.EXIF, positive(exif.getRational(ExifDirectoryBase.TAG_FNUMBER)), "FNumber");
            out.number(Field.FOCAL_LENGTH, Origin.EXIF, positive(exif.getRational(ExifDirectoryBase.TAG_FOCAL_LENGTH)), "FocalLength");
            Integer iso = exif.getInteger(ExifDirectoryBase.TAG_ISO_EQUIVALENT);
            out.number(Field.ISO, Origin.EXIF, iso != null && iso > 0 ? iso : null, "ISO");
            byte[] comment = exif.getByteArray(ExifDirectoryBase.TAG_USER_COMMENT);
            if (comment != null) {
                TextDecoding.Decoded decoded = TextDecoding.userComment(comment);
                if (decoded.problem() != null) {
                    warnings.add("EXIF UserComment " + decoded.problem());
                }
                String text = CleanText.paragraphs(decoded.text());
                if (text != null && !CleanText.isCameraDefault(text, null)) {
                    out.text(Field.DESCRIPTION, Origin.FALLBACK, text, "UserComment");
                }
            }
        }
        if (ifd0 != null) {
            Integer rating = ifd0.getInteger(ExifDirectoryBase.TAG_RATING);
            out.number(Field.RATING, Origin.EXIF, rating != null && rating >= -1 && rating <= 5 ? rating : null, "Rating");
            // Windows Explorer's own tags, UTF-16LE: used only where no MWG source has a value.
            out.list(Field.CREATOR, Origin.FALLBACK, artists(xp(ifd0, ExifDirectoryBase.TAG_WIN_AUTHOR)), "XPAuthor");
            out.text(Field.TITLE, Origin.FALLBACK, CleanText.line(xp(ifd0, ExifDirectoryBase.TAG_WIN_TITLE)), "XPTitle");
            out.text(Field.DESCRIPTION, Origin.FALLBACK, CleanText.paragraphs(xp(ifd0, ExifDirectoryBase.TAG_WIN_COMMENT)), "XPComment");
            String keywords = xp(ifd0, ExifDirectoryBase.TAG_WIN_KEYWORDS);
            if (keywords != null) {
                out.list(Field.KEYWORDS, Origin.FALLBACK,
                        java.util.Arrays.stream(keywords.split(";")).map(CleanText::line).toList(), "XPKeywords");
            }
        }
    }

    private static String xp(Directory directory, int tag) {
        byte[] bytes = directory.getByteArray(tag);
        return bytes == null ? null : TextDecoding.utf16le(bytes);
    }

    /** A shutter speed as photographers write it: "1/250" below a quarter second, "0.5" or "2" above. */
    static String exposureTime(Rational time) {
        if (time == null || time.getNumerator() <= 0 || time.getDenominator() <= 0) {
            return null;
        }
        double seconds = time.doubleValue();
        if (seconds < 0.25001) {
            return "1/" + Math.round(1 / seconds);
        }
        BigDecimal decimal = BigDecimal.valueOf(seconds).round(new MathContext(2)).stripTrailingZeros();
        return decimal.toPlainString();
    }

    private static Double positive(Rational value) {
        if (value == null || value.getDenominator() == 0) {
            return null;
        }
        double d = value.doubleValue();
        return d > 0 && Double.isFinite(d) ? Math.round(d * 100) / 100.0 : null;
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
