package media.archive.api.html;

/**
 * The api's one escaper for HTML: text from records (captions, credits, search snippets) put into
 * element content or a quoted attribute can never become markup, and never carries a character
 * the <a href="https://html.spec.whatwg.org/multipage/parsing.html#preprocessing-the-input-stream">HTML
 * parser</a> reports as an error. Thread-safe (stateless).
 */
public final class HtmlText {
    private HtmlText() {
    }

    /** {@code text} with {@code & < > " '} escaped; safe in element content and in quoted attributes. Null is empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, 0, text.length(), out);
        return out.toString();
    }

    /** Appends {@code text[from, to)} escaped as {@link #escape(String)} does. */
    public static void escape(CharSequence text, int from, int to, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                        int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                        if (isNoncharacter(codePoint)) {
                            out.append('\uFFFD');
                        } else {
                            out.append(c).append(text.charAt(i + 1));
                        }
                        i++;
                    } else if (Character.isSurrogate(c) || isNoncharacter(c)) {
                        // A lone surrogate cannot be written as UTF-8; a noncharacter is a parse error.
                        out.append('\uFFFD');
                    } else if (isControl(c)) {
                        // Controls other than white space are parse errors, and some break parsers
                        // downstream (XML feeds, terminals); in a caption they are debris of old systems.
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
            i++;
        }
    }

    /** C0 controls but tab, line feed, form feed and carriage return; DEL and the C1 controls. */
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
