package media.archive.processor.rendition;

import java.util.List;
import java.util.Objects;
import media.archive.contracts.Appearance;

/**
 * Every rendition of one original, largest first, with the original's size as displayed (after
 * the EXIF orientation), what the decoder complained about without giving up (a truncated
 * file, say), and how the picture looks at a glance (placeholder, dominant colour, hash).
 */
public record RenditionSet(int width, int height, List<RenditionImage> renditions, List<String> warnings,
                           Appearance appearance) {
    public RenditionSet {
        renditions = List.copyOf(renditions);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(appearance, "appearance");
    }
}
