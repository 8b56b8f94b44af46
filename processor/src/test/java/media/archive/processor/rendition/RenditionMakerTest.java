package media.archive.processor.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import media.archive.contracts.ImageFailed;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;

class RenditionMakerTest {
    private static final List<RenditionSpec> THUMB_AND_MEDIUM = List.of(
            new RenditionSpec("thumb", 256), new RenditionSpec("medium", 1024));

    private final RenditionMaker maker = new RenditionMaker(THUMB_AND_MEDIUM, 150_000_000L, 0.82f);

    @Test
    void makes_every_rendition_within_its_long_edge_largest_first() throws Exception {
        RenditionSet set = maker.make(TestImages.path("reo_Landscape_1.jpg"), 1);

        assertThat(set.width()).isEqualTo(1800);
        assertThat(set.height()).isEqualTo(1200);
        assertThat(set.renditions()).extracting(RenditionImage::name).containsExactly("medium", "thumb");
        assertSize(set, "medium", 1024, 683);
        assertSize(set, "thumb", 256, 171);
    }

    @Test
    void turns_a_picture_stored_sideways_upright_by_its_exif_orientation() throws Exception {
        BufferedImage upright = thumb(maker.make(TestImages.path("reo_Landscape_1.jpg"), 1));
        BufferedImage turned = thumb(maker.make(TestImages.path("reo_Landscape_6.jpg"), 6));

        assertThat(turned.getWidth()).isEqualTo(upright.getWidth());
        assertThat(turned.getHeight()).isEqualTo(upright.getHeight());
        // The same photo: only resampling and JPEG noise between them, while a mirror image differs widely.
        assertThat(meanDifference(turned, upright)).isLessThan(8);
        assertThat(meanDifference(mirrored(turned), upright)).isGreaterThan(20);
    }

    @Test
    void never_enlarges_a_picture_smaller_than_a_rendition() throws Exception {
        RenditionSet set = maker.make(TestImages.path("mei_Samsung_GT-I9000_(Galaxy_S).jpg"), 6);

        assertSize(set, "medium", 480, 640);
        assertSize(set, "thumb", 192, 256);
    }

    @Test
    void decodes_a_cmyk_jpeg() throws Exception {
        RenditionSet set = maker.make(TestImages.path("grid_cmyk.jpg"), 1);

        assertSize(set, "medium", 5, 4);
    }

    @Test
    void converts_a_picture_in_adobe_rgb_to_srgb() throws Exception {
        RenditionSet set = maker.make(TestImages.path("grid_guardian-turner.jpg"), 1);
        BufferedImage rendition = ImageIO.read(new ByteArrayInputStream(set.renditions().get(0).jpeg()));
        // ImageIO alone hands out the Adobe RGB values as if they were sRGB.
        BufferedImage unconverted = ImageIO.read(TestImages.path("grid_guardian-turner.jpg").toFile());

        assertThat(meanDifference(rendition, unconverted)).isBetween(3.0, 20.0);
    }

    @Test
    void converts_other_rgb_spaces_to_srgb_and_lays_transparency_on_white() {
        ColorSpace linear = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
        ComponentColorModel model = new ComponentColorModel(linear, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage linearGrey = new BufferedImage(model, model.createCompatibleWritableRaster(1, 1), false, null);
        linearGrey.getRaster().setPixel(0, 0, new int[] {128, 128, 128});
        BufferedImage transparent = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);

        int grey = BufferedImages.opaqueSrgb(linearGrey).getRGB(0, 0) & 0xFF;
        int background = BufferedImages.opaqueSrgb(transparent).getRGB(0, 0) & 0xFFFFFF;

        assertThat(grey).isBetween(180, 195); // linear 50 % is sRGB 188
        assertThat(background).isEqualTo(0xFFFFFF);
    }

    @Test
    void an_empty_file_is_undecodable() {
        assertThatThrownBy(() -> maker.make(TestImages.path("grid_thisisnotanimage.jpg"), null))
                .isInstanceOfSatisfying(RenditionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageFailed.UNDECODABLE));
    }

    @Test
    void a_jpeg_without_frame_header_is_undecodable_with_the_decoders_reason() {
        assertThatThrownBy(() -> maker.make(TestImages.path("kim_photo_45.jpg"), null))
                .isInstanceOfSatisfying(RenditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageFailed.UNDECODABLE);
                    assertThat(e.getMessage()).contains("SOF");
                });
    }

    @Test
    void heic_is_an_unsupported_format() {
        assertThatThrownBy(() -> maker.make(TestImages.path("mei_IMG_2927.HEIC"), 1))
                .isInstanceOfSatisfying(RenditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageFailed.UNSUPPORTED_FORMAT);
                    assertThat(e.getMessage()).contains("HEIF");
                });
    }

    @Test
    void refuses_pictures_above_the_pixel_limit_from_their_header() {
        RenditionMaker strict = new RenditionMaker(THUMB_AND_MEDIUM, 2_000_000L, 0.82f);

        // 1800 x 1200 = 2.16 MP
        assertThatThrownBy(() -> strict.make(TestImages.path("reo_Landscape_1.jpg"), 1))
                .isInstanceOfSatisfying(RenditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageFailed.TOO_LARGE);
                    assertThat(e.getMessage()).contains("1800 x 1200");
                });
    }

    @Test
    void an_image_that_takes_longer_than_the_budget_fails_as_too_large() {
        RenditionMaker hasty = new RenditionMaker(THUMB_AND_MEDIUM, 150_000_000L, 0.82f, java.awt.Color.WHITE,
                java.time.Duration.ofNanos(1));

        assertThatThrownBy(() -> hasty.make(TestImages.path("reo_Landscape_1.jpg"), 1))
                .isInstanceOfSatisfying(RenditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageFailed.TOO_LARGE);
                    assertThat(e.getMessage()).contains("processing budget");
                });
    }

    @Test
    void rendition_specs_are_parsed_and_checked() {
        assertThat(RenditionSpec.parse("medium:1024")).isEqualTo(new RenditionSpec("medium", 1024));
        assertThatThrownBy(() -> RenditionSpec.parse("Medium:1024")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenditionSpec.parse("medium")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenditionSpec.parse("medium:huge")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenditionSpec("tiny", 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenditionMaker(List.of(new RenditionSpec("a", 100), new RenditionSpec("a", 200)), 1, 0.8f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSize(RenditionSet set, String name, int width, int height) throws IOException {
        RenditionImage image = set.renditions().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(image.width()).as(name + " width").isEqualTo(width);
        assertThat(image.height()).as(name + " height").isEqualTo(height);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.jpeg()));
        assertThat(decoded.getWidth()).as(name + " JPEG width").isEqualTo(width);
        assertThat(decoded.getHeight()).as(name + " JPEG height").isEqualTo(height);
    }

    private static BufferedImage thumb(RenditionSet set) throws IOException {
        byte[] jpeg = set.renditions().stream().filter(r -> r.name().equals("thumb")).findFirst().orElseThrow().jpeg();
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static BufferedImage mirrored(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
            }
        }
        return out;
    }

    /** Mean absolute difference per 8-bit channel. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
