package media.archive.processor.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPTC-IIM candidates (<a href="https://iptc.org/std/IIM/4.2/specification/IIMV4.2.pdf">IIM 4.2</a>,
 * application record 2). Texts are decoded from their bytes here rather than by metadata-extractor:
 * record 1:90 decides the character set when it names one; otherwise valid UTF-8 is read as UTF-8
 * and anything else as Windows-1252.
 */
final class IptcCandidates {
    /** IIM 2:55 Date Created: CCYYMMDD. */
    private static final Pattern IIM_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    /** IIM 2:60 Time Created: HHMMSS±HHMM. */
    private static final Pattern IIM_TIME = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(?:([+-]\\d{2})(\\d{2}))?");

    private IptcCandidates() {
    }

    static void collect(Metadata metadata, Candidates out, Warnings warnings) {
        List<IptcDirectory> records = new ArrayList<>(metadata.getDirectoriesOfType(IptcDirectory.class));
        // IIM belongs in Photoshop's resources (APP13 "Photoshop 3.0"); a bare IIM segment beside them
        // is a leftover of older tools, ignored as MWG's strict reading (and ExifTool) ignores it.
        List<IptcDirectory> inPhotoshop = records.stream()
                .filter(r -> r.getParent() instanceof PhotoshopDirectory).toList();
        if (!inPhotoshop.isEmpty() && inPhotoshop.size() < records.size()) {
            warnings.add("IPTC outside Photoshop's resources ignored; the block inside them is read");
            records = new ArrayList<>(inPhotoshop);
        }
        if (records.isEmpty()) {
            return;
        }
        Texts texts = new Texts(records, warnings);
        out.list(Field.CREATOR, Origin.IPTC, texts.all(IptcDirectory.TAG_BY_LINE, "By-line", CleanText::line), "By-line");
        out.text(Field.CREATOR_JOB_TITLE, Origin.IPTC, texts.line(IptcDirectory.TAG_BY_LINE_TITLE, "By-lineTitle"), "By-lineTitle");
        out.text(Field.CREDIT, Origin.IPTC, texts.line(IptcDirectory.TAG_CREDIT, "Credit"), "Credit");
        out.text(Field.SOURCE, Origin.IPTC, texts.line(IptcDirectory.TAG_SOURCE, "Source"), "Source");
        out.text(Field.COPYRIGHT, Origin.IPTC, texts.line(IptcDirectory.TAG_COPYRIGHT_NOTICE, "CopyrightNotice"), "CopyrightNotice");
        out.text(Field.INSTRUCTIONS, Origin.IPTC, texts.single(IptcDirectory.TAG_SPECIAL_INSTRUCTIONS, "SpecialInstructions", CleanText::paragraphs), "SpecialInstructions");
        out.text(Field.DESCRIPTION, Origin.IPTC, texts.single(IptcDirectory.TAG_CAPTION, "Caption-Abstract", CleanText::paragraphs), "Caption-Abstract");
        out.text(Field.HEADLINE, Origin.IPTC, texts.line(IptcDirectory.TAG_HEADLINE, "Headline"), "Headline");
        out.text(Field.TITLE, Origin.IPTC, texts.line(IptcDirectory.TAG_OBJECT_NAME, "ObjectName"), "ObjectName");
        out.list(Field.KEYWORDS, Origin.IPTC, texts.all(IptcDirectory.TAG_KEYWORDS, "Keywords", CleanText::line), "Keywords");
        out.text(Field.CITY, Origin.IPTC, texts.line(IptcDirectory.TAG_CITY, "City"), "City");
        out.text(Field.STATE, Origin.IPTC, texts.line(IptcDirectory.TAG_PROVINCE_OR_STATE, "Province-State"), "Province-State");
        out.text(Field.COUNTRY, Origin.IPTC, texts.line(IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_NAME, "Country-PrimaryLocationName"), "Country-PrimaryLocationName");
        out.text(Field.COUNTRY_CODE, Origin.IPTC, texts.line(IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_CODE, "Country-PrimaryLocationCode"), "Country-PrimaryLocationCode");
        out.text(Field.LOCATION, Origin.IPTC, texts.line(IptcDirectory.TAG_SUB_LOCATION, "Sub-location"), "Sub-location");
        out.text(Field.DATE_TAKEN, Origin.IPTC, dateCreated(texts, warnings), "DateCreated");
    }

