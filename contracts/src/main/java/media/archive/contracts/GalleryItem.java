package media.archive.contracts;

import java.util.Objects;

/**
 * One picture of a gallery: the image, and the gallery's own caption and credit line for it
 * (each null to show the image's caption and the credit made from its creator and credit).
 */
public record GalleryItem(ImageId image, String caption, String creditLine) {
    public GalleryItem {
        Objects.requireNonNull(image, "image");
    }
}
