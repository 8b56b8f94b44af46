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
        for (JFIFPiece piece : pieces) {
            if (piece instanceof JFIFPieceSegment segment) {
                if (segment.isXmpSegment() && oldXmp == null) {
                    byte[] data = segment.getSegmentData();
                    oldXmp = Arrays.copyOfRange(data, JpegConstants.XMP_IDENTIFIER.size(), data.length);
                } else if (segment.marker == JpegConstants.JPEG_APP13_MARKER && PhotoshopResources.isPhotoshop(segment.getSegmentData())) {
                    // Photoshop splits large resource blocks over several APP13 segments; they read as one.
                    byte[] data = segment.getSegmentData();
                    oldResources.write(data, PhotoshopResources.HEADER.length, data.length - PhotoshopResources.HEADER.length);
                }
            }
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
            if (piece instanceof JFIFPieceSegment segment
                    && (segment.isXmpSegment() || segment.marker == JpegConstants.JPEG_APP13_MARKER
                            && PhotoshopResources.isPhotoshop(segment.getSegmentData()))) {
                continue;
            }
            kept.add(piece);
        }
        List<JFIFPiece> added = new ArrayList<>();
        added.add(new JFIFPieceSegment(JpegConstants.JPEG_APP1_MARKER, concat(xmpIdentifier(), xmp)));
        int chunk = MAX_SEGMENT - PhotoshopResources.HEADER.length;
        for (int at = 0; at < newResources.length; at += chunk) {
            byte[] part = Arrays.copyOfRange(newResources, at, Math.min(newResources.length, at + chunk));
            added.add(new JFIFPieceSegment(JpegConstants.JPEG_APP13_MARKER, concat(PhotoshopResources.HEADER, part)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + xmp.length + newResources.length + 64);
        writeSegments(out, insertAfterLastAppSegments(kept, added));
        return out.toByteArray();
    }

    private static byte[] xmpIdentifier() {
        return "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
