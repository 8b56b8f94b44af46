package media.archive.metadata.writer;

import com.adobe.internal.xmp.XMPException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.JpegConstants;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Stamps a served JPEG with the archive's rights: every metadata segment the file had is dropped
 * (EXIF, XMP, Photoshop's IIM, comments and other application segments; a rendition's old credit
 * must not contradict an edit), and a small EXIF segment (IFD0 Artist and Copyright, TIFF 6.0 tags
 * 315 and 33432, UTF-8 as ExifTool writes them) and a compact XMP segment ({@link XmpPacket#compact})
 * are put in, right after JFIF's APP0. IFD0 also holds the four tags EXIF 2.32 requires of a
 * JPEG's IFD0 (XResolution, YResolution, ResolutionUnit, YCbCrPositioning), 64 bytes, so that
 * validators such as {@code exiftool -validate} find the block complete. What the pixels need stays byte for byte: JFIF (APP0), the
 * ICC profile (APP2) and Adobe's colour transform (APP14), the tables and the image data. The two
 * segments together take at most the budget given. Not thread-safe (Commons Imaging's parsers keep
 * state); one instance per call.
 */
final class RenditionJpeg extends JpegRewriter {
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    /** A marker and its length bytes: what each segment costs beyond its payload. */
    private static final int SEGMENT_OVERHEAD = 4;
    /** Artist and Copyright are each cut to this many UTF-8 bytes in EXIF; XMP carries them whole when they fit. */
    private static final int MAX_EXIF_TEXT = 160;

    /** {@code jpeg} with its metadata replaced by {@code fields}, in at most {@code budget} bytes of segments. */
    byte[] stamp(byte[] jpeg, WrittenMetadata fields, int budget) throws IOException, XMPException {
        JFIFPieces jfif = analyzeJfif(ByteSource.array(jpeg));
        List<JFIFPiece> kept = new ArrayList<>();
        int afterApp0 = 0;
        for (JFIFPiece piece : jfif.pieces) {
            if (piece instanceof JFIFPieceSegment segment && !needed(segment)) {
                continue;
            }
            kept.add(piece);
            if (piece instanceof JFIFPieceSegment segment && segment.marker == JpegConstants.JPEG_APP0_MARKER
                    && afterApp0 == kept.size() - 1) {
                afterApp0 = kept.size();
            }
        }
        List<JFIFPiece> added = new ArrayList<>(2);
        int left = budget;
        byte[] exif = exif(fields);
        if (exif != null && exif.length + SEGMENT_OVERHEAD <= left) {
            added.add(new JFIFPieceSegment(JpegConstants.JPEG_APP1_MARKER, exif));
            left -= exif.length + SEGMENT_OVERHEAD;
        }
        byte[] xmp = XmpPacket.compact(fields, left - SEGMENT_OVERHEAD - XMP_ID.length);
        if (xmp != null) {
            added.add(new JFIFPieceSegment(JpegConstants.JPEG_APP1_MARKER, concat(XMP_ID, xmp)));
        }
        kept.addAll(afterApp0, added);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + budget);
        writeSegments(out, kept);
        return out.toByteArray();
    }

    /** The segments a decoder needs or that say how to show the colours; every other one goes. */
    private static boolean needed(JFIFPieceSegment segment) {
        int marker = segment.marker;
        if (marker == JpegConstants.JPEG_APP0_MARKER || marker == JpegConstants.JPEG_APP14_MARKER) {
            return true;
        }
        if (marker == JpegConstants.JPEG_APP2_MARKER) {
            byte[] data = segment.getSegmentData();
            return data.length >= ICC_ID.length && Arrays.equals(data, 0, ICC_ID.length, ICC_ID, 0, ICC_ID.length);
        }
        // APP1 .. APP15 and COM carry metadata; anything else (tables, frame headers) is image data.
        return !(marker >= JpegConstants.JPEG_APP0_MARKER && marker <= JpegConstants.JPEG_APP15_MARKER || marker == JpegConstants.COM_MARKER);
    }

    /** The EXIF payload ({@code Exif\0\0} and a big-endian TIFF block of IFD0), or null with nothing to say. */
    private static byte[] exif(WrittenMetadata fields) throws IOException, ImagingException {
        String artist = fields.creators().isEmpty() ? null : cut(String.join("; ", fields.creators()));
        String copyright = cut(fields.copyright());
        if (artist == null && copyright == null) {
            return null;
        }
        TiffOutputSet set = new TiffOutputSet(ByteOrder.BIG_ENDIAN);
        TiffOutputDirectory root = set.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_XRESOLUTION, RationalNumber.valueOf(72));
        root.add(TiffTagConstants.TIFF_TAG_YRESOLUTION, RationalNumber.valueOf(72));
        root.add(TiffTagConstants.TIFF_TAG_RESOLUTION_UNIT, (short) TiffTagConstants.RESOLUTION_UNIT_VALUE_INCHES);
        // 1: chroma samples centred, what JPEG/JFIF decoders assume.
        root.add(TiffTagConstants.TIFF_TAG_YCBCR_POSITIONING, (short) 1);
        if (artist != null) {
            root.add(TiffTagConstants.TIFF_TAG_ARTIST, artist);
        }
        if (copyright != null) {
            root.add(TiffTagConstants.TIFF_TAG_COPYRIGHT, copyright);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(EXIF_ID);
        new TiffImageWriterLossy(ByteOrder.BIG_ENDIAN).write(out, set);
        return out.toByteArray();
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        return new String(IimBlock.truncated(text, MAX_EXIF_TEXT), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
