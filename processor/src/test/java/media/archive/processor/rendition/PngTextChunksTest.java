package media.archive.processor.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import media.archive.contracts.ImageFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's PNG decoder inflates text chunks without limit: those bombs fail before it reads them. */
class PngTextChunksTest {
    private final RenditionMaker maker = new RenditionMaker(List.of(new RenditionSpec("thumb", 256)), 150_000_000L, 0.82f);

    @Test
    void a_ztxt_chunk_inflating_to_100_mb_fails_as_too_large_before_decoding(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("bomb.png"), withChunkAfterIhdr(png(), "zTXt", compressedText(100L << 20)));

        assertThatThrownBy(() -> maker.make(file, null))
                .isInstanceOfSatisfying(RenditionException.class, e -> assertThat(e.reason()).isEqualTo(ImageFailed.TOO_LARGE))
                .hasMessageContaining("inflate to more than 16 MB");
    }

    @Test
    void a_ztxt_chunk_of_a_real_size_is_decoded_as_usual(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("caption.png"), withChunkAfterIhdr(png(), "zTXt", compressedText(200_000)));

        assertThat(maker.make(file, null).width()).isEqualTo(32);
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static byte[] compressedText(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1));
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] text = new byte[1 << 16];
            java.util.Arrays.fill(text, (byte) 'a');
            for (long left = bytes; left > 0; left -= text.length) {
                deflating.write(text, 0, (int) Math.min(text.length, left));
            }
        }
        return out.toByteArray();
    }

    private static byte[] withChunkAfterIhdr(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }
}
