package media.archive.processor.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Renditions show the picture as its author saw it: upright, in its colours, in every input format. */
class RenditionFidelityTest {
    private static final List<RenditionSpec> DEFAULTS = List.of(new RenditionSpec("thumb", 256),
            new RenditionSpec("small", 512), new RenditionSpec("medium", 1024), new RenditionSpec("large", 2048));

    private final RenditionMaker maker = new RenditionMaker(DEFAULTS, 150_000_000L, 0.82f);

    @TempDir
    Path temp;

    @Test
    void all_eight_exif_orientations_give_the_same_upright_rendition() throws Exception {
        List<BufferedImage> thumbs = new ArrayList<>();
        for (int orientation = 1; orientation <= 8; orientation++) {
            RenditionSet set = maker.make(TestImages.path("reo_Landscape_" + orientation + ".jpg"), orientation);
            assertThat(set.width()).as("orientation %d width", orientation).isEqualTo(1800);
            assertThat(set.height()).as("orientation %d height", orientation).isEqualTo(1200);
            thumbs.add(decode(rendition(set, "thumb")));
        }
        for (int a = 0; a < thumbs.size(); a++) {
            for (int b = a + 1; b < thumbs.size(); b++) {
                assertThat(Pixels.meanDifference(thumbs.get(a), thumbs.get(b)))
                        .as("orientations %d and %d", a + 1, b + 1).isLessThanOrEqualTo(4.0);
            }
        }
        // The check can fail: a picture left mirrored is far from the upright one.
        assertThat(Pixels.meanDifference(Pixels.mirrored(thumbs.get(0)), thumbs.get(1))).isGreaterThan(20);
    }

    @ParameterizedTest(name = "{0} ({1}) matches libvips")
    @CsvSource({
            "kim_photo_4.jpg, Display P3, 256, 171",
            "mei_Canon_EOS_7D.jpg, Adobe RGB, 171, 256",
            "mei_Multiple_ICC_segments.jpg, CMYK with SWOP profile, 140, 140"})
    void colours_match_the_libvips_reference_rendition(String file, String what, int width, int height) throws Exception {
        RenditionSet set = maker.make(TestImages.path(file), 1);
        BufferedImage ours = decode(rendition(set, "thumb"));
        String stem = file.substring(0, file.lastIndexOf('.'));
        BufferedImage vips = ImageIO.read(TestImages.path("../vips/" + stem + ".vips-256.png").toFile());

        assertThat(ours.getWidth()).isEqualTo(vips.getWidth()).isEqualTo(width);
        assertThat(ours.getHeight()).isEqualTo(vips.getHeight()).isEqualTo(height);
        double[] difference = Pixels.meanChannelDifferences(ours, vips);
        assertThat(java.util.Arrays.stream(difference).max().orElseThrow()).as(what + java.util.Arrays.toString(difference)).isLessThanOrEqualTo(6.0);
    }

    @Test
    void an_adobe_rgb_picture_left_unconverted_would_fail_the_libvips_comparison() throws Exception {
        // The comparison above can fail: Adobe RGB values shown as if they were sRGB are far off.
        BufferedImage unconverted = Pixels.rawValuesAsSrgb(TestImages.path("mei_Canon_EOS_7D.jpg"));
        BufferedImage thumb = Pixels.resized(unconverted, 171, 256);
        BufferedImage vips = ImageIO.read(TestImages.path("../vips/mei_Canon_EOS_7D.vips-256.png").toFile());

        assertThat(java.util.Arrays.stream(Pixels.meanChannelDifferences(thumb, vips)).max().orElseThrow()).isGreaterThan(6.0);
    }

    @Test
    void grey_pictures_stay_grey() throws Exception {
        for (String file : List.of("ci_image.jpeg", "grid_grayscale-with-profile.jpg")) {
            RenditionSet set = maker.make(TestImages.path(file), 1);
            BufferedImage thumb = decode(rendition(set, "thumb"));
            assertThat(thumb.getColorModel().getNumComponents()).as(file).isEqualTo(1);
        }
    }

