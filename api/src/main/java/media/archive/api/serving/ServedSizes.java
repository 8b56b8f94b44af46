package media.archive.api.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Rendition;

/**
 * The sizes in which a ready image can be fetched: its renditions, and the widths of the
 * allow-list that {@code ?w=} makes from them (or from the original, when it is larger and
 * needs no turning). Pages build {@code srcset} from these, oEmbed picks the largest that fits.
 *
 * <p>Every path carries the image's rights version ({@code ?v=}, then {@code &w=} for a width):
 * the picture at that path carries those rights for good, so it is cached for a year, and an
 * edit of the credits gives the picture a new path. Every rendition URL the archive hands out
 * is built here.
 */
public final class ServedSizes {
    /** Originals in these formats are read by the JDK, so wide variants may be made from them. */
    private static final Set<String> DECODABLE_ORIGINALS = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp");

    private ServedSizes() {
    }

    /** The path of rendition {@code name} of {@code record}, with the rights version, under the archive's origin. */
    public static String path(ImageRecord record, String name) {
        return "/v1/images/" + record.id() + "/renditions/" + name + "?v=" + RenditionRights.version(record);
    }

    /** The path of rendition {@code name} at {@code width} ({@code ?w=}), with the rights version. */
    static String path(ImageRecord record, String name, int width) {
        return path(record, name) + "&w=" + width;
    }

    /** One size: its path under the archive's origin and its exact pixel size. */
    public record Size(String path, int width, int height) {
    }

    /** The largest rendition, the image's default picture; empty when the image has none. */
    public static Optional<Rendition> largest(ImageRecord record) {
        return record.renditions().stream().max(Comparator.comparingInt(Rendition::width));
    }

    /** Every size of the image, narrowest first, one per width. */
    public static List<Size> all(ImageRecord record, List<Integer> widths) {
        Optional<Rendition> largest = largest(record);
        if (largest.isEmpty()) {
            return List.of();
        }
        List<Size> sizes = new ArrayList<>();
        // A picture smaller than the rendition sizes has several renditions of its own width (the
        // processor never enlarges): srcset may name each width once only, the largest first.
        sizes.add(new Size(path(record, largest.get().name()), largest.get().width(), largest.get().height()));
        for (Rendition rendition : record.renditions()) {
            if (sizes.stream().noneMatch(s -> s.width() == rendition.width())) {
                sizes.add(new Size(path(record, rendition.name()), rendition.width(), rendition.height()));
            }
        }
        int widest = widestVariant(record);
        for (int width : widths) {
            int w = width;
            if (w <= widest && sizes.stream().noneMatch(s -> s.width() == w)) {
                sizes.add(new Size(path(record, largest.get().name(), w), w, heightFor(record, w)));
            }
        }
        sizes.sort(Comparator.comparingInt(Size::width));
        return List.copyOf(sizes);
    }

    /** The widest size that fits in {@code maxWidth} x {@code maxHeight} (null: no bound). */
    public static Optional<Size> largestFitting(ImageRecord record, List<Integer> widths, Integer maxWidth, Integer maxHeight) {
        return all(record, widths).stream()
                .filter(s -> (maxWidth == null || s.width() <= maxWidth) && (maxHeight == null || s.height() <= maxHeight))
                .max(Comparator.comparingInt(Size::width));
    }

    /** The width a {@code ?w=} variant actually has: no variant is wider than its best source. */
    static int variantWidth(ImageRecord record, int requested) {
        return Math.min(requested, widestVariant(record));
    }

    /** The height of a variant {@code width} wide, with the aspect of the largest rendition (which is turned upright). */
    static int heightFor(ImageRecord record, int width) {
        Rendition largest = largest(record).orElseThrow();
        return Math.max(1, Math.round((float) width * largest.height() / largest.width()));
    }

    /** Whether the original can serve as the source of variants wider than every rendition. */
    static boolean originalUsable(ImageRecord record) {
        Integer orientation = record.metadata().orientation();
        return record.metadata().width() != null && record.metadata().height() != null
                && (orientation == null || orientation == 1)
                && record.contentType() != null && DECODABLE_ORIGINALS.contains(record.contentType());
    }

    private static int widestVariant(ImageRecord record) {
        int largest = largest(record).map(Rendition::width).orElse(0);
        return originalUsable(record) ? Math.max(largest, record.metadata().width()) : largest;
    }
}
