package media.archive.processor.rendition;

import media.archive.contracts.ObjectKeys;

/**
 * One rendition to make: its name (part of its S3 key and URL) and the length of its long edge.
 *
 * @param name     a short lower-case word, see {@link ObjectKeys#isRenditionName(String)}
 * @param longEdge the long edge in pixels, 16 to 8192; smaller pictures keep their own size
 */
public record RenditionSpec(String name, int longEdge) {
    public RenditionSpec {
        if (!ObjectKeys.isRenditionName(name)) {
            throw new IllegalArgumentException("not a rendition name: " + name);
        }
        if (longEdge < 16 || longEdge > 8192) {
            throw new IllegalArgumentException("rendition " + name + ": long edge must be 16 to 8192 px, not " + longEdge);
        }
    }

    /** Parses {@code name:longEdge}, as in {@code medium:1024}. */
    public static RenditionSpec parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a rendition is name:longEdge, not '" + text + "'");
        }
        try {
            return new RenditionSpec(text.substring(0, colon).strip(), Integer.parseInt(text.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rendition is name:longEdge, not '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return name + ":" + longEdge;
    }
}
