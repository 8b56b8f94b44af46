package media.archive.ingest.upload;

/**
 * Turns the file name a client sent into one that is safe to show and store: the base name
 * only (browsers on Windows and some tools send whole paths), no control characters, no bidi
 * overrides that could disguise an extension, at most {@value #MAX_CHARS} characters.
 */
final class FileNames {
    static final int MAX_CHARS = 255;

    private FileNames() {
    }

    /** The cleaned name, or {@code null} when nothing usable is left. */
    static String sanitise(String raw) {
        if (raw == null) {
            return null;
        }
        String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(Math.min(base.length(), MAX_CHARS));
        base.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && !isBidiControl(cp))
                .forEach(clean::appendCodePoint);
        String name = clean.toString().strip();
        if (name.length() > MAX_CHARS) {
            int cut = MAX_CHARS;
            // Never split a surrogate pair: half a character is not text.
            if (Character.isHighSurrogate(name.charAt(cut - 1))) {
                cut--;
            }
            name = name.substring(0, cut).strip();
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? null : name;
    }

    /** The explicit embeddings, overrides and isolates of Unicode's bidi algorithm (UAX #9), and the marks. */
    private static boolean isBidiControl(int cp) {
        return cp == 0x200E || cp == 0x200F || cp == 0x061C
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