    /** DateCreated (+ TimeCreated) as ISO-8601: "2015-04-02T15:10:41+00:00", or only the date. */
    private static String dateCreated(Texts texts, Warnings warnings) {
        String date = texts.line(IptcDirectory.TAG_DATE_CREATED, "DateCreated");
        if (date == null) {
            return null;
        }
        Matcher d = IIM_DATE.matcher(date);
        if (!d.matches() || d.group(1).equals("0000")) {
            warnings.add("IPTC DateCreated '" + date + "' is not CCYYMMDD; ignored");
            return null;
        }
        String iso = d.group(1) + "-" + d.group(2) + "-" + d.group(3);
        String time = texts.line(IptcDirectory.TAG_TIME_CREATED, "TimeCreated");
        if (time == null) {
            return iso;
        }
        Matcher t = IIM_TIME.matcher(time);
        if (!t.matches()) {
            warnings.add("IPTC TimeCreated '" + time + "' is not HHMMSS±HHMM; date kept without time");
            return iso;
        }
        iso += "T" + t.group(1) + ":" + t.group(2) + ":" + t.group(3);
        return t.group(4) == null ? iso : iso + t.group(4) + ":" + t.group(5);
    }

    /**
     * Decodes the texts of a file's IIM records (a file may hold several, read in order), each with
     * the character set it, or an earlier record, declares.
     */
    private static final class Texts {
        private final List<IptcDirectory> records;
        private final List<Charset> declared = new ArrayList<>();
        private final Warnings warnings;

        Texts(List<IptcDirectory> records, Warnings warnings) {
            this.records = records;
            this.warnings = warnings;
            Charset inherited = null;
            for (IptcDirectory record : records) {
                String named = record.getString(IptcDirectory.TAG_CODED_CHARACTER_SET);
                Charset charset = TextDecoding.charsetNamed(named);
                if (named != null && charset == null) {
                    warnings.add("IPTC CodedCharacterSet names no character set this reader knows; texts read as UTF-8 or Windows-1252");
                }
                inherited = charset != null ? charset : inherited;
                declared.add(inherited);
            }
        }

        String line(int tag, String name) {
            return single(tag, name, CleanText::line);
        }

        /**
         * A dataset IIM does not allow to repeat; when a file repeats it anyway (some writers lay
         * out empty fixed-size datasets, then append the real ones), the last non-empty one counts.
         */
        String single(int tag, String name, UnaryOperator<String> cleaner) {
            List<String> values = all(tag, name, cleaner);
            return values.isEmpty() ? null : values.get(values.size() - 1);
        }

        /** Every value of a repeatable dataset (By-line, Keywords), decoded and cleaned, in file order. */
        List<String> all(int tag, String name, UnaryOperator<String> cleaner) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                IptcDirectory record = records.get(i);
                StringValue[] raw = record.getStringValueArray(tag);
                if (raw == null) {
                    String plain = cleaner.apply(record.getString(tag));
                    if (plain != null) {
                        values.add(plain);
                    }
                    continue;
                }
                for (StringValue value : raw) {
                    TextDecoding.Decoded decoded = TextDecoding.decode(untilNul(value.getBytes()), declared.get(i));
                    if (decoded.problem() != null) {
                        warnings.add("IPTC " + name + " " + decoded.problem());
                    }
                    String cleaned = cleaner.apply(decoded.text());
                    if (cleaned != null) {
                        values.add(cleaned);
                    }
                }
            }
            return values.stream().distinct().toList();
        }

        /** IIM text never contains NUL; writers of fixed-size datasets pad with NULs, then leave garbage. */
        private static byte[] untilNul(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    return Arrays.copyOf(bytes, i);
                }
            }
            return bytes;
        }
    }
}
