package media.archive.metadata.writer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An IPTC-IIM block (<a href="https://iptc.org/std/IIM/4.2/specification/IIMV4.2.pdf">IIM 4.2</a>),
 * the data of Photoshop image resource 0x0404: the file's datasets with the archive's replacing
 * its own ones. Datasets that are not ours are kept (binary ones byte for byte), in ascending
 * record and dataset order as IIM asks; the block declares UTF-8 (1:90 = ESC % G), and kept texts
 * of an older character set are carried over into UTF-8 (valid UTF-8 stays, anything else is read
 * as Windows-1252, as the processor reads it).
 *
 * <p>Commons Imaging's own IIM writer is not used: it drops the envelope record, re-encodes
 * binary datasets as text, sorts datasets in descending order and writes record version 2.
 */
final class IimBlock {
    private static final int TAG_MARKER = 0x1c;
    /** 1:90 CodedCharacterSet: ESC % G is UTF-8 (ISO 2022 escape sequence for ISO 10646 level 3). */
    private static final byte[] UTF8_DECLARATION = {0x1b, '%', 'G'};
    /** 2:00 ApplicationRecordVersion 4, the IIM 4 record version ExifTool and Photoshop write. */
    private static final byte[] RECORD_VERSION = {0, 4};
    /** Record 2 datasets whose bytes are not text: version, rasterized caption, object preview. */
    private static final Set<Integer> BINARY = Set.of(0, 125, 200, 201, 202);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    static final int SPECIAL_INSTRUCTIONS = 40;
    static final int BY_LINE = 80;
    static final int HEADLINE = 105;
    static final int CREDIT = 110;
    static final int COPYRIGHT_NOTICE = 116;
    static final int CAPTION = 120;
    /** Ours: the datasets the archive writes, each with its IIM length limit in bytes. */
    private static final int[][] OURS = {
            {SPECIAL_INSTRUCTIONS, 256}, {BY_LINE, 32}, {HEADLINE, 256}, {CREDIT, 32}, {COPYRIGHT_NOTICE, 128}, {CAPTION, 2000}};

    /** One dataset: record, dataset number, and its bytes. */
    record DataSet(int record, int number, byte[] value) {
    }

    private IimBlock() {
    }

    /**
     * The IIM data to write: {@code old}'s datasets that are not ours (null or empty when the file
     * has none) and the archive's {@code fields}, each cut to its dataset's length limit.
     */
    static byte[] merge(byte[] old, WrittenMetadata fields) {
        List<DataSet> datasets = old == null ? List.of() : parse(old);
        boolean oldIsUtf8 = datasets.stream()
                .anyMatch(d -> d.record() == 1 && d.number() == 90 && declaresUtf8(d.value()));
        List<DataSet> merged = new ArrayList<>();
        merged.add(new DataSet(1, 90, UTF8_DECLARATION));
        boolean hasVersion = false;
        for (DataSet d : datasets) {
            if (d.record() == 1 && d.number() == 90 || d.record() == 2 && isOurs(d.number())) {
                continue;
            }
            if (d.record() == 2 && d.number() == 0) {
                if (hasVersion) {
                    continue;
                }
                hasVersion = true;
            }
            boolean text = d.record() == 2 && !BINARY.contains(d.number());
            merged.add(text && !oldIsUtf8 ? new DataSet(2, d.number(), toUtf8(d.value())) : d);
        }
        if (!hasVersion) {
            merged.add(new DataSet(2, 0, RECORD_VERSION));
        }
        add(merged, SPECIAL_INSTRUCTIONS, fields.instructions());
        for (String creator : fields.creators()) {
            add(merged, BY_LINE, creator);
        }
        add(merged, HEADLINE, fields.headline());
        add(merged, CREDIT, fields.credit());
        add(merged, COPYRIGHT_NOTICE, fields.copyright());
        add(merged, CAPTION, fields.description());
        // A stable sort: repeated datasets (By-line, Keywords) keep their order.
        merged.sort(Comparator.comparingInt(DataSet::record).thenComparingInt(DataSet::number));
        return encode(merged);
    }

