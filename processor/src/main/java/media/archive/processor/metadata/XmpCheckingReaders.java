package media.archive.processor.metadata;

import com.drew.imaging.riff.RiffProcessingException;
import com.drew.imaging.riff.RiffReader;
import com.drew.imaging.tiff.TiffProcessingException;
import com.drew.imaging.tiff.TiffReader;
import com.drew.lang.RandomAccessReader;
import com.drew.lang.RandomAccessStreamReader;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifTiffHandler;
import com.drew.metadata.webp.WebpRiffHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads TIFF and WebP metadata as metadata-extractor's {@code TiffMetadataReader} and
 * {@code WebpMetadataReader} do, except that the XMP they hold (TIFF tag 700, the WebP
 * {@code XMP } chunk) passes the same checks as in JPEG and PNG before XMPCore parses it: a packet
 * with a DOCTYPE, or with more than {@link XmpLimits#MAX_TAGS} tags, is left out with a warning.
 */
final class XmpCheckingReaders {
    private static final int TIFF_XMP_TAG = 700;

    private XmpCheckingReaders() {
    }

    static Metadata tiff(InputStream in, Warnings warnings) throws IOException, TiffProcessingException {
        Metadata metadata = new Metadata();
        new TiffReader().processTiff(new RandomAccessStreamReader(in), new CheckedTiff(metadata, warnings), 0);
        return metadata;
    }

    static Metadata webp(InputStream in, Warnings warnings) throws IOException, RiffProcessingException {
        Metadata metadata = new Metadata();
        new RiffReader().processRiff(new StreamReader(in), new CheckedWebp(metadata, warnings));
        return metadata;
    }

    /** Whether {@code packet} may go to the XML parser; when not, why is added to {@code warnings}. */
    private static boolean acceptable(byte[] packet, Warnings warnings) {
        if (JpegSegments.declaresDoctype(packet)) {
            warnings.add("XMP packet with a DOCTYPE or entity declaration ignored; XMP never needs one");
            return false;
        }
        int tags = XmpLimits.tags(packet, 0);
        if (tags > XmpLimits.MAX_TAGS) {
            warnings.add(XmpLimits.warning("packet", tags));
            return false;
        }
        return true;
    }

    private static final class CheckedTiff extends ExifTiffHandler {
        private final Warnings warnings;

        CheckedTiff(Metadata metadata, Warnings warnings) {
            super(metadata, null, 0);
            this.warnings = warnings;
        }

        @Override
        public boolean customProcessTag(int tagOffset, Set<Integer> processedIfdOffsets, int tiffHeaderOffset,
                                        RandomAccessReader reader, int tagId, int byteCount) throws IOException {
            if (tagId == TIFF_XMP_TAG && byteCount > 0 && !acceptable(reader.getBytes(tagOffset, byteCount), warnings)) {
                return true; // handled: left out
            }
            return super.customProcessTag(tagOffset, processedIfdOffsets, tiffHeaderOffset, reader, tagId, byteCount);
        }
    }

    private static final class CheckedWebp extends WebpRiffHandler {
        private final Warnings warnings;

        CheckedWebp(Metadata metadata, Warnings warnings) {
            super(metadata);
            this.warnings = warnings;
        }

        @Override
        public void processChunk(String fourCC, byte[] payload) {
            if (fourCC.equals("XMP ") && !acceptable(payload, warnings)) {
                return;
            }
            super.processChunk(fourCC, payload);
        }
    }
}
