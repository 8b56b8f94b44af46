package media.archive.processor.metadata;

import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.StreamReader;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.icc.IccReader;
import com.drew.metadata.iptc.IptcReader;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.photoshop.PhotoshopReader;
import com.drew.metadata.xmp.XmpReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    static {
        for (JpegSegmentMetadataReader reader : READERS) {
            reader.getSegmentTypes().forEach(TYPES::add);
        }
    }

    private JpegSegments() {
    }

    static JpegSegmentData read(InputStream in, Warnings warnings) throws JpegProcessingException, IOException {
        JpegSegmentData segments = JpegSegmentReader.readSegments(new StreamReader(in), TYPES);
        List<Integer> hostile = new ArrayList<>();
        int index = 0;
        for (byte[] segment : segments.getSegments(JpegSegmentType.APP1)) {
            if (startsWith(segment, XMP_PREAMBLE) && declaresDoctype(segment)) {
                hostile.add(index);
            }
            index++;
        }
        for (int i = hostile.size() - 1; i >= 0; i--) {
            segments.removeSegmentOccurrence(JpegSegmentType.APP1, hostile.get(i));
            warnings.add("XMP packet with a DOCTYPE or entity declaration ignored; XMP never needs one");
        }
        return segments;
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
    private static boolean declaresDoctype(byte[] segment) {
        String latin = new String(segment, StandardCharsets.ISO_8859_1).replace("\0", "").toUpperCase(java.util.Locale.ROOT);
        return latin.contains("<!DOCTYPE") || latin.contains("<!ENTITY");
    }
}
