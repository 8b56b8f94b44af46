package media.archive.api.serving;

/**
 * Entity tags of renditions and the {@code If-None-Match} check.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-if-none-match">RFC 9110, If-None-Match</a>
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * The strong tag of rendition {@code name} of image {@code id} stamped with rights
     * {@code version}. Image ids name content and a rendition is made once per image, so id, name
     * and rights version identify the bytes for good.
     */
    static String rendition(String id, String name, String version) {
        return "\"" + id + "-" + name + "-" + version + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header matches {@code tag}: {@code *}, or a list with
     * the tag in it. The comparison is weak, as the RFC prescribes for this header.
     */
    static boolean noneMatchHits(String header, String tag) {
        if (header == null || header.isBlank()) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.equals("*")) {
                return true;
            }
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
