package media.archive.processor.rendition;

import java.awt.image.BufferedImage;

/** Measures between pictures of the same size, in 8-bit sRGB values. */
final class Pixels {
    private Pixels() {
    }

    static int[] channels(int rgb) {
        return new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    }

    /** Mean absolute difference of the red, green and blue values, each on its own. */
    static double[] meanChannelDifferences(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
                    + " and " + b.getWidth() + "x" + b.getHeight());
        }
        long[] sum = new long[3];
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int[] p = channels(a.getRGB(x, y));
                int[] q = channels(b.getRGB(x, y));
                for (int c = 0; c < 3; c++) {
                    sum[c] += Math.abs(p[c] - q[c]);
                }
            }
        }
        double n = (double) a.getWidth() * a.getHeight();
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    /** Mean absolute difference over all three channels. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        double[] d = meanChannelDifferences(a, b);
        return (d[0] + d[1] + d[2]) / 3;
    }

    static BufferedImage mirrored(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
            }
        }
        return out;
    }

    static BufferedImage resized(BufferedImage image, int width, int height) throws java.io.IOException {
        return net.coobird.thumbnailator.Thumbnails.of(image).forceSize(width, height)
                .imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
    }

    /**
     * The picture in {@code file} as its decoder stores it before any colour conversion (values
     * in the embedded profile), relabelled as sRGB: what a viewer ignoring profiles shows.
     */
    static BufferedImage rawValuesAsSrgb(java.nio.file.Path file) throws java.io.IOException {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
            for (var types = reader.getImageTypes(0); types.hasNext(); ) {
                javax.imageio.ImageTypeSpecifier type = types.next();
                java.awt.color.ColorSpace space = type.getColorModel().getColorSpace();
                if (space.getType() == java.awt.color.ColorSpace.TYPE_RGB && !space.isCS_sRGB()) {
                    param.setDestinationType(type);
                }
            }
            java.awt.image.Raster raster = reader.read(0, param).getRaster();
            reader.dispose();
            BufferedImage out = new BufferedImage(raster.getWidth(), raster.getHeight(), BufferedImage.TYPE_INT_RGB);
            int[] p = new int[raster.getNumBands()];
            for (int y = 0; y < raster.getHeight(); y++) {
                for (int x = 0; x < raster.getWidth(); x++) {
                    raster.getPixel(x, y, p);
                    out.setRGB(x, y, p[0] << 16 | p[1] << 8 | p[2]);
                }
            }
            return out;
        }
    }
}
