package media.archive.processor.metadata;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XMP candidates: Dublin Core ({@code dc:creator}, {@code dc:description}, {@code dc:rights},
 * {@code dc:title}, {@code dc:subject}), Photoshop ({@code photoshop:Credit}, {@code Source},
 * {@code Headline}, {@code City}, {@code State}, {@code Country}, {@code DateCreated}), IPTC Core
 * {@code Iptc4xmpCore:Location}, and the camera as {@code tiff:Make}/{@code tiff:Model} and the lens;
 * the rights' usage terms, IPTC Core's country code and alt text, IPTC Extension's digital source
 * type, the exposure as {@code exif:} properties and the rating ({@code xmp:Rating}).
 */
final class XmpCandidates {
    private XmpCandidates() {
    }

    static void collect(Metadata metadata, Candidates out, Warnings warnings) {
        XMPMeta xmp = null;
        for (XmpDirectory directory : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            xmp = directory.getXMPMeta();
            if (xmp != null) {
                break;
            }
        }
        if (xmp == null) {
            return;
        }
        Properties p = new Properties(xmp, warnings);
        out.list(Field.CREATOR, Origin.XMP, p.array(XMPConst.NS_DC, "creator"), "dc:creator");
        out.text(Field.DESCRIPTION, Origin.XMP, p.langAlt(XMPConst.NS_DC, "description", CleanText::paragraphs), "dc:description");
        out.text(Field.COPYRIGHT, Origin.XMP, p.langAlt(XMPConst.NS_DC, "rights", CleanText::line), "dc:rights");
        out.text(Field.TITLE, Origin.XMP, p.langAlt(XMPConst.NS_DC, "title", CleanText::line), "dc:title");
        out.list(Field.KEYWORDS, Origin.XMP, p.array(XMPConst.NS_DC, "subject"), "dc:subject");
        out.text(Field.CREDIT, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "Credit"), "photoshop:Credit");
        out.text(Field.SOURCE, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "Source"), "photoshop:Source");
        out.text(Field.HEADLINE, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "Headline"), "photoshop:Headline");
        out.text(Field.CITY, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "City"), "photoshop:City");
        out.text(Field.STATE, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "State"), "photoshop:State");
        out.text(Field.COUNTRY, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "Country"), "photoshop:Country");
        out.text(Field.LOCATION, Origin.XMP, p.simple(XMPConst.NS_IPTCCORE, "Location"), "Iptc4xmpCore:Location");
        out.text(Field.DATE_TAKEN, Origin.XMP, xmpDate(p.simple(XMPConst.NS_PHOTOSHOP, "DateCreated"), warnings), "photoshop:DateCreated");
        out.text(Field.CREATOR_JOB_TITLE, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "AuthorsPosition"), "photoshop:AuthorsPosition");
        out.text(Field.INSTRUCTIONS, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "Instructions"), "photoshop:Instructions");
        out.text(Field.USAGE_TERMS, Origin.XMP, p.langAlt(XMPConst.NS_XMP_RIGHTS, "UsageTerms", CleanText::paragraphs), "xmpRights:UsageTerms");
        out.text(Field.WEB_STATEMENT, Origin.XMP, p.simple(XMPConst.NS_XMP_RIGHTS, "WebStatement"), "xmpRights:WebStatement");
        out.text(Field.LICENSOR_URL, Origin.XMP, p.firstStructField(NS_PLUS, "Licensor", "LicensorURL"), "plus:LicensorURL");
        out.text(Field.COUNTRY_CODE, Origin.XMP, p.simple(XMPConst.NS_IPTCCORE, "CountryCode"), "Iptc4xmpCore:CountryCode");
        out.text(Field.ALT_TEXT, Origin.XMP, p.langAlt(XMPConst.NS_IPTCCORE, "AltTextAccessibility", CleanText::paragraphs), "Iptc4xmpCore:AltTextAccessibility");
        out.text(Field.DIGITAL_SOURCE_TYPE, Origin.XMP, p.simple(NS_IPTC_EXT, "DigitalSourceType"), "Iptc4xmpExt:DigitalSourceType");
        out.text(Field.EXPOSURE_TIME, Origin.XMP, exposureTime(p.simple(XMPConst.NS_EXIF, "ExposureTime")), "exif:ExposureTime");
        out.number(Field.F_NUMBER, Origin.XMP, rational(p.simple(XMPConst.NS_EXIF, "FNumber")), "exif:FNumber");
        out.number(Field.FOCAL_LENGTH, Origin.XMP, rational(p.simple(XMPConst.NS_EXIF, "FocalLength")), "exif:FocalLength");
        List<String> iso = p.array(XMPConst.NS_EXIF, "ISOSpeedRatings");
        out.number(Field.ISO, Origin.XMP, iso.isEmpty() ? null : integer(iso.get(0), 1, 10_000_000), "exif:ISOSpeedRatings");
        out.number(Field.RATING, Origin.XMP, integer(p.simple(XMPConst.NS_XMP, "Rating"), -1, 5), "xmp:Rating");
        out.text(Field.MAKE, Origin.XMP, p.simple(XMPConst.NS_TIFF, "Make"), "tiff:Make");
        out.text(Field.MODEL, Origin.XMP, p.simple(XMPConst.NS_TIFF, "Model"), "tiff:Model");
        out.text(Field.LENS, Origin.XMP, p.simple(XMPConst.NS_EXIFX, "LensModel"), "exifEX:LensModel");
        out.text(Field.LENS, Origin.XMP, p.simple(XMPConst.NS_EXIF_AUX, "Lens"), "aux:Lens");
    }

    /** The PLUS licensing schema, home of the licensor (not among XMPCore's constants). */
    static final String NS_PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
    /** IPTC Extension schema, home of the digital source type (not among XMPCore's constants). */
    static final String NS_IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    /** An XMP date: "YYYY", "YYYY-MM", "YYYY-MM-DD" or with "Thh:mm[:ss[.s]]" and an optional offset. */
    private static final Pattern XMP_DATE = Pattern.compile(
            "(\\d{4}(?:-\\d{2}(?:-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?)?)?)\\s*(Z|[+-]\\d{2}:?\\d{2})?");

    /** An XMP date as ISO-8601; some writers put a space before the offset, or none at all in it. */
    static String xmpDate(String raw, Warnings warnings) {
        if (raw == null) {
            return null;
        }
        Matcher m = XMP_DATE.matcher(raw);
        if (!m.matches() || raw.startsWith("0000") || raw.startsWith("0001")) {
            warnings.add("XMP photoshop:DateCreated '" + raw + "' is not a date; ignored");
            return null;
        }
        String offset = m.group(2);
        if (offset == null || !m.group(1).contains("T")) {
            return m.group(1);
        }
        if (offset.length() == 5) {
            offset = offset.substring(0, 3) + ":" + offset.substring(3);
        }
        return m.group(1) + (offset.equals("Z") ? "Z" : offset);
    }

    /** "1/250" or "0.004" as photographers write it, or null. */
    private static String exposureTime(String raw) {
        Double seconds = rational(raw);
        if (seconds == null) {
            return null;
        }
        return ExifCandidates.exposureTime(new com.drew.lang.Rational(Math.round(seconds * 1_000_000), 1_000_000));
    }

    /** An XMP rational ("28/10") or decimal as a positive number rounded to two decimals, or null. */
    static Double rational(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int slash = raw.indexOf('/');
            double value = slash < 0 ? Double.parseDouble(raw)
                    : Double.parseDouble(raw.substring(0, slash)) / Double.parseDouble(raw.substring(slash + 1));
            return value > 0 && Double.isFinite(value) ? Math.round(value * 100) / 100.0 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String raw, int min, int max) {
        if (raw == null) {
            return null;
        }
        try {
            int value = (int) Math.round(Double.parseDouble(raw));
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads properties, turning each malformed one into a warning rather than an error. */
    private static final class Properties {
        private final XMPMeta xmp;
        private final Warnings warnings;

        Properties(XMPMeta xmp, Warnings warnings) {
            this.xmp = xmp;
            this.warnings = warnings;
        }

        String simple(String namespace, String name) {
            try {
                return CleanText.line(xmp.getPropertyString(namespace, name));
            } catch (XMPException | RuntimeException e) {
                warnings.add("XMP " + name + " unreadable: " + e.getMessage());
                return null;
            }
        }

        /**
         * A field of the first struct of an array ({@code plus:Licensor[1]/plus:LicensorURL}), the
         * field in the array's namespace; whatever prefix the file gave that namespace.
         */
        String firstStructField(String namespace, String array, String field) {
            try {
                if (XMPMetaFactory.getSchemaRegistry().getNamespacePrefix(namespace) == null) {
                    return null; // the file never names the namespace, so it has no such field
                }
                XMPProperty value = xmp.getStructField(namespace, array + "[1]", namespace, field);
                return value == null ? null : CleanText.line(value.getValue());
            } catch (XMPException | RuntimeException e) {
                warnings.add("XMP " + array + "/" + field + " unreadable: " + e.getMessage());
                return null;
            }
        }

        /** A language alternative: the x-default text, else the first language present. */
        String langAlt(String namespace, String name, UnaryOperator<String> cleaner) {
            try {
                XMPProperty text = xmp.getLocalizedText(namespace, name, null, XMPConst.X_DEFAULT);
                if (text != null) {
                    return cleaner.apply(text.getValue());
                }
                // Some writers store a plain string where the schema wants a language alternative.
                return cleaner.apply(xmp.getPropertyString(namespace, name));
            } catch (XMPException | RuntimeException e) {
                warnings.add("XMP " + name + " unreadable: " + e.getMessage());
                return null;
            }
        }

        /** An ordered or unordered array; a plain string (a common writer mistake) counts as one item. */
        List<String> array(String namespace, String name) {
            try {
                XMPProperty property = xmp.getProperty(namespace, name);
                if (property == null) {
                    return List.of();
                }
                if (!property.getOptions().isArray()) {
                    String single = CleanText.line(property.getValue());
                    return single == null ? List.of() : List.of(single);
                }
                int count = xmp.countArrayItems(namespace, name);
                List<String> items = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    XMPProperty item = xmp.getArrayItem(namespace, name, i);
                    String value = item == null ? null : CleanText.line(item.getValue());
                    if (value != null) {
                        items.add(value);
                    }
                }
                return items;
            } catch (XMPException | RuntimeException e) {
                warnings.add("XMP " + name + " unreadable: " + e.getMessage());
                return List.of();
            }
        }
    }
}
