package media.archive.processor.metadata;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The XMP candidates: Dublin Core ({@code dc:creator}, {@code dc:description}, {@code dc:rights},
 * {@code dc:title}, {@code dc:subject}), Photoshop ({@code photoshop:Credit}, {@code Source},
 * {@code Headline}, {@code City}, {@code State}, {@code Country}, {@code DateCreated}), IPTC Core
 * {@code Iptc4xmpCore:Location}, and the camera as {@code tiff:Make}/{@code tiff:Model} and the lens.
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
        out.text(Field.DATE_TAKEN, Origin.XMP, p.simple(XMPConst.NS_PHOTOSHOP, "DateCreated"), "photoshop:DateCreated");
        out.text(Field.MAKE, Origin.XMP, p.simple(XMPConst.NS_TIFF, "Make"), "tiff:Make");
        out.text(Field.MODEL, Origin.XMP, p.simple(XMPConst.NS_TIFF, "Model"), "tiff:Model");
        out.text(Field.LENS, Origin.XMP, p.simple(XMPConst.NS_EXIFX, "LensModel"), "exifEX:LensModel");
        out.text(Field.LENS, Origin.XMP, p.simple(XMPConst.NS_EXIF_AUX, "Lens"), "aux:Lens");
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
