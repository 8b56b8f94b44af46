package media.archive.processor.metadata;

import com.drew.imaging.tiff.TiffProcessingException;
import com.drew.imaging.tiff.TiffReader;
import com.drew.lang.RandomAccessReader;
import com.drew.lang.RandomAccessStreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifTiffHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads a TIFF's metadata as metadata-extractor's {@code TiffMetadataReader} does, except that
 * its XMP (tag 700) passes the same checks as in JPEG and PNG before XMPCore parses it: a packet
 * with a DOCTYPE, or with more than {@link XmpLimits#MAX_TAGS} tags, is left out with a warning.
 */
final class TiffXmp {
    private static final int XMP_TAG = 700;

    private TiffXmp() {
    }

    static Metadata read(InputStream in, Warnings warnings) throws IOException, TiffProcessingException {
        Metadata metadata = new Metadata();
        new TiffReader().processTiff(new RandomAccessStreamReader(in), new CheckedXmp(metadata, warnings), 0);
        return metadata;
    }

    private static final class CheckedXmp extends ExifTiffHandler {
        private final Warnings warnings;

        CheckedXmp(Metadata metadata, Warnings warnings) {
            super(metadata, null, 0);
            this.warnings = warnings;
        }

        @Override
        public boolean customProcessTag(int tagOffset, Set<Integer> processedIfdOffsets, int tiffHeaderOffset,
                                        RandomAccessReader reader, int tagId, int byteCount) throws IOException {
            if (tagId == XMP_TAG && byteCount > 0) {
                byte[] packet = reader.getBytes(tagOffset, byteCount);
                if (JpegSegments.declaresDoctype(packet)) {
                    warnings.add("XMP packet with a DOCTYPE or entity declaration ignored; XMP never needs one");
                    return true;
                }
                int tags = XmpLimits.tags(packet, 0);
                if (tags > XmpLimits.MAX_TAGS) {
                    warnings.add(XmpLimits.warning("packet", tags));
                    return true;
                }
            }
            return super.customProcessTag(tagOffset, processedIfdOffsets, tiffHeaderOffset, reader, tagId, byteCount);
        }
    }
}
