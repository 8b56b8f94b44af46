package media.archive.processor.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the raw IPTC-IIM block in a JPEG's Photoshop image resources (APP13, "Photoshop 3.0"), which
 * metadata-extractor parses but does not keep; the IPTC digest is computed over these exact bytes.
 * See Adobe's Photoshop File Formats Specification, "Image Resource Blocks".
 */
final class PhotoshopResources {
    private static final byte[] APP13_HEADER = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int IPTC_NAA = 0x0404;

    private PhotoshopResources() {
    }

    /** The IIM block in a JPEG's APP13 segments, or null when it has none or it cannot be read. */
    static byte[] iptcBlock(Iterable<byte[]> app13Segments) {
        // A long resource section continues over several APP13 segments, each with the header again.
        ByteArrayOutputStream resources = new ByteArrayOutputStream();
        for (byte[] segment : app13Segments) {
            if (segment.length > APP13_HEADER.length
                    && Arrays.equals(Arrays.copyOf(segment, APP13_HEADER.length), APP13_HEADER)) {
                resources.write(segment, APP13_HEADER.length, segment.length - APP13_HEADER.length);
            }
        }
        return find(resources.toByteArray(), IPTC_NAA);
    }

    /** The data of resource {@code id} in a sequence of resource blocks, or null. */
    static byte[] find(byte[] blocks, int id) {
        ByteBuffer in = ByteBuffer.wrap(blocks);
        while (in.remaining() >= 12) {
            in.position(in.position() + 4); // signature: "8BIM" (or a vendor's, laid out the same)
            int resourceId = Short.toUnsignedInt(in.getShort());
            int nameLength = Byte.toUnsignedInt(in.get());
            int namePadded = (nameLength + 1) % 2 == 0 ? nameLength : nameLength + 1;
            if (in.remaining() < namePadded + 4) {
                return null;
            }
            in.position(in.position() + namePadded);
            long size = Integer.toUnsignedLong(in.getInt());
            if (size > in.remaining()) {
                return null;
            }
            byte[] data = new byte[(int) size];
            in.get(data);
            if (resourceId == id) {
                return data;
            }
            if (size % 2 == 1 && in.hasRemaining()) {
                in.get();
            }
        }
        return null;
    }
}