    /** The datasets of {@code block}, up to the first byte that does not start one (padding, damage). */
    static List<DataSet> parse(byte[] block) {
        List<DataSet> datasets = new ArrayList<>();
        int at = 0;
        while (at + 5 <= block.length && (block[at] & 0xff) == TAG_MARKER) {
            int record = block[at + 1] & 0xff;
            int number = block[at + 2] & 0xff;
            int length = (block[at + 3] & 0xff) << 8 | block[at + 4] & 0xff;
            at += 5;
            if ((length & 0x8000) != 0) {
                // Extended dataset: the low 15 bits count the bytes that hold the length.
                int lengthBytes = length & 0x7fff;
                if (lengthBytes > 4 || at + lengthBytes > block.length) {
                    break;
                }
                long extended = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    extended = extended << 8 | block[at + i] & 0xff;
                }
                at += lengthBytes;
                if (extended > block.length - at) {
                    break;
                }
                length = (int) extended;
            }
            if (length > block.length - at) {
                break;
            }
            datasets.add(new DataSet(record, number, Arrays.copyOfRange(block, at, at + length)));
            at += length;
        }
        return datasets;
    }

    /**
     * {@code text} as UTF-8 cut to at most {@code limit} bytes, at the end of a user-perceived
     * character: a Bengali consonant keeps its vowel sign and a conjunct stays whole, an emoji its
     * modifier. Java 17's {@link BreakIterator} predates extended grapheme clusters (it splits
     * spacing vowel signs such as U+09BF from their consonant), so its boundaries are checked
     * again here.
     */
    static byte[] truncated(String text, int limit) {
        byte[] whole = text.getBytes(StandardCharsets.UTF_8);
        if (whole.length <= limit) {
            return whole;
        }
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        int bytes = 0;
        int cut = 0;
        for (int start = characters.first(), end = characters.next(); end != BreakIterator.DONE;
                start = end, end = characters.next()) {
            bytes += text.substring(start, end).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limit) {
                break;
            }
            if (end == text.length() || mayCut(text, end)) {
                cut = end;
            }
        }
        return text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a cut before {@code text.charAt(at)} leaves both sides whole characters. */
    private static boolean mayCut(String text, int at) {
        int next = text.codePointAt(at);
        int type = Character.getType(next);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
                || next == 0x200c || next == 0x200d || next >= 0x1f3fb && next <= 0x1f3ff) {
            return false;
        }
        int previous = text.codePointBefore(at);
        if (previous == 0x200d) {
            return false; // a zero-width joiner binds emoji sequences and Indic half forms
        }
        // A virama (halant) joins the consonants around it into one conjunct.
        return Character.getType(previous) != Character.NON_SPACING_MARK
                || !Character.getName(previous).contains("VIRAMA");
    }

    private static void add(List<DataSet> datasets, int number, String value) {
        if (value != null) {
            datasets.add(new DataSet(2, number, truncated(value, limit(number))));
        }
    }

    static int limit(int number) {
        for (int[] ours : OURS) {
            if (ours[0] == number) {
                return ours[1];
            }
        }
        throw new IllegalArgumentException("not a dataset of ours: 2:" + number);
    }

    private static boolean isOurs(int number) {
        for (int[] ours : OURS) {
            if (ours[0] == number) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresUtf8(byte[] value) {
        // Some writers put spaces between the bytes of the escape sequence.
        byte[] compact = new String(value, StandardCharsets.ISO_8859_1).replace(" ", "").getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.equals(compact, UTF8_DECLARATION);
    }

    private static byte[] toUtf8(byte[] legacy) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(legacy));
            return legacy;
        } catch (CharacterCodingException notUtf8) {
            return new String(legacy, WINDOWS_1252).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] encode(List<DataSet> datasets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DataSet d : datasets) {
            out.write(TAG_MARKER);
            out.write(d.record());
            out.write(d.number());
            int length = d.value().length;
            if (length < 0x8000) {
                out.write(length >> 8);
                out.write(length);
            } else {
                // Extended dataset (only kept binary ones grow this large): four length bytes.
                out.write(0x80);
                out.write(4);
                out.write(length >>> 24);
                out.write(length >> 16);
                out.write(length >> 8);
                out.write(length);
            }
            out.writeBytes(d.value());
        }
        return out.toByteArray();
    }
}