    @Test
    void a_16_bit_png_is_rendered_in_its_colours() throws Exception {
        RenditionSet set = maker.make(TestImages.path("ci_28569.png"), null);
        BufferedImage thumb = decode(rendition(set, "thumb"));
        BufferedImage reference = ImageIO.read(TestImages.path("ci_28569.png").toFile());

        assertThat(set.renditions()).extracting(RenditionImage::name).containsExactly("large", "medium", "small", "thumb");
        assertThat(rendition(set, "large").width()).isEqualTo(800); // never enlarged
        assertThat(thumb.getWidth()).isEqualTo(256);
        assertThat(Pixels.meanDifference(thumb, Pixels.resized(reference, 256, thumb.getHeight()))).isLessThan(4);
    }

    @Test
    void a_16_bit_tiff_is_rendered_like_the_same_picture_in_8_bits() throws Exception {
        BufferedImage png = ImageIO.read(TestImages.path("ci_28569.png").toFile());
        Path tiff = temp.resolve("picture.tif");
        writeSixteenBitTiff(png, tiff);

        BufferedImage fromTiff = decode(rendition(maker.make(tiff, null), "thumb"));
        BufferedImage fromPng = decode(rendition(maker.make(TestImages.path("ci_28569.png"), null), "thumb"));

        assertThat(png.getRaster().getTransferType()).isEqualTo(java.awt.image.DataBuffer.TYPE_USHORT);
        assertThat(Pixels.meanDifference(fromTiff, fromPng)).isLessThan(1.5);
    }

    @Test
    void webp_gif_and_bmp_inputs_give_the_same_picture_as_the_jpeg() throws Exception {
        Path original = TestImages.path("reo_Landscape_1.jpg");
        BufferedImage picture = ImageIO.read(original.toFile());
        BufferedImage expected = decode(rendition(maker.make(original, 1), "thumb"));
        for (String format : List.of("gif", "bmp")) {
            Path file = temp.resolve("picture." + format);
            assertThat(ImageIO.write(picture, format, file.toFile())).isTrue();
            BufferedImage thumb = decode(rendition(maker.make(file, null), "thumb"));
            // GIF has 256 colours only: its dithering is the difference.
            assertThat(Pixels.meanDifference(thumb, expected)).as(format).isLessThan(format.equals("gif") ? 12 : 3);
        }
        RenditionSet webp = maker.make(TestImages.path("frp_meta.webp"), null);
        assertThat(rendition(webp, "thumb").width()).isEqualTo(256);
        assertThat(Pixels.meanDifference(decode(rendition(webp, "medium")),
                ImageIO.read(TestImages.path("frp_meta.webp").toFile()))).isLessThan(4);
    }

    @Test
    void transparency_is_laid_on_the_configured_background() throws Exception {
        BufferedImage clear = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        Path png = temp.resolve("clear.png");
        ImageIO.write(clear, "png", png.toFile());
        RenditionMaker onRed = new RenditionMaker(DEFAULTS, 150_000_000L, 0.82f, new Color(0xCC0000), Duration.ofSeconds(10));

        BufferedImage white = decode(rendition(maker.make(png, null), "thumb"));
        BufferedImage red = decode(rendition(onRed.make(png, null), "thumb"));

        assertThat(Pixels.channels(white.getRGB(20, 10))).containsExactly(255, 255, 255);
        assertThat(Pixels.channels(red.getRGB(20, 10))).satisfies(c -> {
            assertThat(c[0]).isBetween(195, 215);
            assertThat(c[1]).isLessThan(10);
            assertThat(c[2]).isLessThan(10);
        });
    }

    /** The JDK's own TIFF writer keeps 16-bit samples (TwelveMonkeys' writer takes 8-bit ones only). */
    private static void writeSixteenBitTiff(BufferedImage image, Path file) throws IOException {
        javax.imageio.ImageWriter writer = null;
        for (var writers = ImageIO.getImageWritersByFormatName("tiff"); writers.hasNext(); ) {
            javax.imageio.ImageWriter candidate = writers.next();
            if (candidate.getClass().getName().startsWith("com.sun.")) {
                writer = candidate;
            }
        }
        assertThat(writer).as("the JDK's TIFF writer").isNotNull();
        Files.deleteIfExists(file);
        try (var out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    private static RenditionImage rendition(RenditionSet set, String name) {
        return set.renditions().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static BufferedImage decode(RenditionImage image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image.jpeg()));
    }
}
