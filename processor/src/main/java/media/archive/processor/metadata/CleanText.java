package media.archive.processor.metadata;

import java.util.Locale;
import java.util.Set;

/**
 * Cleans embedded text before it reaches the record: control characters (NUL padding, stray
 * escape bytes, C1 controls from mis-decoded text) are dropped, line breaks are kept only where a
 * field may have paragraphs, and surrounding white space is trimmed. Values that only stand for
 * "nothing" become absent. Length is bounded where the value becomes a candidate
 * ({@link Candidates#MAX_CHARS}), so that the cut can be reported.
 */
final class CleanText {
    /** Texts that software writes when it has nothing to say. */
    private static final Set<String> PLACEHOLDERS = Set.of("null", "(null)", "undefined", "unknown");

    /**
     * Descriptions that cameras write by default ("OLYMPUS DIGITAL CAMERA", "SONY DSC"); they say
     * nothing about the picture. Any text ending in "digital camera" counts too.
     */
    private static final Set<String> CAMERA_DESCRIPTIONS = Set.of(
            "sony dsc", "dcim", "exif_jpeg_picture", "default", "image", "picture");

    private CleanText() {
    }

    /** A one-line value (a name, a credit, a title): every line break or tab becomes a space. */
    static String line(String raw) {
        return clean(raw, false);
    }

    /** A value that may have paragraphs (a caption): line breaks are kept as {@code \n}. */
    static String paragraphs(String raw) {
        return clean(raw, true);
    }

    /** Whether {@code description} is only what a camera writes by default, such as its own make. */
    static boolean isCameraDefault(String description, String make) {
        String lower = description.toLowerCase(Locale.ROOT);
        return CAMERA_DESCRIPTIONS.contains(lower) || lower.endsWith("digital camera")
                || (make != null && lower.equals(make.toLowerCase(Locale.ROOT)));
    }

    private static String clean(String raw, boolean keepLineBreaks) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r') {
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    continue; // the \n that follows stands for both
                }
                c = '\n';
            }
            if (c == '\n') {
                out.append(keepLineBreaks ? '\n' : ' ');
            } else if (c == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(c) && c != '\uFEFF') {
                out.append(c);
            }
        }
        String text = out.toString().strip();
        if (text.isEmpty() || PLACEHOLDERS.contains(text.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return text;
    }
}
