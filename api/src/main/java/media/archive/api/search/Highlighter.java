package media.archive.api.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import media.archive.api.html.HtmlText;
import media.archive.api.index.AnalyzedText;
import org.apache.lucene.analysis.Analyzer;

/**
 * Marks the words of a query in a caption or headline: the text is cut into words by the index's
 * own analyzer, so a highlighted word is exactly one that matched (any case, accent or inflected
 * form). The snippet is a window of the text around the first match, HTML-escaped, with each
 * match in {@code <mark>}. The words of recently highlighted texts are kept, so the same hit
 * found again (the next page, the same search repeated, a search for other words) is not
 * analysed again. Thread-safe.
 */
final class Highlighter {
    /** Characters of context before the first match. */
    private static final int BEFORE = 60;
    /** Length of a snippet, about two lines of a result list. */
    private static final int LENGTH = 240;
    /** About how much memory the kept words of texts may take. */
    private static final long MAX_KEPT_BYTES = 16L * 1024 * 1024;

    private final Analyzer analyzer;
    private final Cache<String, AnalyzedText> analysed = Caffeine.newBuilder()
            .maximumWeight(MAX_KEPT_BYTES)
            .weigher((String text, AnalyzedText words) -> 2 * text.length() + words.bytes())
            .build();

    Highlighter(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The snippet of {@code text} with {@code terms} marked, or null when none occurs. */
    String snippet(String text, Set<String> terms) {
        if (text == null || text.isEmpty() || terms.isEmpty()) {
            return null;
        }
        AnalyzedText words = analysed.get(text, value -> AnalyzedText.of(analyzer, value));
        List<int[]> matches = new ArrayList<>();
        int windowEnd = Integer.MAX_VALUE;
        for (int i = 0; i < words.size() && words.startOffset(i) < windowEnd; i++) {
            if (terms.contains(words.term(i))) {
                if (matches.isEmpty()) {
                    windowEnd = Math.max(0, words.startOffset(i) - BEFORE) + LENGTH;
                }
                matches.add(new int[] {words.startOffset(i), words.endOffset(i)});
            }
        }
        if (matches.isEmpty()) {
            return null;
        }
        int start = wordStart(text, Math.max(0, matches.get(0)[0] - BEFORE));
        int end = Math.min(text.length(), Math.max(start + LENGTH, matches.get(matches.size() - 1)[1]));
        StringBuilder out = new StringBuilder(LENGTH + 64);
        if (start > 0) {
            out.append('…');
        }
        int at = start;
        for (int[] match : matches) {
            if (match[0] < at || match[1] > end) {
                continue;
            }
            HtmlText.escape(text, at, match[0], out);
            out.append("<mark>");
            HtmlText.escape(text, match[0], match[1], out);
            out.append("</mark>");
            at = match[1];
        }
        HtmlText.escape(text, at, end, out);
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /** Moves {@code from} forward to the start of a word, so a snippet does not begin mid-word. */
    private static int wordStart(String text, int from) {
        if (from == 0) {
            return 0;
        }
        int space = from;
        while (space < text.length() && space < from + 20 && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        return space < text.length() && Character.isWhitespace(text.charAt(space)) ? space + 1 : from;
    }
}
