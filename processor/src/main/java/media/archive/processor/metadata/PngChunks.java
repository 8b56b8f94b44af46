package media.archive.processor.metadata;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.metadata.Metadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * Reads a PNG's metadata chunks once, skipping the image data (IDAT), and keeps the text of a
 * {@code Raw profile type iptc} chunk, which metadata-extractor reads as bare IIM although
 * ImageMagick and GIMP wrap the IIM in Photoshop resources there.
 *
 * <p>The chunks are read here rather than by metadata-extractor's chunk reader because a PNG
 * states each chunk's length and the length of what its compressed chunks inflate to is nowhere:
 * a chunk that claims 2 GB (a real fuzzed file does) made that reader allocate 2 GB, and a zTXt of
 * 100 KB that inflates to 100 MB made metadata-extractor hold it all. Here a chunk above
 * {@link #MAX_CHUNK_BYTES}, compressed chunks inflating to more than {@link #MAX_INFLATED_BYTES}
 * together, and XMP above {@link XmpLimits#MAX_TAGS} are left out with a warning; a file cut
 * short keeps the chunks before the cut.
 */
final class PngChunks {
    /** Ancillary chunks with metadata, and the critical ones metadata-extractor needs around them. */
    private static final Set<String> METADATA = Set.of("IHDR", "PLTE", "tRNS", "cHRM", "sRGB", "gAMA", "iCCP",
            "bKGD", "tEXt", "zTXt", "iTXt", "tIME", "pHYs", "sBIT", "eXIf");
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String RAW_IPTC = "Raw profile type iptc";
    private static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    /** Largest metadata chunk read: a 16 MB text or profile is already far beyond any real one. */
    static final int MAX_CHUNK_BYTES = 16 * 1024 * 1024;
    /** Most bytes that all compressed chunks of one file may inflate to, together. */
    static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;
    private static final int MAX_TEXT = 4 * 1024 * 1024;

    private PngChunks() {
    }

    /** The metadata of the PNG in {@code in}, and the raw IPTC profile's text (or null). */
    record Read(Metadata metadata, String rawIptcProfile) {
    }

    static Read read(InputStream in, Warnings warnings) throws ImageProcessingException, IOException {
        if (!Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE)) {
            throw new ImageProcessingException("PNG data does not begin with the PNG signature");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE);
        String rawIptc = null;
        long inflatedLeft = MAX_INFLATED_BYTES;
        while (true) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                warnings.add("the PNG ends before its IEND chunk; the chunks before the end are read");
                break;
            }
            long length = ByteBuffer.wrap(header, 0, 4).getInt() & 0xFFFFFFFFL;
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                warnings.add("PNG chunk with an invalid type; the chunks after it are not read");
                break;
            }
            if (type.equals("IEND")) {
                break;
            }
            if (!METADATA.contains(type) || length > MAX_CHUNK_BYTES) {
                if (METADATA.contains(type)) {
                    warnings.add("PNG " + type + " chunk of " + length + " bytes left out: above the "
                            + MAX_CHUNK_BYTES + " bytes read of one chunk");
                }
                if (skip(in, length + 4) < length + 4) {
                    warnings.add("the PNG ends inside its " + type + " chunk; the chunks before it are read");
                    break;
                }
                continue;
            }
            byte[] data = in.readNBytes((int) length);
            in.readNBytes(4); // the CRC: metadata-extractor does not check it either
            if (data.length < length) {
                warnings.add("the PNG ends inside its " + type + " chunk; the chunks before it are read");
                break;
            }
            long inflated = inflatedSize(type, data, inflatedLeft);
            if (inflated < 0) {
                warnings.add("PNG " + type + " chunk left out: its compressed text or profile inflates to more than "
                        + MAX_INFLATED_BYTES + " bytes with the chunks before it");
                continue;
            }
            inflatedLeft -= inflated;
            if (isXmp(type, data) && tooMuchXmp(type, data, warnings)) {
                continue;
            }
            String text = rawIptc == null ? rawIptcText(type, data, warnings) : null;
            if (text != null) {
                rawIptc = text;
            } else {
                write(png, type, data);
            }
        }
        write(png, "IEND", new byte[0]);
        Metadata metadata = PngMetadataReader.readMetadata(new ByteArrayInputStream(png.toByteArray()));
        return new Read(metadata, rawIptc);
    }

    /**
     * How many bytes the compressed part of a zTXt, iCCP or compressed iTXt chunk inflates to, or
     * -1 once that passes {@code limit}; 0 for other chunks and for data that does not inflate
     * (metadata-extractor reports that itself).
     */
    static long inflatedSize(String type, byte[] data, long limit) {
        int start = compressedStart(type, data);
        if (start < 0) {
            return 0;
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream inflating = new InflaterInputStream(new ByteArrayInputStream(data, start, data.length - start))) {
            int n;
            while ((n = inflating.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    return -1;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** Where the zlib stream of a compressed chunk starts, or -1 when the chunk holds none. */
    private static int compressedStart(String type, byte[] data) {
        int nul = indexOf(data, 0, 0);
        if (nul < 0) {
            return -1;
        }
        switch (type) {
            case "zTXt", "iCCP" -> {
                return nul + 2; // compression method, then the stream
            }
            case "iTXt" -> {
                if (nul + 2 >= data.length || data[nul + 1] != 1) {
                    return -1; // not compressed
                }
                int language = indexOf(data, nul + 3, 0);
                int translated = language < 0 ? -1 : indexOf(data, language + 1, 0);
                return translated < 0 ? -1 : translated + 1;
            }
            default -> {
                return -1;
            }
        }
    }

    private static boolean isXmp(String type, byte[] data) {
        byte[] keyword = XMP_KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
        return type.equals("iTXt") && data.length > keyword.length && data[keyword.length] == 0
                && Arrays.equals(data, 0, keyword.length, keyword, 0, keyword.length);
    }

    /** Whether an iTXt XMP packet must be left out: a DOCTYPE (as in JPEG), or more tags than the parser is given. */
    private static boolean tooMuchXmp(String type, byte[] data, Warnings warnings) {
        int start = compressedStart(type, data);
        byte[] packet = data;
        int from = 0;
        if (start >= 0) {
            try (InputStream inflating = new InflaterInputStream(new ByteArrayInputStream(data, start, data.length - start))) {
                packet = inflating.readNBytes(MAX_INFLATED_BYTES);
            } catch (IOException e) {
                return false; // metadata-extractor reports the broken stream
            }
        } else {
            from = XMP_KEYWORD.length();
        }
        if (JpegSegments.declaresDoctype(packet)) {
            warnings.add("XMP packet with a DOCTYPE or entity declaration ignored; XMP never needs one");
            return true;
        }
        int tags = XmpLimits.tags(packet, from);
        if (tags > XmpLimits.MAX_TAGS) {
            warnings.add(XmpLimits.warning("packet", tags));
            return true;
        }
        return false;
    }

    /** The text of a tEXt or zTXt chunk named "Raw profile type iptc", else null. */
    private static String rawIptcText(String type, byte[] bytes, Warnings warnings) {
        if (!type.equals("tEXt") && !type.equals("zTXt")) {
            return null;
        }
        int nul = 0;
        while (nul < bytes.length && bytes[nul] != 0) {
            nul++;
        }
        if (!new String(bytes, 0, nul, StandardCharsets.ISO_8859_1).equals(RAW_IPTC)) {
            return null;
        }
        if (type.equals("tEXt")) {
            return new String(bytes, nul + 1, Math.max(0, bytes.length - nul - 1), StandardCharsets.ISO_8859_1);
        }
        try (InputStream inflated = new InflaterInputStream(new ByteArrayInputStream(bytes, nul + 2, Math.max(0, bytes.length - nul - 2)))) {
            return new String(inflated.readNBytes(MAX_TEXT), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            warnings.add("PNG raw IPTC profile unreadable: " + e.getMessage());
            return "";
        }
    }

    /** Skips up to {@code n} bytes; fewer only at the end of the stream. */
    private static long skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    break;
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return n - left;
    }

    private static int indexOf(byte[] data, int from, int value) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static void write(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
