package media.archive.processor.metadata;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * Reads a PNG's metadata chunks once, skipping the image data (IDAT), and keeps the text of a
 * {@code Raw profile type iptc} chunk, which metadata-extractor reads as bare IIM although
 * ImageMagick and GIMP wrap the IIM in Photoshop resources there.
 */
final class PngChunks {
    private static final Set<PngChunkType> METADATA = Set.of(PngChunkType.IHDR, PngChunkType.PLTE, PngChunkType.tRNS,
            PngChunkType.cHRM, PngChunkType.sRGB, PngChunkType.gAMA, PngChunkType.iCCP, PngChunkType.bKGD,
            PngChunkType.tEXt, PngChunkType.zTXt, PngChunkType.iTXt, PngChunkType.tIME, PngChunkType.pHYs,
            PngChunkType.sBIT, PngChunkType.eXIf);
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String RAW_IPTC = "Raw profile type iptc";
    private static final int MAX_TEXT = 4 * 1024 * 1024;

    private PngChunks() {
    }

    /** The metadata of the PNG in {@code in}, and the raw IPTC profile's text (or null). */
    record Read(Metadata metadata, String rawIptcProfile) {
    }

    static Read read(InputStream in, Warnings warnings) throws ImageProcessingException, IOException {
        Iterable<PngChunk> chunks = new PngChunkReader().extract(new StreamReader(in), METADATA);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE);
        String rawIptc = null;
        for (PngChunk chunk : chunks) {
            String text = rawIptc == null ? rawIptcText(chunk, warnings) : null;
            if (text != null) {
                rawIptc = text;
            } else {
                write(png, chunk.getType().getIdentifier(), chunk.getBytes());
            }
        }
        write(png, "IEND", new byte[0]);
        Metadata metadata = PngMetadataReader.readMetadata(new ByteArrayInputStream(png.toByteArray()));
        return new Read(metadata, rawIptc);
    }

    /** The text of a tEXt or zTXt chunk named "Raw profile type iptc", else null. */
    private static String rawIptcText(PngChunk chunk, Warnings warnings) {
        String type = chunk.getType().getIdentifier();
        byte[] bytes = chunk.getBytes();
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
            return new String(bytes, nul + 1, bytes.length - nul - 1, StandardCharsets.ISO_8859_1);
        }
        try (InputStream inflated = new InflaterInputStream(new ByteArrayInputStream(bytes, nul + 2, Math.max(0, bytes.length - nul - 2)))) {
            return new String(inflated.readNBytes(MAX_TEXT), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            warnings.add("PNG raw IPTC profile unreadable: " + e.getMessage());
            return "";
        }
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
