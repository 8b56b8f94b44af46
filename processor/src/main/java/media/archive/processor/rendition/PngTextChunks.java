package media.archive.processor.rendition;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.InflaterInputStream;
import media.archive.contracts.ImageFailed;

/**
 * Checks a PNG's compressed chunks before the JDK's PNG decoder reads them: that decoder inflates
 * every zTXt and compressed iTXt chunk before the first IDAT into a string it keeps, with no
 * limit, so a 100 KB chunk of zeros costs 300 MB of heap and a few of them exhaust it. A PNG whose
 * zTXt and iTXt chunks inflate to more than {@link #MAX_INFLATED_BYTES} together fails as
 * {@code too-large} before any decoding; the pixels are not looked at. An iCCP chunk is left
 * alone: the decoder keeps the profile compressed (a 100 MB one decodes in milliseconds within a
 * 256 MB heap), and the metadata reader bounds its own inflation. Stateless and thread-safe.
 */
final class PngTextChunks {
    /** Most bytes the compressed chunks of one PNG may inflate to: no real caption or profile comes near. */
    static final long MAX_INFLATED_BYTES = 16L * 1024 * 1024;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int ZTXT = 0x7A545874;
    private static final int ITXT = 0x69545874;
    /** A compressed chunk read to be measured; larger ones are measured no further (the decoder refuses them). */
    private static final int MAX_CHUNK_BYTES = 64 * 1024 * 1024;

    private PngTextChunks() {
    }

    /** Throws {@code too-large} when {@code file} is a PNG whose compressed chunks inflate beyond the limit; else nothing. */
    static void check(Path file) throws IOException, RenditionException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (!Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE)) {
                return;
            }
            long left = MAX_INFLATED_BYTES;
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                int type = in.readInt();
                if (type == IDAT || type == IEND) {
                    return; // the decoder reads no chunk after the first IDAT before the pixels
                }
                boolean compressed = type == ZTXT || type == ITXT;
                if (!compressed || length > MAX_CHUNK_BYTES) {
                    in.skipNBytes(length + 4);
                    continue;
                }
                byte[] data = in.readNBytes((int) length);
                in.skipNBytes(4);
                left -= inflated(type, data, left);
                if (left < 0) {
                    throw new RenditionException(ImageFailed.TOO_LARGE, "the PNG's compressed text chunks "
                            + "inflate to more than " + MAX_INFLATED_BYTES / (1024 * 1024) + " MB, which its decoder would hold in memory");
                }
            }
        } catch (EOFException e) {
            // A file cut short: the decoder says what it makes of it.
        }
    }

    /** What the chunk's zlib stream inflates to, counted up to just past {@code limit}. */
    private static long inflated(int type, byte[] data, long limit) {
        int nul = indexOfNul(data, 0);
        int start;
        if (nul < 0) {
            return 0;
        } else if (type == ITXT) {
            if (nul + 2 >= data.length || data[nul + 1] != 1) {
                return 0; // stored uncompressed: its size is its length
            }
            int language = indexOfNul(data, nul + 3);
            int translated = language < 0 ? -1 : indexOfNul(data, language + 1);
            if (translated < 0) {
                return 0;
            }
            start = translated + 1;
        } else {
            start = nul + 2;
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream inflating = new InflaterInputStream(new ByteArrayInputStream(data, start, data.length - start))) {
            int n;
            while (total <= limit && (n = inflating.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // Broken compressed data: the decoder reports it.
        }
        return total;
    }

    private static int indexOfNul(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
