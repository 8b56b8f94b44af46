package media.archive.processor.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import media.archive.contracts.Appearance;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;

class AppearancesTest {
    /**
     * The expected hashes are what the reference implementation (the npm package {@code blurhash}
     * 2.0.5, {@code encode(pixels, w, h, cx, cy)}) answers for the same pixels. These pictures have
     * their largest AC component positive: there the TypeScript port and the C reference (which
     * scales by the largest absolute value, as this implementation does) agree.
     */
    @Test
    void the_placeholder_is_the_blurhash_the_reference_implementation_computes() {
        assertThat(Appearances.blurHash(gradient(32, 24))).isEqualTo("L;HoHl|^$4xFq8odjtkAgufjfPfj");
        assertThat(Appearances.blurHash(gradient(20, 30))).isEqualTo("T=HxyD|_,Yq7odjtgcfifQo_oKjt");
    }

    @Test
    void the_dominant_colour_is_the_colour_covering_most_of_the_picture() {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                // 60 % sky blue, 40 % in a hundred scattered shades of which none covers 1 %.
                image.setRGB(x, y, y < 60 ? 0x3366cc : (x * 2) << 16 | (y * 2) << 8 | 0x10);
            }
        }

        assertThat(Appearances.dominantColor(image)).isEqualTo("#3366cc");
    }

    @Test
    void the_perceptual_hash_survives_resizing_and_recompression_but_tells_pictures_apart() throws Exception {
        RenditionMaker maker = new RenditionMaker(List.of(new RenditionSpec("thumb", 256), new RenditionSpec("medium", 1024)),
                150_000_000L, 0.82f);
        RenditionSet landscape = maker.make(TestImages.path("reo_Landscape_1.jpg"), 1);
        BufferedImage medium = ImageIO.read(new ByteArrayInputStream(landscape.renditions().get(0).jpeg()));
        Appearance other = maker.make(TestImages.path("mei_Canon_EOS_7D.jpg"), 1).appearance();

        String fromThumb = landscape.appearance().perceptualHash();
        String fromMedium = Appearances.differenceHash(medium);

        assertThat(hamming(fromThumb, fromMedium)).isLessThanOrEqualTo(4);
        assertThat(hamming(fromThumb, other.perceptualHash())).isGreaterThan(16);
        assertThat(landscape.appearance().placeholder()).hasSize(28);
        assertThat(landscape.appearance().dominantColor()).matches("#[0-9a-f]{6}");
    }

    private static int hamming(String a, String b) {
        return Long.bitCount(Long.parseUnsignedLong(a, 16) ^ Long.parseUnsignedLong(b, 16));
    }

    /** The picture the reference hashes were computed from: red and green falling gradients, a fine blue pattern. */
    private static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 255 - x * 255 / (w - 1);
                int g = 255 - y * 255 / (h - 1);
                int b = ((x + y) % 7) * 30;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }
}
