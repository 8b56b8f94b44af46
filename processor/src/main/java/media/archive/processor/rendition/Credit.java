package media.archive.processor.rendition;

import java.util.List;

/**
 * The only metadata a rendition keeps: who made the picture and who holds its rights. IPTC's
 * guidance is to carry the credit into derivatives; everything else (GPS, camera serials,
 * captions) is stripped.
 *
 * @param creators  the creators, in order; empty when unknown
 * @param copyright the copyright notice, or null
 */
public record Credit(List<String> creators, String copyright) {
    /** No credit to write. */
    public static final Credit NONE = new Credit(List.of(), null);

    public Credit {
        creators = creators == null ? List.of()
                : creators.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        copyright = copyright == null || copyright.isBlank() ? null : copyright.strip();
    }

    boolean isEmpty() {
        return creators.isEmpty() && copyright == null;
    }
}
