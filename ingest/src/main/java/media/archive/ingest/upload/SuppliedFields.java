package media.archive.ingest.upload;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import media.archive.contracts.EmbargoInstant;
import media.archive.contracts.SuppliedMetadata;
import media.archive.platform.http.ApiException;

/**
 * The text parts a photographer may send beside the file ({@code caption}, {@code creator},
 * {@code credit}, {@code keywords} as a comma-separated list, {@code embargoUntil} as an ISO-8601
 * instant before which no public route serves the picture, {@code assignment} naming the job it was
 * filed for), checked against limits a newsroom
 * caption never reaches, so that an upload cannot smuggle megabytes of text into every index.
 */
final class SuppliedFields {
    static final String CAPTION = "caption";
    static final String CREATOR = "creator";
    static final String CREDIT = "credit";
    static final String KEYWORDS = "keywords";
    static final String EMBARGO_UNTIL = "embargoUntil";
    static final String ASSIGNMENT = "assignment";
    static final Set<String> NAMES = Set.of(CAPTION, CREATOR, CREDIT, KEYWORDS, EMBARGO_UNTIL, ASSIGNMENT);

    /** Bytes read of any one text part before it is refused. */
    static final int MAX_PART_BYTES = 64 * 1024;
    static final int MAX_CAPTION_CHARS = 10_000;
    static final int MAX_NAME_CHARS = 1_000;
    static final int MAX_KEYWORD_CHARS = 200;
    static final int MAX_KEYWORDS = 200;

    private SuppliedFields() {
    }

    /** The metadata in {@code raw} (field name to text as sent); throws a 400 {@link ApiException} when a value is too long. */
    static SuppliedMetadata toMetadata(Map<String, String> raw) {
        String caption = multiLine(raw.get(CAPTION));
        String creator = singleLine(raw.get(CREATOR));
        String credit = singleLine(raw.get(CREDIT));
        String assignment = singleLine(raw.get(ASSIGNMENT));
        requireAtMost(CAPTION, caption, MAX_CAPTION_CHARS);
        requireAtMost(ASSIGNMENT, assignment, MAX_KEYWORD_CHARS);
        requireAtMost(CREATOR, creator, MAX_NAME_CHARS);
        requireAtMost(CREDIT, credit, MAX_NAME_CHARS);
        List<String> keywords = new ArrayList<>();
        String keywordText = singleLine(raw.get(KEYWORDS));
        if (keywordText != null) {
            for (String keyword : keywordText.split(",")) {
                String k = keyword.strip();
                if (k.isEmpty()) {
                    continue;
                }
                requireAtMost("each keyword", k, MAX_KEYWORD_CHARS);
                keywords.add(k);
            }
        }
        if (keywords.size() > MAX_KEYWORDS) {
            throw ApiException.badRequest("send at most " + MAX_KEYWORDS + " keywords");
        }
        return new SuppliedMetadata(caption, creator, credit, keywords, embargoUntil(raw.get(EMBARGO_UNTIL)), assignment);
    }

    /** The embargo's end, null when not sent or blank; a 400 naming the field when it is not an instant. */
    private static Instant embargoUntil(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EmbargoInstant.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(EMBARGO_UNTIL + " must be an ISO-8601 instant such as 2026-12-04T06:00:00Z");
        }
    }

    private static void requireAtMost(String what, String value, int maxChars) {
        if (value != null && value.codePointCount(0, value.length()) > maxChars) {
            throw ApiException.badRequest(what + " must be at most " + maxChars + " characters");
        }
    }

    /** Line breaks and tabs kept (a caption has paragraphs), CRLF made LF, other control characters dropped. */
    private static String multiLine(String text) {
        if (text == null) {
            return null;
        }
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder clean = new StringBuilder(lf.length());
        lf.codePoints()
                .filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp))
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }

    /** Control characters, line breaks included, become spaces: names and keywords are one line. */
    private static String singleLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints()
                .map(cp -> Character.isISOControl(cp) ? ' ' : cp)
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
