package media.archive.contracts;

import java.util.regex.Pattern;

/**
 * How an image looks at a glance, computed from its pixels: a tiny placeholder for pages to
 * show while the picture loads, its dominant colour, and a 64-bit perceptual hash for finding
 * near-duplicates (a small Hamming distance between two hashes means similar pictures).
 *
 * @param placeholder    a BlurHash string (blurha.sh), or null
 * @param dominantColor  {@code #rrggbb}, or null
 * @param perceptualHash 16 lower-case hex digits, or null
 */
public record Appearance(String placeholder, String dominantColor, String perceptualHash) {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-f]{6}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");

    public Appearance {
        if (dominantColor != null && !COLOR.matcher(dominantColor).matches()) {
            throw new IllegalArgumentException("dominantColor is #rrggbb in lower case, not " + dominantColor);
        }
        if (perceptualHash != null && !HASH.matcher(perceptualHash).matches()) {
            throw new IllegalArgumentException("perceptualHash is 16 lower-case hex digits, not " + perceptualHash);
        }
    }
}
