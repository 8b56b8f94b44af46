package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentSnifferTest {
    /** First 32 bytes of drewnoakes/metadata-extractor-images {@code heic/IMG_2927.HEIC}: major brand heic. */
    private static final String APPLE_HEIC = "000000206674797068656963000000006d6966316d6961664d69484268656963";
    /** First 32 bytes of drewnoakes/metadata-extractor-images {@code avif/Issue 649.avif}: major brand avif. */
    private static final String AVIF = "0000001c667479706176696600000000617669666d6966316d69616600000175";
    /** First 32 bytes of drewnoakes/metadata-extractor-images {@code tif/Issue 16.tif}: "II*\0". */
    private static final String LITTLE_ENDIAN_TIFF = "49492a00080000001a00fe00040001000000000000000001030001000000d802";

    @ParameterizedTest
    @CsvSource({
            "getty.jpg, image/jpeg",
            "pa.jpg, image/jpeg",
            "no-sof.jpg, image/jpeg",
            "xmp-swedish.png, image/png",
            "xmp-only.webp, image/webp",
    })
    void recognises_real_files_by_their_first_bytes(String fixture, String expected) {
        assertThat(sniff(head(fixture))).contains(expected);
    }

    @Test
    void recognises_heic_from_an_iphone() {
        assertThat(sniff(hex(APPLE_HEIC))).contains("image/heic");
    }

    @Test
    void recognises_avif() {
        assertThat(sniff(hex(AVIF))).contains("image/avif");
    }

    @Test
    void recognises_little_endian_tiff() {
        assertThat(sniff(hex(LITTLE_ENDIAN_TIFF))).contains("image/tiff");
    }

    @ParameterizedTest
    @CsvSource({"gif, image/gif", "bmp, image/bmp", "tiff, image/tiff"})
    void recognises_files_written_by_the_jdk_encoders(String format, String expected) {
        assertThat(sniff(encoded(format))).contains(expected);
    }

    @Test
    void the_jdk_writes_big_endian_tiff_which_is_recognised_too() {
        byte[] tiff = encoded("tiff");
        assertThat(new String(tiff, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("MM");
        assertThat(sniff(tiff)).contains("image/tiff");
    }

    @Test
    void a_heif_whose_major_brand_is_structural_is_named_by_its_compatible_brands() {
        // ftyp size 24, major mif1, minor 0, compatible mif1 heic
        byte[] mif1Heic = hex("00000018" + "66747970" + "6d696631" + "00000000" + "6d696631" + "68656963");
        byte[] mif1Only = hex("00000014" + "66747970" + "6d696631" + "00000000" + "6d696631");
        byte[] mif1Avif = hex("00000018" + "66747970" + "6d696631" + "00000000" + "6d696631" + "61766966");
        assertThat(sniff(mif1Heic)).contains("image/heic");
        assertThat(sniff(mif1Only)).contains("image/heif");
        assertThat(sniff(mif1Avif)).contains("image/avif");
    }

    @Test
    void refuses_an_mp4_video_although_it_is_iso_media_too() {
        // ftyp isom with compatible isom iso2 avc1 mp41, as ffmpeg writes it
        byte[] mp4 = hex("00000020" + "66747970" + "69736f6d" + "00000200" + "69736f6d" + "69736f32" + "61766331" + "6d703431");
        assertThat(sniff(mp4)).isEmpty();
    }

    @Test
    void refuses_a_heic_brand_that_lies_outside_the_ftyp_box() {
        // box size 16 says there are no compatible brands; the "heic" after it belongs to the next box
        byte[] video = hex("00000010" + "66747970" + "69736f6d" + "00000000" + "68656963");
        assertThat(sniff(video)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "'%PDF-1.7\n%\u00e2\u00e3'",
            "'<!DOCTYPE html><html>'",
            "'PK\u0003\u0004 zip archive'",
            "'RIFF\u0024\u0000\u0000\u0000WAVEfmt '",
            "'GIF8'",
            "'BM is not a bitmap by itself'",
            "'II but no forty-two'",
    })
    void refuses_what_is_not_an_image(String text) {
        assertThat(sniff(text.getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void refuses_an_empty_or_one_byte_file() {
        assertThat(ContentSniffer.sniff(new byte[ContentSniffer.HEAD_BYTES], 0)).isEmpty();
        assertThat(ContentSniffer.sniff(new byte[] {(byte) 0xFF}, 1)).isEmpty();
    }

    @Test
    void judges_only_the_bytes_it_is_told_are_there() {
        byte[] buffer = Arrays.copyOf(head("getty.jpg"), ContentSniffer.HEAD_BYTES);
        assertThat(ContentSniffer.sniff(buffer, 2)).isEmpty();
        assertThat(ContentSniffer.sniff(buffer, 3)).contains("image/jpeg");
    }

    private static Optional<String> sniff(byte[] bytes) {
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, ContentSniffer.HEAD_BYTES));
        return ContentSniffer.sniff(head, head.length);
    }

    private static byte[] head(String fixture) {
        try (InputStream in = ContentSnifferTest.class.getResourceAsStream("/images/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return in.readNBytes(ContentSniffer.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] encoded(String format) {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xC0FFEE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).as("the JDK writes " + format).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
