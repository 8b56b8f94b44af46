package media.archive.api.embed;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Short texts made from a caption for titles and descriptions: its first sentence, or its start
 * cut at a word. Sentences end where Unicode says they do (UAX #29, as the JDK's sentence
 * iterator applies it), so the Bengali danda "।" and the CJK full stop "。" end one as "." does.
 * Thread-safe (stateless).
 */
final class CaptionText {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A word of at most three letters, capitalised, before a full stop: "Dr.", "St.", "U.S." end no sentence. */
    private static final Pattern ABBREVIATION = Pattern.compile("(?:^|\\s)\\p{Lu}[\\p{L}.]{0,2}\\.$");

    private CaptionText() {
    }

    /** The first sentence of {@code text}, at most {@code max} characters (then cut as {@link #shorten} does); null for blank text. */
    static String firstSentence(String text, int max) {
        String flat = flat(text);
        if (flat == null) {
            return null;
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(flat);
        int end = sentences.next();
        while (end != BreakIterator.DONE && end < flat.length() && ABBREVIATION.matcher(flat.substring(0, end).stripTrailing()).find()) {
            end = sentences.next();
        }
        String first = end == BreakIterator.DONE ? flat : flat.substring(0, end).strip();
        return shorten(first, max);
    }

    /**
     * {@code text} on one line, cut to at most {@code max} characters: at the last space when there
     * is one in the second half (a word is never cut), else at a character (scripts written without
     * spaces), with "…" at the cut; null for blank text.
     */
    static String shorten(String text, int max) {
        String flat = flat(text);
        if (flat == null || flat.length() <= max) {
            return flat;
        }
        int cut = max - 1;
        if (Character.isLowSurrogate(flat.charAt(cut))) {
            cut--;
        }
        int space = flat.lastIndexOf(' ', cut);
        if (space > max / 2) {
            cut = space;
        }
        return flat.substring(0, cut).stripTrailing() + "…";
    }

    /** Runs of white space (line breaks of a caption) as one space, the ends stripped; null for blank text. */
    private static String flat(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return SPACES.matcher(text.strip()).replaceAll(" ");
    }
}
