package media.archive.contracts;

import java.util.Objects;

/** One derived image stored in S3 under {@code key}. */
public record Rendition(String name, int width, int height, long bytes, String contentType, String key) {
    public Rendition {
        if (!ObjectKeys.isRenditionName(name)) {
            throw new IllegalArgumentException("not a rendition name: " + name);
        }
        if (width <= 0 || height <= 0 || bytes <= 0) {
            throw new IllegalArgumentException("a rendition has positive width, height and size");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(key, "key");
    }
}
