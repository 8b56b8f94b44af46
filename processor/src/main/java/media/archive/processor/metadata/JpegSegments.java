package media.archive.processor.metadata;

import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.SequentialReader;
import com.drew.lang.StreamReader;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.icc.IccReader;
import com.drew.metadata.iptc.IptcReader;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.photoshop.PhotoshopReader;
import com.drew.metadata.xmp.XmpReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the segments of a JPEG that hold what the archive needs, and nothing else: the frame
 * header (size), APP1 (EXIF, XMP), APP2 (ICC) and APP13 (Photoshop resources with IPTC-IIM). The
 * reader stops at the start of the image data, so a 30 MB photo costs only its first kilobytes.
 *
 * <p>An XMP packet that declares a DOCTYPE is dropped before any XML parser sees it: XMP never
 * needs one, and a DOCTYPE is how external entities (a file read off the server, a request to
 * another host) get into XML.
 */
final class JpegSegments {
    /** The metadata-extractor readers of those segments. */
    static final List<JpegSegmentMetadataReader> READERS = List.of(
            new JpegReader(), new ExifReader(), new XmpReader(), new IccReader(), new PhotoshopReader(), new IptcReader());

    private static final Set<JpegSegmentType> TYPES = new LinkedHashSet<>();
    private static final byte[] XMP_PREAMBLE = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    /** Extended XMP (XMP specification part 3, 1.1.3.1): the rest of a packet too large for one segment. */
    private static final byte[] EXTENDED_XMP_PREAMBLE = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);

    static {
        for (JpegSegmentMetadataReader reader : READERS) {
            reader.getSegmentTypes().forEach(TYPES::add);
        }
    }

    private JpegSegments() {
    }

    static JpegSegmentData read(InputStream in, Warnings warnings) throws JpegProcessingException, IOException {
        JpegSegmentData segments = readTolerantly(new StreamReader(in), warnings);
        List<Integer> hostile = new ArrayList<>();
        List<Integer> xmp = new ArrayList<>();
        int tags = 0;
        int index = 0;
        for (byte[] segment : segments.getSegments(JpegSegmentType.APP1)) {
            boolean main = startsWith(segment, XMP_PREAMBLE);
            if (main && declaresDoctype(segment)) {
                hostile.add(index);
            } else if (main || startsWith(segment, EXTENDED_XMP_PREAMBLE)) {
                xmp.add(index);
                tags += XmpLimits.tags(segment, 0);
            }
            index++;
        }
        if (tags > XmpLimits.MAX_TAGS) {
            // The packet and its extensions are one XML document: all of it goes, or none.
            hostile.addAll(xmp);
            hostile.sort(null);
            warnings.add(XmpLimits.warning("packet", tags));
        }
        for (int i = hostile.size() - 1; i >= 0; i--) {
            byte[] segment = segments.getSegment(JpegSegmentType.APP1, hostile.get(i));
            if (declaresDoctype(segment)) {
                warnings.add("XMP packet with a DOCTYPE or entity declaration ignored; XMP never needs one");
            }
            segments.removeSegmentOccurrence(JpegSegmentType.APP1, hostile.get(i));
        }
        return segments;
    }

    /**
     * metadata-extractor's segment loop, except that a file cut short or a broken segment length
     * keeps the segments read before it (with a warning) instead of losing them all.
     */
    private static JpegSegmentData readTolerantly(SequentialReader reader, Warnings warnings)
            throws JpegProcessingException, IOException {
        if (reader.getUInt16() != 0xFFD8) {
            throw new JpegProcessingException("JPEG data does not begin with 0xFFD8");
        }
        Set<Byte> wanted = new HashSet<>();
        TYPES.forEach(t -> wanted.add(t.byteValue));
        JpegSegmentData segments = new JpegSegmentData();
        try {
            while (true) {
                // A marker is 0xFF followed by a byte other than 0x00 and 0xFF (fill bytes may precede it).
                byte identifier = reader.getInt8();
                byte type = reader.getInt8();
                while (identifier != (byte) 0xFF || type == (byte) 0xFF || type == 0) {
                    identifier = type;
                    type = reader.getInt8();
                }
                if (type == (byte) 0xDA || type == (byte) 0xD9) {
                    // Start of scan: the image data follows, and no metadata after it is read.
                    return segments;
                }
                int length = reader.getUInt16() - 2;
                if (length < 0) {
                    warnings.add("JPEG segment with a length below zero; metadata after it not read");
                    return segments;
                }
                if (wanted.contains(type)) {
                    segments.addSegment(type, reader.getBytes(length));
                } else if (!reader.trySkip(length)) {
                    return segments;
                }
            }
        } catch (EOFException e) {
            warnings.add("the file ends inside its metadata; what came before is read");
            return segments;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the packet has "<!DOCTYPE" or "<!ENTITY" in it, in any case, in UTF-8 or UTF-16. */
    static boolean declaresDoctype(byte[] segment) {
        String latin = new String(segment, StandardCharsets.ISO_8859_1).replace("\0", "").toUpperCase(java.util.Locale.ROOT);
        return latin.contains("<!DOCTYPE") || latin.contains("<!ENTITY");
    }
}
