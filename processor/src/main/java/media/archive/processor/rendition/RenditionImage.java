package media.archive.processor.rendition;

import java.util.Objects;

/**
 * One rendition made: its name, its size as displayed and its JPEG bytes. The array is the
 * caller's to keep; it is not copied, and equality is by identity of the bytes.
 */
public record RenditionImage(String name, int width, int height, byte[] jpeg) {
    public RenditionImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jpeg, "jpeg");
        if (width <= 0 || height <= 0 || jpeg.length == 0) {
            throw new IllegalArgumentException("a rendition has pixels and bytes");
        }
    }
}
