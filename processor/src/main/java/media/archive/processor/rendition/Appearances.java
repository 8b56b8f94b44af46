package media.archive.processor.rendition;

import java.awt.image.BufferedImage;
import java.util.HexFormat;
import media.archive.contracts.Appearance;

/**
 * Computes an image's {@link Appearance} from a small rendition of it (the thumbnail, already
 * made): a <a href="https://blurha.sh">BlurHash</a> placeholder, the dominant colour and a 64-bit
 * difference hash (dHash). Each works on a few hundred pixels, so it costs well under a
 * millisecond. Stateless and thread-safe.
 */
final class Appearances {
    private static final String BASE83 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    private static final double[] SRGB_TO_LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double v = i / 255.0;
            SRGB_TO_LINEAR[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
    }

    private Appearances() {
    }

    static Appearance of(BufferedImage small) {
        return new Appearance(blurHash(small), dominantColor(small), differenceHash(small));
    }

    /**
     * The BlurHash of {@code image} with 4 x 3 components (3 x 4 for portraits), computed as the
     * reference implementation does (woltapp/blurhash, encode.ts) on a copy of at most 32 px.
     */
    static String blurHash(BufferedImage image) {
        boolean portrait = image.getHeight() > image.getWidth();
        int cx = portrait ? 3 : 4;
        int cy = portrait ? 4 : 3;
        int w = Math.min(32, image.getWidth());
        int h = Math.min(32, image.getHeight());
        int[] rgb = areaAverage(image, w, h);
        double[][] factors = new double[cx * cy][3];
        for (int j = 0; j < cy; j++) {
            for (int i = 0; i < cx; i++) {
                double normalisation = i == 0 && j == 0 ? 1 : 2;
                double r = 0;
                double g = 0;
                double b = 0;
                for (int y = 0; y < h; y++) {
                    double basisY = Math.cos(Math.PI * j * y / h);
                    for (int x = 0; x < w; x++) {
                        double basis = normalisation * Math.cos(Math.PI * i * x / w) * basisY;
                        int p = rgb[y * w + x];
                        r += basis * SRGB_TO_LINEAR[(p >> 16) & 0xFF];
                        g += basis * SRGB_TO_LINEAR[(p >> 8) & 0xFF];
                        b += basis * SRGB_TO_LINEAR[p & 0xFF];
                    }
                }
                double scale = 1.0 / (w * h);
                factors[j * cx + i] = new double[] {r * scale, g * scale, b * scale};
            }
        }
        StringBuilder hash = new StringBuilder();
        base83(hash, (cx - 1) + (cy - 1) * 9, 1);
        double maximum = 0;
        for (int k = 1; k < factors.length; k++) {
            for (double v : factors[k]) {
                maximum = Math.max(maximum, Math.abs(v));
            }
        }
        int quantisedMaximum = (int) Math.max(0, Math.min(82, Math.floor(maximum * 166 - 0.5)));
        double maximumValue = (quantisedMaximum + 1) / 166.0;
        base83(hash, quantisedMaximum, 1);
        double[] dc = factors[0];
        base83(hash, (linearToSrgb(dc[0]) << 16) + (linearToSrgb(dc[1]) << 8) + linearToSrgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] ac = factors[k];
            int qr = quantiseAc(ac[0], maximumValue);
            int qg = quantiseAc(ac[1], maximumValue);
            int qb = quantiseAc(ac[2], maximumValue);
            base83(hash, qr * 19 * 19 + qg * 19 + qb, 2);
        }
        return hash.toString();
    }

    private static int quantiseAc(double value, double maximumValue) {
        double v = value / maximumValue;
        double signPow = Math.copySign(Math.pow(Math.abs(v), 0.5), v);
        return (int) Math.max(0, Math.min(18, Math.floor(signPow * 9 + 9.5)));
    }

    private static int linearToSrgb(double value) {
        double v = Math.max(0, Math.min(1, value));
        return v <= 0.0031308 ? (int) (v * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void base83(StringBuilder out, int value, int length) {
        for (int i = 1; i <= length; i++) {
            int digit = (int) (value / Math.pow(83, length - i)) % 83;
            out.append(BASE83.charAt(digit));
        }
    }

    /**
     * The colour most of the picture has: pixels are grouped by their top four bits per channel
     * and the mean of the largest group is taken, so a blue sky wins over the many shades of a
     * busy foreground only when it really covers more.
     */
    static String dominantColor(BufferedImage image) {
        int w = Math.min(64, image.getWidth());
        int h = Math.min(64, image.getHeight());
        int[] rgb = areaAverage(image, w, h);
        int[] count = new int[4096];
        long[][] sum = new long[4096][3];
        for (int p : rgb) {
            int bucket = ((p >> 12) & 0xF00) | ((p >> 8) & 0xF0) | ((p >> 4) & 0xF);
            count[bucket]++;
            sum[bucket][0] += (p >> 16) & 0xFF;
            sum[bucket][1] += (p >> 8) & 0xFF;
            sum[bucket][2] += p & 0xFF;
        }
        int best = 0;
        for (int bucket = 1; bucket < count.length; bucket++) {
            if (count[bucket] > count[best]) {
                best = bucket;
            }
        }
        int n = count[best];
        return String.format("#%02x%02x%02x", sum[best][0] / n, sum[best][1] / n, sum[best][2] / n);
    }

    /**
     * The 64-bit difference hash: the picture shrunk to 9 x 8 grey values, one bit per pair of
     * horizontal neighbours (set when the left one is brighter). Resizing, recompression and
     * small colour changes flip few bits; a different picture flips about half.
     */
    static String differenceHash(BufferedImage image) {
        int[] rgb = areaAverage(image, 9, 8);
        long bits = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                bits = (bits << 1) | (luma(rgb[y * 9 + x]) > luma(rgb[y * 9 + x + 1]) ? 1 : 0);
            }
        }
        return HexFormat.of().toHexDigits(bits);
    }

    private static double luma(int p) {
        return 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
    }

    /**
     * {@code image} shrunk to {@code w} x {@code h} by averaging every source pixel into the
     * target pixel it falls in (a box filter: exact, and enough for a few dozen pixels).
     */
    static int[] areaAverage(BufferedImage image, int w, int h) {
        int sw = image.getWidth();
        int sh = image.getHeight();
        int[] source = image.getRGB(0, 0, sw, sh, null, 0, sw);
        long[] r = new long[w * h];
        long[] g = new long[w * h];
        long[] b = new long[w * h];
        int[] n = new int[w * h];
        for (int y = 0; y < sh; y++) {
            int ty = (int) ((long) y * h / sh);
            for (int x = 0; x < sw; x++) {
                int t = ty * w + (int) ((long) x * w / sw);
                int p = source[y * sw + x];
                r[t] += (p >> 16) & 0xFF;
                g[t] += (p >> 8) & 0xFF;
                b[t] += p & 0xFF;
                n[t]++;
            }
        }
        int[] out = new int[w * h];
        for (int t = 0; t < out.length; t++) {
            int c = Math.max(1, n[t]);
            out[t] = (int) ((r[t] + c / 2) / c) << 16 | (int) ((g[t] + c / 2) / c) << 8 | (int) ((b[t] + c / 2) / c);
        }
        return out;
    }
}
