package media.archive.standalone;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Files built to hurt the archive, made in the test so that no large or dangerous file is
 * committed: each method returns the bytes of one file and says what it attacks. Where a real
 * picture is needed it is drawn here ({@link #photo}); the hostile part is added to it by hand,
 * following the format's specification (JPEG markers of ITU T.81, PNG chunks of ISO/IEC 15948,
 * TIFF 6.0 IFDs, GIF89a blocks, RIFF chunks of WebP). The hostile metadata put into them is made
 * by {@link HostileMetadata}.
 */
final class HostileFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private HostileFiles() {
    }

    /** A real JPEG of {@code width} x {@code height}: a gradient, its colours varied by {@code seed} so each is a new image. */
    static byte[] photo(int width, int height, int seed) {
        return encode(picture(width, height, seed), "jpg");
    }

    /** A real PNG, as {@link #photo}. */
    static byte[] png(int width, int height, int seed) {
        return encode(picture(width, height, seed), "png");
    }

    /** A JPEG cut in the middle of its entropy-coded scan: the frame header is whole, half the pixels are missing. */
    static byte[] truncatedInScan(byte[] jpeg) {
        int sos = find(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA}, 2);
        return java.util.Arrays.copyOf(jpeg, sos + (jpeg.length - sos) / 2);
    }

    /** {@code jpeg} with its frame header (SOF0) claiming {@code width} x {@code height}; the scan stays the small one. */
    static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int sof = find(copy, new byte[] {(byte) 0xFF, (byte) 0xC0}, 2);
        // FF C0, length (2), precision (1), then height and width, big-endian.
        copy[sof + 5] = (byte) (height >> 8);
        copy[sof + 6] = (byte) height;
        copy[sof + 7] = (byte) (width >> 8);
        copy[sof + 8] = (byte) width;
        return copy;
    }

    /** {@code jpeg} with {@code payload} as one more APPn segment ({@code marker} 0xE0-0xEF) right after SOI. */
    static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        if (payload.length + 2 > 0xFFFF) {
            throw new IllegalArgumentException("a JPEG segment holds at most 65,533 bytes, not " + payload.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code png} with {@code chunk} of {@code type} inserted right after IHDR. */
    static byte[] withChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        writeChunk(out, type, data);
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** An iCCP chunk's data: a profile name, then {@code inflatedBytes} zeros deflated (a few hundred KB for 100 MB). */
    static byte[] iccpBomb(long inflatedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("bomb".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0, 0});
        out.writeBytes(deflatedZeros(inflatedBytes));
        return out.toByteArray();
    }

    /** A zTXt chunk's data: keyword "Description", then {@code inflatedBytes} of text deflated. */
    static byte[] zTxtBomb(long inflatedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Description".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0, 0});
        out.writeBytes(deflatedZeros(inflatedBytes));
        return out.toByteArray();
    }

    /**
     * A greyscale PNG of {@code width} x {@code height} whose every pixel is 0: each row deflates to
     * almost nothing, so a 400-megapixel picture is a file of a few hundred kilobytes.
     */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        writeChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        writeChunk(out, "IDAT", deflatedZeros((long) (width + 1) * height));
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A little-endian TIFF of {@code ifds} 1 x 1 grey pages, each IFD pointing at the next. */
    static byte[] tiffWithManyIfds(int ifds) {
        int entries = 8;
        int ifdBytes = 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(8 + ifds * ifdBytes + 1).order(ByteOrder.LITTLE_ENDIAN);
        int pixel = 8 + ifds * ifdBytes;
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int i = 0; i < ifds; i++) {
            b.putShort((short) entries);
            entry(b, 256, 3, 1, 1);          // ImageWidth
            entry(b, 257, 3, 1, 1);          // ImageLength
            entry(b, 258, 3, 1, 8);          // BitsPerSample
            entry(b, 259, 3, 1, 1);          // Compression: none
            entry(b, 262, 3, 1, 1);          // Photometric: black is zero
            entry(b, 273, 4, 1, pixel);      // StripOffsets
            entry(b, 278, 3, 1, 1);          // RowsPerStrip
            entry(b, 279, 4, 1, 1);          // StripByteCounts
            b.putInt(i + 1 < ifds ? 8 + (i + 1) * ifdBytes : 0);
        }
        b.put((byte) 0x80);
        return b.array();
    }

    /** A TIFF whose only IFD claims {@code count} entries although the file holds a dozen. */
    static byte[] tiffWithHugeTagCount(int count) {
        byte[] one = tiffWithManyIfds(1);
        ByteBuffer b = ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(8, (short) count);
        return one;
    }

    /** A GIF of {@code frames} 16 x 16 frames, each one block of the same real frame. */
    static byte[] gifWithFrames(int frames) {
        byte[] gif = encode(picture(16, 16, 7), "gif");
        int start = firstImageBlock(gif);
        int end = gif.length - 1; // the trailer 0x3B
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, start);
        for (int i = 0; i < frames; i++) {
            out.write(gif, start, end - start);
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    /** A GIF whose canvas (logical screen) is {@code canvas} pixels square while its one frame is 64 x 64 and offset outside it. */
    static byte[] gifFrameLargerThanCanvas(int canvas) {
        byte[] gif = encode(picture(64, 64, 11), "gif");
        ByteBuffer b = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(6, (short) canvas);
        b.putShort(8, (short) canvas);
        int descriptor = firstImageBlock(gif);
        while ((gif[descriptor] & 0xFF) != 0x2C) {
            descriptor = skipExtension(gif, descriptor);
        }
        b.putShort(descriptor + 1, (short) 3000);
        b.putShort(descriptor + 3, (short) 3000);
        return gif;
    }

    /** A GIF of a 2 x 2 canvas whose one frame claims 65,535 x 65,535 pixels: 4.3 gigapixels from 100 bytes. */
    static byte[] gifHugeFrame() {
        byte[] gif = encode(picture(2, 2, 3), "gif");
        ByteBuffer b = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
        int descriptor = firstImageBlock(gif);
        while ((gif[descriptor] & 0xFF) != 0x2C) {
            descriptor = skipExtension(gif, descriptor);
        }
        b.putShort(descriptor + 5, (short) 0xFFFF);
        b.putShort(descriptor + 7, (short) 0xFFFF);
        return gif;
    }

    /** A JPEG followed by a ZIP archive: both readers accept it (the JPEG reader stops at EOI, the ZIP reader reads from the end). */
    static byte[] jpegZipPolyglot(byte[] jpeg) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("index.html"));
            out.write("<script>alert(document.domain)</script>".getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(jpeg);
        out.writeBytes(zip.toByteArray());
        return out.toByteArray();
    }

    /** A TIFF (one 1 x 1 page) carrying {@code packet} as XMP in tag 700, as TIFF files from Lightroom do. */
    static byte[] tiffWithXmp(String packet) {
        byte[] xmp = packet.getBytes(StandardCharsets.UTF_8);
        int entries = 9;
        int ifdBytes = 2 + entries * 12 + 4;
        int pixel = 8 + ifdBytes;
        int xmpAt = pixel + 2;
        ByteBuffer b = ByteBuffer.allocate(xmpAt + xmp.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        entry(b, 256, 3, 1, 1);
        entry(b, 257, 3, 1, 1);
        entry(b, 258, 3, 1, 8);
        entry(b, 259, 3, 1, 1);
        entry(b, 262, 3, 1, 1);
        entry(b, 273, 4, 1, pixel);
        entry(b, 278, 3, 1, 1);
        entry(b, 279, 4, 1, 1);
        entry(b, 700, 1, xmp.length, xmpAt);
        b.putInt(0);
        b.put((byte) 0x80).put((byte) 0);
        b.put(xmp);
        return b.array();
    }

    /**
     * A 1 x 1 lossless WebP in the extended format (a VP8X chunk with the XMP flag) carrying
     * {@code packet} in an {@code XMP } chunk. The picture is the smallest VP8L bitstream there is.
     */
    static byte[] webpWithXmp(String packet) {
        byte[] vp8l = java.util.Base64.getDecoder().decode("VlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        riffChunk(body, "VP8X", new byte[] {0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        body.writeBytes(vp8l);
        riffChunk(body, "XMP ", packet.getBytes(StandardCharsets.UTF_8));
        return riff(body.toByteArray(), body.size());
    }

    /** A WebP whose RIFF header claims 4 GB and whose VP8X chunk claims 2 GB, in 36 bytes. */
    static byte[] webpWithHugeChunk() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBPVP8X".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFFFFF0).array());
        body.writeBytes(new byte[16]);
        return riff(body.toByteArray(), 0xFFFFFFF0);
    }

    private static byte[] riff(byte[] body, int declaredSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(declaredSize).array());
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void riffChunk(ByteArrayOutputStream out, String fourCc, byte[] data) {
        out.writeBytes(fourCc.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0); // RIFF pads chunks to an even length
        }
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    private static byte[] deflatedZeros(long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out, deflater, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                deflating.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Where the first extension or image block of a GIF starts: after the header, screen descriptor and global colour table. */
    private static int firstImageBlock(byte[] gif) {
        int flags = gif[10] & 0xFF;
        int table = (flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;
        int at = 13 + table;
        // The writer puts an application or comment extension first; frames start at the first graphic control or image block.
        while ((gif[at] & 0xFF) == 0x21 && (gif[at + 1] & 0xFF) != 0xF9) {
            at = skipExtension(gif, at);
        }
        return at;
    }

    private static int skipExtension(byte[] gif, int at) {
        at += 2;
        while ((gif[at] & 0xFF) != 0) {
            at += (gif[at] & 0xFF) + 1;
        }
        return at + 1;
    }

    private static int find(byte[] bytes, byte[] what, int from) {
        outer:
        for (int i = from; i <= bytes.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("marker not found");
    }

    private static BufferedImage picture(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed * 37 % 256, 90, 160), width, height,
                new Color(240, seed * 53 % 256, 40)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
