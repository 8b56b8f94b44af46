package media.archive.processor.rendition;

import java.util.List;

/**
 * Every rendition of one original, largest first, with the original's size as displayed (after
 * the EXIF orientation) and what the decoder complained about without giving up (a truncated
 * file, say).
 */
public record RenditionSet(int width, int height, List<RenditionImage> renditions, List<String> warnings) {
    public RenditionSet {
        renditions = List.copyOf(renditions);
        warnings = List.copyOf(warnings);
    }
}
