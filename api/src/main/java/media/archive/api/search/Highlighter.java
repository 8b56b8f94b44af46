package media.archive.api.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import media.archive.api.index.IndexFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks the words of a query in a caption or headline: the text is cut into words by the index's
 * own analyzer, so a highlighted word is exactly one that matched (any case, accent or inflected
 * form). The snippet is a window of the text around the first match, HTML-escaped, with each
 * match in {@code <mark>}. Thread-safe.
 */
final class Highlighter {
    /** Characters of context before the first match. */
    private static final int BEFORE = 60;
    /** Length of a snippet, about two lines of a result list. */
    private static final int LENGTH = 240;

    private final Analyzer analyzer;

    Highlighter(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The snippet of {@code text} with {@code terms} marked, or null when none occurs. */
    String snippet(String text, Set<String> terms) {
        if (text == null || text.isEmpty() || terms.isEmpty()) {
            return null;
        }
        List<int[]> matches = new ArrayList<>();
        int windowEnd = Integer.MAX_VALUE;
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (offset.startOffset() >= windowEnd) {
                    break;
                }
                if (terms.contains(term.toString())) {
                    if (matches.isEmpty()) {
                        windowEnd = Math.max(0, offset.startOffset() - BEFORE) + LENGTH;
                    }
                    matches.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze text held in memory", e);
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
            escape(text, at, match[0], out);
            out.append("<mark>");
            escape(text, match[0], match[1], out);
            out.append("</mark>");
            at = match[1];
        }
        escape(text, at, end, out);
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

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
