package media.archive.metadata.writer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stamps a served WebP with the archive's rights: an {@code XMP } chunk in the RIFF container,
 * announced by the XMP flag of the {@code VP8X} header, as the WebP container specification
 * prescribes. A simple file (a lone {@code VP8 } or {@code VP8L} chunk, what libwebp writes for
 * a still picture) becomes an extended one: a {@code VP8X} header is put first, with the canvas
 * size read from the bitstream. The file's own {@code EXIF} and {@code XMP } chunks are dropped;
 * every other chunk (ICC profile, alpha, image data, animation frames) is copied byte for byte.
 *
 * <p>Commons Imaging reads WebP but does not write it, so the chunks are walked here: each is a
 * four-letter type, a little-endian length, the data and a pad byte to an even length.
 *
 * @see <a href="https://developers.google.com/speed/webp/docs/riff_container">WebP Container Specification</a>
 */
final class RenditionWebp {
    private static final int FLAG_XMP = 0x04;
    private static final int FLAG_EXIF = 0x08;
    private static final int FLAG_ALPHA = 0x10;
    /** A chunk's type and length: what it costs beyond its data. */
    static final int CHUNK_OVERHEAD = 8;

    private RenditionWebp() {
    }

    /** Whether {@code file} starts like a WebP: {@code RIFF}, a length, {@code WEBP}. */
    static boolean looksLike(byte[] file) {
        return file.length >= 20 && is(file, 0, "RIFF") && is(file, 8, "WEBP");
    }

    /**
     * {@code webp} with {@code xmp} as its one XMP chunk (none when null) and no EXIF chunk.
     *
     * @throws IllegalArgumentException when the RIFF structure is broken
     */
    static byte[] stamp(byte[] webp, byte[] xmp) {
        List<Chunk> chunks = chunks(webp);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("a WebP without chunks");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(webp.length + (xmp == null ? 0 : xmp.length) + 32);
        Chunk first = chunks.get(0);
        int flags;
        if (first.is("VP8X")) {
            if (first.length() < 10) {
                throw new IllegalArgumentException("a VP8X header is 10 bytes");
            }
            flags = webp[first.data()] & 0xff;
        } else if (first.is("VP8 ") || first.is("VP8L")) {
            int[] size = first.is("VP8 ") ? lossySize(webp, first) : losslessSize(webp, first);
            flags = size[2] == 1 ? FLAG_ALPHA : 0;
            byte[] header = new byte[10];
            putUint24(header, 4, size[0] - 1);
            putUint24(header, 7, size[1] - 1);
            writeChunk(body, "VP8X", header, 0, header.length);
        } else {
            throw new IllegalArgumentException("a WebP starts with VP8, VP8L or VP8X, not " + first.type());
        }
        flags &= ~(FLAG_EXIF | FLAG_XMP);
        if (xmp != null) {
            flags |= FLAG_XMP;
        }
        for (Chunk chunk : chunks) {
            if (chunk.is("EXIF") || chunk.is("XMP ")) {
                continue;
            }
            if (chunk.is("VP8X")) {
                byte[] header = java.util.Arrays.copyOfRange(webp, chunk.data(), chunk.data() + chunk.length());
                header[0] = (byte) flags;
                writeChunk(body, "VP8X", header, 0, header.length);
            } else {
                writeChunk(body, chunk.type(), webp, chunk.data(), chunk.length());
            }
        }
        if (xmp != null) {
            writeChunk(body, "XMP ", xmp, 0, xmp.length);
        }
        // Without an existing VP8X the new header went first with flags not yet known: set them now.
        byte[] chunksBytes = body.toByteArray();
        if (!first.is("VP8X")) {
            chunksBytes[CHUNK_OVERHEAD] = (byte) flags;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunksBytes.length + 12);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        writeUint32(out, chunksBytes.length + 4);
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(chunksBytes);
        return out.toByteArray();
    }

    /** One chunk: where it starts, where its data starts, its data's length and its type. */
    record Chunk(int start, int data, int length, String type) {
        boolean is(String name) {
            return type.equals(name);
        }

        /** Where the next chunk starts: after the data and its pad byte (missing at the very end of some files). */
        int end(int fileLength) {
            return Math.min(fileLength, data + length + (length & 1));
        }
    }

    /** The chunks of the RIFF body, up to the length the header states (trailing bytes are not WebP). */
    static List<Chunk> chunks(byte[] webp) {
        if (!looksLike(webp)) {
            throw new IllegalArgumentException("not a WebP");
        }
        long riffEnd = Math.min(webp.length, 8 + uint32(webp, 4));
        List<Chunk> chunks = new ArrayList<>();
        int at = 12;
        while (at + CHUNK_OVERHEAD <= riffEnd) {
            long length = uint32(webp, at + 4);
            if (length > riffEnd - at - CHUNK_OVERHEAD) {
                throw new IllegalArgumentException("a WebP chunk is longer than the file");
            }
            Chunk chunk = new Chunk(at, at + CHUNK_OVERHEAD, (int) length,
                    new String(webp, at, 4, StandardCharsets.ISO_8859_1));
            chunks.add(chunk);
            at = chunk.end((int) riffEnd);
        }
        return chunks;
    }

    /** Width, height and alpha (0) of a lossy bitstream: its key frame header (RFC 6386, 9.1). */
    private static int[] lossySize(byte[] webp, Chunk chunk) {
        int d = chunk.data();
        if (chunk.length() < 10 || (webp[d + 3] & 0xff) != 0x9d || (webp[d + 4] & 0xff) != 0x01 || (webp[d + 5] & 0xff) != 0x2a) {
            throw new IllegalArgumentException("a VP8 chunk without a key frame header");
        }
        int width = ((webp[d + 6] & 0xff) | (webp[d + 7] & 0xff) << 8) & 0x3fff;
        int height = ((webp[d + 8] & 0xff) | (webp[d + 9] & 0xff) << 8) & 0x3fff;
        return new int[] {width, height, 0};
    }

    /** Width, height and whether alpha is used, from a lossless bitstream's header (14, 14 and 1 bits after 0x2f). */
    private static int[] losslessSize(byte[] webp, Chunk chunk) {
        int d = chunk.data();
        if (chunk.length() < 5 || (webp[d] & 0xff) != 0x2f) {
            throw new IllegalArgumentException("a VP8L chunk without its signature");
        }
        long bits = uint32(webp, d + 1);
        int width = (int) (bits & 0x3fff) + 1;
        int height = (int) (bits >> 14 & 0x3fff) + 1;
        return new int[] {width, height, (int) (bits >> 28 & 1)};
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int from, int length) {
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        writeUint32(out, length);
        out.write(data, from, length);
        if ((length & 1) == 1) {
            out.write(0);
        }
    }

    private static boolean is(byte[] file, int at, String fourCc) {
        for (int i = 0; i < 4; i++) {
            if (file[at + i] != fourCc.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static void writeUint32(ByteArrayOutputStream out, long value) {
        out.write((int) value);
        out.write((int) (value >> 8));
        out.write((int) (value >> 16));
        out.write((int) (value >> 24));
    }

    private static void putUint24(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) (value >> 16);
    }
}
