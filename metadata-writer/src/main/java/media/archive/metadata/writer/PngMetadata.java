package media.archive.metadata.writer;

import com.adobe.internal.xmp.XMPException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * Writes XMP into a PNG as the XMP Specification Part 3 places it: an uncompressed {@code iTXt}
 * chunk with the keyword {@code XML:com.adobe.xmp}, right after {@code IHDR}. Every other chunk
 * is copied byte for byte (image data included), so the pixels cannot change. XMP that
 * ImageMagick left in a "Raw profile type xmp" text chunk is read as the file's packet and that
 * chunk dropped, so the file holds one packet. PNG has no place for IPTC-IIM (the "Raw profile
 * type iptc" chunk some tools write is left as it is).
 *
 * <p>Commons Imaging reads PNG metadata but writes PNGs only by encoding pixels again, so the
 * chunks are walked here: the format is a list of length, type, data and CRC-32.
 *
 * @see <a href="https://www.w3.org/TR/png-3/#11iTXt">PNG, iTXt</a>
 */
final class PngMetadata {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] XMP_KEYWORD = "XML:com.adobe.xmp".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] RAW_XMP_KEYWORD = "Raw profile type xmp".getBytes(StandardCharsets.ISO_8859_1);
    /** A compressed XMP chunk is inflated up to this size; a bigger one is taken to be hostile. */
    private static final int MAX_XMP = 4 << 20;

    private PngMetadata() {
    }

    static boolean looksLike(byte[] file) {
        return file.length > SIGNATURE.length && Arrays.equals(file, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /**
     * {@code png} with {@code fields} written in as XMP.
     *
     * @throws IllegalArgumentException when the chunk structure is broken
     */
    static byte[] write(byte[] png, WrittenMetadata fields) throws IOException, XMPException {
        byte[] oldXmp = null;
        byte[] rawXmp = null;
        int at = SIGNATURE.length;
        int afterHeader = -1;
        while (at < png.length) {
            Chunk chunk = Chunk.at(png, at);
            if (afterHeader < 0) {
                if (!chunk.is("IHDR")) {
                    throw new IllegalArgumentException("a PNG starts with IHDR");
                }
                afterHeader = chunk.end();
            }
            if (chunk.is("iTXt") && oldXmp == null) {
                oldXmp = xmp(png, chunk);
            } else if (isRawXmp(png, chunk) && rawXmp == null) {
                rawXmp = rawXmp(png, chunk);
            }
            at = chunk.end();
            if (chunk.is("IEND")) {
                break;
            }
        }
        if (afterHeader < 0) {
            throw new IllegalArgumentException("a PNG without chunks");
        }
        byte[] xmp = XmpPacket.merge(oldXmp != null ? oldXmp : rawXmp, fields, null, Integer.MAX_VALUE);

        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + xmp.length + 64);
        out.write(png, 0, afterHeader);
        writeXmpChunk(out, xmp);
        at = afterHeader;
        while (at < png.length) {
            Chunk chunk = Chunk.at(png, at);
            if (!(chunk.is("iTXt") && hasKeyword(png, chunk, XMP_KEYWORD)) && !isRawXmp(png, chunk)) {
                out.write(png, at, chunk.end() - at);
            }
            at = chunk.end();
            if (chunk.is("IEND")) {
                break;
            }
        }
        // Whatever follows IEND is not PNG; it is kept, as a byte-for-byte copy would keep it.
        out.write(png, at, png.length - at);
        return out.toByteArray();
    }

    /** One chunk: where it starts, its data's offset and length, its type. */
    private record Chunk(int start, int data, int length, String type) {
        static Chunk at(byte[] png, int at) {
            if (png.length - at < 12) {
                throw new IllegalArgumentException("a PNG chunk is cut short");
            }
            long length = (png[at] & 0xffL) << 24 | (png[at + 1] & 0xff) << 16 | (png[at + 2] & 0xff) << 8 | png[at + 3] & 0xff;
            if (length > png.length - at - 12) {
                throw new IllegalArgumentException("a PNG chunk is longer than the file");
            }
            return new Chunk(at, at + 8, (int) length, new String(png, at + 4, 4, StandardCharsets.ISO_8859_1));
        }

        boolean is(String name) {
            return type.equals(name);
        }

        int end() {
            return data + length + 4;
        }
    }

    private static boolean hasKeyword(byte[] png, Chunk chunk, byte[] keyword) {
        return chunk.length() > keyword.length
                && Arrays.equals(png, chunk.data(), chunk.data() + keyword.length, keyword, 0, keyword.length)
                && png[chunk.data() + keyword.length] == 0;
    }

    private static boolean isRawXmp(byte[] png, Chunk chunk) {
        return (chunk.is("tEXt") || chunk.is("zTXt")) && hasKeyword(png, chunk, RAW_XMP_KEYWORD);
    }

    /**
     * The packet of ImageMagick's raw profile: a text of the profile's name, its length and then
     * its bytes in hexadecimal, in a {@code tEXt} chunk or compressed in a {@code zTXt} one.
     */
    private static byte[] rawXmp(byte[] png, Chunk chunk) throws IOException {
        int at = chunk.data() + RAW_XMP_KEYWORD.length + 1;
        int end = chunk.data() + chunk.length();
        byte[] text;
        if (chunk.is("zTXt")) {
            text = inflate(png, at + 1, end);
            if (text == null) {
                return null;
            }
        } else {
            text = Arrays.copyOfRange(png, at, end);
        }
        String[] lines = new String(text, StandardCharsets.ISO_8859_1).strip().split("\\s*\n\\s*", 3);
        if (lines.length < 3) {
            return null;
        }
        String hex = lines[2].replaceAll("\\s", "");
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static byte[] inflate(byte[] png, int from, int end) throws IOException {
        if (from > end) {
            return null;
        }
        try (InputStream inflated = new InflaterInputStream(new java.io.ByteArrayInputStream(png, from, end - from))) {
            byte[] text = inflated.readNBytes(MAX_XMP + 1);
            return text.length > MAX_XMP ? null : text;
        } catch (java.util.zip.ZipException broken) {
            return null;
        }
    }

    /** The XMP text of an {@code iTXt} chunk, or null when the chunk holds something else. */
    private static byte[] xmp(byte[] png, Chunk chunk) throws IOException {
        if (!hasKeyword(png, chunk, XMP_KEYWORD)) {
            return null;
        }
        int end = chunk.data() + chunk.length();
        int at = chunk.data() + XMP_KEYWORD.length + 1;
        if (end - at < 2) {
            return null;
        }
        boolean compressed = png[at] == 1;
        at += 2; // compression flag and method
        for (int field = 0; field < 2; field++) { // language tag, translated keyword: both NUL-ended
            while (at < end && png[at] != 0) {
                at++;
            }
            at++;
        }
        if (at > end) {
            return null;
        }
        return compressed ? inflate(png, at, end) : Arrays.copyOfRange(png, at, end);
    }

    private static void writeXmpChunk(ByteArrayOutputStream out, byte[] xmp) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(xmp.length + 32);
        data.writeBytes("iTXt".getBytes(StandardCharsets.ISO_8859_1));
        data.writeBytes(XMP_KEYWORD);
        data.write(0); // end of keyword
        data.write(0); // not compressed
        data.write(0); // compression method
        data.write(0); // no language tag
        data.write(0); // no translated keyword
        data.writeBytes(xmp);
        byte[] typeAndData = data.toByteArray();
        int length = typeAndData.length - 4;
        out.write(length >>> 24);
        out.write(length >> 16);
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        long value = crc.getValue();
        out.write((int) (value >>> 24));
        out.write((int) (value >> 16));
        out.write((int) (value >> 8));
        out.write((int) value);
    }
}
