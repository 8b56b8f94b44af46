package media.archive.processor.rendition;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import media.archive.metadata.writer.MetadataWriter;
import media.archive.metadata.writer.WrittenMetadata;

/**
 * Encodes renditions as progressive baseline-compatible JPEGs (what browsers show first in coarse,
 * then in full detail) with no metadata but the {@link Credit}: an EXIF segment with
 * {@code Artist} and {@code Copyright} (TIFF 6.0 tags 315 and 33432) and an XMP packet with
 * {@code dc:creator} and {@code dc:rights} for names outside ASCII. Thread-safe: each call uses
 * its own writer.
 */
final class JpegEncoder {
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    /** The largest packet kept: well inside the 64 KB of a JPEG segment. */
    private static final int MAX_XMP = 60_000;

    private final float quality;

    JpegEncoder(float quality) {
        this.quality = quality;
    }

    /** {@code image} (8-bit RGB or grey) as a JPEG carrying {@code credit}. */
    byte[] encode(BufferedImage image, Credit credit) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        // An in-memory stream: ImageIO's default file cache would put temporary files on disk.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        if (credit.isEmpty()) {
            return jpeg;
        }
        List<byte[]> segments = new ArrayList<>(2);
        segments.add(app1(EXIF_ID, exif(credit)));
        byte[] xmp = xmp(credit);
        // An absurdly long credit still fits EXIF (cut); XMP then stays out rather than break the JPEG.
        if (xmp != null) {
            segments.add(app1(XMP_ID, xmp));
        }
        return withSegments(jpeg, segments);
    }

    /** Inserts {@code segments} after SOI and the JFIF APP0 segment, where readers look for EXIF. */
    static byte[] withSegments(byte[] jpeg, List<byte[]> segments) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
        out.write(jpeg, 0, at);
        segments.forEach(out::writeBytes);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static byte[] app1(byte[] identifier, byte[] payload) {
        int length = 2 + identifier.length + payload.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a JPEG segment holds at most 64 KB");
        }
        ByteBuffer segment = ByteBuffer.allocate(2 + length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(identifier).put(payload);
        return segment.array();
    }

    /** A big-endian TIFF structure with IFD0 holding Artist and Copyright (values NUL-terminated, UTF-8). */
    static byte[] exif(Credit credit) {
        List<int[]> tags = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        if (!credit.creators().isEmpty()) {
            // TIFF 6.0: several artists are separated by "; ".
            tags.add(new int[] {0x013B});
            values.add(nulTerminated(String.join("; ", credit.creators())));
        }
        if (credit.copyright() != null) {
            tags.add(new int[] {0x8298});
            values.add(nulTerminated(credit.copyright()));
        }
        int ifdSize = 2 + 12 * tags.size() + 4;
        int dataStart = 8 + ifdSize;
        int total = dataStart + values.stream().mapToInt(v -> v.length > 4 ? v.length + (v.length & 1) : 0).sum();
        ByteBuffer tiff = ByteBuffer.allocate(total);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) tags.size());
        int offset = dataStart;
        for (int i = 0; i < tags.size(); i++) {
            byte[] value = values.get(i);
            tiff.putShort((short) tags.get(i)[0]).putShort((short) 2).putInt(value.length);
            if (value.length <= 4) {
                tiff.put(java.util.Arrays.copyOf(value, 4));
            } else {
                tiff.putInt(offset);
                offset += value.length + (value.length & 1);
            }
        }
        tiff.putInt(0);
        for (byte[] value : values) {
            if (value.length > 4) {
                tiff.put(value);
                if ((value.length & 1) == 1) {
                    tiff.put((byte) 0);
                }
            }
        }
        return tiff.array();
    }

    private static byte[] nulTerminated(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(utf8, Math.min(utf8.length, 8000) + 1);
    }

    /**
     * An XMP packet (ISO 16684-1) with dc:creator (ordered) and dc:rights (x-default), written by the
     * metadata writer's XMPCore (which escapes what XML must); null when it would not fit a segment.
     */
    static byte[] xmp(Credit credit) {
        return MetadataWriter.compactXmp(
                new WrittenMetadata(null, null, credit.creators(), null, credit.copyright(), null, null), MAX_XMP);
    }
}
