package media.archive.contracts;

import java.util.regex.Pattern;

/**
 * Where the bytes of an image live in the bucket: {@code originals/<id>},
 * {@code renditions/<id>/<name>.<ext>} and ingest's marker {@code uploads/<id>.published}. A
 * takedown deletes every one of them: no other key names an image.
 */
public final class ObjectKeys {
    private static final Pattern RENDITION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private ObjectKeys() {
    }

    public static String original(ImageId id) {
        return "originals/" + id.value();
    }

    public static String rendition(ImageId id, String name, String extension) {
        if (!isRenditionName(name)) {
            throw new IllegalArgumentException("not a rendition name: " + name);
        }
        return "renditions/" + id.value() + "/" + name + "." + extension;
    }

    /** The prefix of every rendition and variant of image {@code id}: {@code renditions/<id>/}. */
    public static String renditionsOf(ImageId id) {
        return "renditions/" + id.value() + "/";
    }

    /**
     * Ingest's marker that the upload of {@code id} was stored and announced, so the same bytes
     * uploaded again are known without reading Kafka.
     */
    public static String uploadMarker(ImageId id) {
        return "uploads/" + id.value() + ".published";
    }

    /** Rendition names are short lower-case words, so they are safe in keys and URLs. */
    public static boolean isRenditionName(String name) {
        return name != null && RENDITION_NAME.matcher(name).matches();
    }
}
