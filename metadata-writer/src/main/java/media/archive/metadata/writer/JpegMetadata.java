package media.archive.metadata.writer;

import com.adobe.internal.xmp.XMPException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegConstants;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegRewriter;

/**
 * Writes XMP (APP1) and IPTC-IIM (APP13, inside Photoshop's resources) into a JPEG in one pass
 * over its segments, with Commons Imaging's {@link JpegRewriter}: every other segment and the
 * entropy-coded image data are copied byte for byte, so the pixels cannot change.
 *
 * <p>The segments are found and written by Commons Imaging; what goes into the two segments is
 * built here ({@link XmpPacket}, {@link IimBlock}, {@link PhotoshopResources}) because
 * {@code JpegXmpRewriter} splits a large packet into several standard XMP segments (which readers
 * reject) and {@code JpegIptcRewriter} re-encodes the IIM the file already had. Not thread-safe
 * (Commons Imaging's parsers keep state); one instance per call.
 */
final class JpegMetadata extends JpegRewriter {
    /** The largest APP13 payload: 65535 less the two length bytes. */
    private static final int MAX_SEGMENT = 65_533;
    /** The XMP segment's header (XMP Specification Part 3, 1.1.3). */
    private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    /** A header some old tools wrote instead (ExifTool reads it as XMP too); replaced by the standard one. */
    private static final byte[] ODD_XMP_ID = "XMP\0://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);

    /** Whether {@code file} starts like a JPEG (SOI followed by a marker). */
    static boolean looksLike(byte[] file) {
        return file.length > 4 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8 && (file[2] & 0xff) == 0xff;
    }

    /**
     * {@code jpeg} with {@code fields} written in.
     *
     * @throws ImagingException when the segment structure is broken or the new segments do not fit
     */
    byte[] write(byte[] jpeg, WrittenMetadata fields) throws IOException, XMPException {
        JFIFPieces jfif = analyzeJfif(ByteSource.array(jpeg));
        List<JFIFPiece> pieces = jfif.pieces;
        byte[] oldXmp = null;
        ByteArrayOutputStream oldResources = new ByteArrayOutputStream();
        byte[] oddXmp = null;
        for (JFIFPiece piece : pieces) {
            if (piece instanceof JFIFPieceSegment segment) {
                byte[] data = segment.getSegmentData();
                if (segment.marker == JpegConstants.JPEG_APP1_MARKER && startsWith(data, XMP_ID) && oldXmp == null) {
                    oldXmp = Arrays.copyOfRange(data, XMP_ID.length, data.length);
                } else if (segment.marker == JpegConstants.JPEG_APP1_MARKER && startsWith(data, ODD_XMP_ID) && oddXmp == null) {
                    oddXmp = Arrays.copyOfRange(data, ODD_XMP_ID.length, data.length);
                } else if (segment.marker == JpegConstants.JPEG_APP13_MARKER && PhotoshopResources.isPhotoshop(segment.getSegmentData())) {
                    // Photoshop splits large resource blocks over several APP13 segments; they read as one.
                    oldResources.write(data, PhotoshopResources.HEADER.length, data.length - PhotoshopResources.HEADER.length);
                }
            }
        }
        if (oldXmp == null) {
            oldXmp = oddXmp;
        }
        List<PhotoshopResources.Resource> resources = PhotoshopResources.parse(oldResources.toByteArray());
        byte[] iim = IimBlock.merge(PhotoshopResources.iim(resources), fields);
        byte[] newResources = PhotoshopResources.withIim(resources, iim);
        byte[] xmp = XmpPacket.merge(oldXmp, fields, PhotoshopResources.md5(iim), XmpPacket.MAX_IN_JPEG);
        if (xmp == null) {
            throw new ImagingException("the XMP packet does not fit a JPEG segment");
        }

        List<JFIFPiece> kept = new ArrayList<>();
        for (JFIFPiece piece : pieces) {
            if (piece instanceof JFIFPieceSegment segment && isReplaced(segment)) {
                continue;
            }
            kept.add(piece);
        }
        List<JFIFPiece> added = new ArrayList<>();
        added.add(new JFIFPieceSegment(JpegConstants.JPEG_APP1_MARKER, concat(XMP_ID, xmp)));
        int chunk = MAX_SEGMENT - PhotoshopResources.HEADER.length;
        for (int at = 0; at < newResources.length; at += chunk) {
            byte[] part = Arrays.copyOfRange(newResources, at, Math.min(newResources.length, at + chunk));
            added.add(new JFIFPieceSegment(JpegConstants.JPEG_APP13_MARKER, concat(PhotoshopResources.HEADER, part)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + xmp.length + newResources.length + 64);
        writeSegments(out, insertAfterLastAppSegments(kept, added));
        return out.toByteArray();
    }

    /** The segments written anew: XMP (standard header or the odd one) and Photoshop's resources. */
    private static boolean isReplaced(JFIFPieceSegment segment) {
        byte[] data = segment.getSegmentData();
        return segment.marker == JpegConstants.JPEG_APP1_MARKER && (startsWith(data, XMP_ID) || startsWith(data, ODD_XMP_ID))
                || segment.marker == JpegConstants.JPEG_APP13_MARKER && PhotoshopResources.isPhotoshop(data);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
