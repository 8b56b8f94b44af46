package media.archive.ingest.upload;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Tells which image format a file is from its first bytes, never from its name or from the type
 * a client claims: the signatures are those of the formats' own specifications (JPEG SOI marker,
 * the PNG signature, GIF87a/GIF89a, RIFF/WEBP, the TIFF byte-order header, the BMP file header
 * followed by a known DIB header size, and ISO/IEC 14496-12 {@code ftyp} brands for HEIF, HEIC
 * and AVIF). Anything else is not an image the archive takes. Stateless and thread-safe.
 */
final class ContentSniffer {
    /** How many leading bytes {@link #sniff} wants to see; a shorter file is judged on what it has. */
    static final int HEAD_BYTES = 64;

    /** ISO-BMFF brands of AVIF still images and sequences (AV1 Image File Format, section 9). */
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    /** ISO/IEC 23008-12 brands of HEVC-coded images and sequences. */
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs");
    /** ISO/IEC 23008-12 structural brands: a HEIF file whose codec the brands do not name. */
    private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");
    /** Sizes of the DIB headers that follow a BMP file header (BITMAPCOREHEADER to BITMAPV5HEADER). */
    private static final Set<Integer> BMP_DIB_SIZES = Set.of(12, 16, 40, 52, 56, 64, 108, 124);

    private ContentSniffer() {
    }

    /** The media type of the image whose first {@code length} bytes are in {@code head}, or empty when it is none we take. */
    static Optional<String> sniff(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (startsWith(head, n, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(head, n, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, n, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of("image/gif");
        }
        if (startsWith(head, n, 'R', 'I', 'F', 'F') && ascii(head, n, 8, 7).equals("WEBPVP8")) {
            return Optional.of("image/webp");
        }
        // Classic TIFF (42) and BigTIFF (43), little-endian "II" or big-endian "MM".
        if (startsWith(head, n, 'I', 'I', 42, 0) || startsWith(head, n, 'M', 'M', 0, 42)
                || startsWith(head, n, 'I', 'I', 43, 0) || startsWith(head, n, 'M', 'M', 0, 43)) {
            return Optional.of("image/tiff");
        }
        // "BM" alone is two letters of text; the DIB header size that follows makes it a bitmap.
        if (startsWith(head, n, 'B', 'M') && n >= 18 && BMP_DIB_SIZES.contains(littleEndianInt(head, 14))) {
            return Optional.of("image/bmp");
        }
        return isoMediaImage(head, n);
    }

    /** HEIF, HEIC and AVIF: an ISO-BMFF {@code ftyp} box first, its major or compatible brands naming the format. */
    private static Optional<String> isoMediaImage(byte[] head, int n) {
        if (n < 16 || !ascii(head, n, 4, 4).equals("ftyp")) {
            return Optional.empty();
        }
        long boxSize = bigEndianUnsignedInt(head, 0);
        if (boxSize < 16 || boxSize % 4 != 0) {
            return Optional.empty();
        }
        String major = ascii(head, n, 8, 4);
        if (AVIF_BRANDS.contains(major)) {
            return Optional.of("image/avif");
        }
        if (HEIC_BRANDS.contains(major)) {
            return Optional.of("image/heic");
        }
        boolean avif = false;
        boolean heic = false;
        boolean heif = HEIF_BRANDS.contains(major);
        long end = Math.min(boxSize, n);
        for (int at = 16; at + 4 <= end; at += 4) {
            String brand = ascii(head, n, at, 4);
            avif |= AVIF_BRANDS.contains(brand);
            heic |= HEIC_BRANDS.contains(brand);
            heif |= HEIF_BRANDS.contains(brand);
        }
        if (avif) {
            return Optional.of("image/avif");
        }
        if (heic) {
            return Optional.of("image/heic");
        }
        // A plain MP4 or QuickTime video also starts with ftyp; only the image brands make it an image.
        return heif ? Optional.of("image/heif") : Optional.empty();
    }

    private static boolean startsWith(byte[] head, int n, int... signature) {
        if (n < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int n, int offset, int length) {
        if (offset + length > n) {
            return "";
        }
        return new String(head, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static long bigEndianUnsignedInt(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
