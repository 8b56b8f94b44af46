package media.archive.api.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import media.archive.api.index.IndexFields;
import media.archive.contracts.ImageId;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The search language editors type, read by a small hand-written parser (no Lucene syntax reaches
 * users): words that must all match, {@code "phrases"}, {@code -negation}, {@code OR} between
 * two terms, field filters such as {@code by:"Trần Trung"}, dates such as
 * {@code taken:2025-10-01..2025-10-31}, flags ({@code has:gps}, {@code is:failed}) and
 * {@code similar:<id>}. Anything it cannot read is refused with an {@link InvalidSearchException}
 * whose message names the position (1-based character) of the problem. The work is bounded: at
 * most {@value #MAX_LENGTH} characters and {@value #MAX_TERMS} terms, no wildcards or
 * regular expressions.
 */
final class QueryLanguage {
    static final int MAX_LENGTH = 1_000;
    static final int MAX_TERMS = 32;
    /** Pictures whose perceptual hashes differ in at most this many of 64 bits look alike. */
    static final int SIMILAR_DISTANCE = 10;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,64}");
    private static final Pattern FILTER = Pattern.compile("([A-Za-z][A-Za-z-]*):");

    /** A query as Lucene runs it, and the words to highlight in captions and headlines. */
    record Parsed(Query query, boolean positive, Set<String> highlightTerms) {
    }

    private final Analyzer analyzer;
    private final Function<ImageId, Optional<Long>> perceptualHashes;
    private final Clock clock;

    /**
     * @param perceptualHashes the perceptual hash of an image, empty when the image or its hash is
     *                         unknown; answers {@code similar:}
     */
    QueryLanguage(Analyzer analyzer, Function<ImageId, Optional<Long>> perceptualHashes) {
        this(analyzer, perceptualHashes, Clock.systemUTC());
    }

    /** @param clock the moment of each query, for {@code is:embargoed} */
    QueryLanguage(Analyzer analyzer, Function<ImageId, Optional<Long>> perceptualHashes, Clock clock) {
        this.analyzer = analyzer;
        this.perceptualHashes = perceptualHashes;
        this.clock = clock;
    }

    /**
     * Reads {@code text}. {@code positive} is false when nothing but negations remained (the
     * caller matches every image then, minus those), null query when nothing searchable is left.
     */
    Parsed parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSearchException("the query is " + text.length() + " characters long; at most "
                    + MAX_LENGTH + " are read");
        }
        return new Reader(text).read();
    }

    /** One term of the query: optional minus, optional filter name, a word or a phrase. */
    private record Clause(int position, boolean negated, String filter, String value, boolean quoted) {
    }

    private final class Reader {
        private final String text;
        private int pos;
        private final Set<String> highlight = new LinkedHashSet<>();
        private int terms;

        Reader(String text) {
            this.text = text;
        }

        Parsed read() {
            List<List<Clause>> groups = new ArrayList<>();
            boolean pendingOr = false;
            int orPosition = -1;
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    break;
                }
                if (text.startsWith("OR", pos) && (pos + 2 == text.length() || Character.isWhitespace(text.charAt(pos + 2)))) {
                    if (groups.isEmpty() || pendingOr) {
                        throw at(pos, "OR needs a term on both sides");
                    }
                    pendingOr = true;
                    orPosition = pos;
                    pos += 2;
                    continue;
                }
                Clause clause = clause();
                if (clause == null) {
                    continue;
                }
                if (++terms > MAX_TERMS) {
                    throw at(clause.position(), "a query has at most " + MAX_TERMS + " terms");
                }
                if (pendingOr) {
                    if (clause.negated() || groups.get(groups.size() - 1).get(0).negated()) {
                        throw at(orPosition, "a negated term cannot be part of OR");
                    }
                    groups.get(groups.size() - 1).add(clause);
                    pendingOr = false;
                } else {
                    groups.add(new ArrayList<>(List.of(clause)));
                }
            }
            if (pendingOr) {
                throw at(orPosition, "OR needs a term on both sides");
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            boolean positive = false;
            boolean any = false;
            for (List<Clause> group : groups) {
                List<Query> alternatives = new ArrayList<>();
                boolean negated = group.get(0).negated();
                for (Clause clause : group) {
                    Query query = query(clause);
                    if (query != null) {
                        alternatives.add(query);
                    }
                }
                if (alternatives.isEmpty()) {
                    continue;
                }
                Query query;
                if (alternatives.size() == 1) {
                    query = alternatives.get(0);
                } else {
                    BooleanQuery.Builder either = new BooleanQuery.Builder();
                    alternatives.forEach(q -> either.add(q, BooleanClause.Occur.SHOULD));
                    query = either.build();
                }
                all.add(query, negated ? BooleanClause.Occur.MUST_NOT : BooleanClause.Occur.MUST);
                positive |= !negated;
                any = true;
            }
            return new Parsed(any ? all.build() : null, positive, Set.copyOf(highlight));
        }

        private Clause clause() {
            int start = pos;
            boolean negated = false;
            if (text.charAt(pos) == '-' && pos + 1 < text.length() && !Character.isWhitespace(text.charAt(pos + 1))) {
                negated = true;
                pos++;
            }
            String filter = null;
            Matcher name = FILTER.matcher(text).region(pos, text.length());
            if (name.lookingAt()) {
                String candidate = name.group(1).toLowerCase(Locale.ROOT);
                boolean url = text.startsWith("//", name.end());
                if (SearchVocabulary.FILTERS.containsKey(candidate)) {
                    filter = candidate;
                    pos = name.end();
                } else if (!url) {
                    throw at(pos, "unknown filter " + name.group(1) + ": (known filters: " + SearchVocabulary.filterNames() + ")");
                }
            }
            if (pos < text.length() && text.charAt(pos) == '"') {
                int open = pos;
                int close = text.indexOf('"', pos + 1);
                if (close < 0) {
                    throw at(open, "this quote is not closed");
                }
                String phrase = text.substring(open + 1, close);
                pos = close + 1;
                if (phrase.isBlank()) {
                    throw at(open, "an empty phrase");
                }
                return new Clause(start, negated, filter, phrase, true);
            }
            int end = pos;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String value = text.substring(pos, end);
            int valueAt = pos;
            pos = end;
            if (value.isEmpty()) {
                if (filter != null) {
                    throw at(valueAt, filter + ": needs a value");
                }
                return null;
            }
            if (value.indexOf('*') >= 0) {
                throw at(valueAt + value.indexOf('*'), "wildcards are not supported; words match their other forms by themselves");
            }
            if (filter == null && value.length() > 2 && value.startsWith("/") && value.endsWith("/")) {
                throw at(valueAt, "regular expressions are not supported");
            }
            return new Clause(start, negated, filter, value, false);
        }

        private Query query(Clause clause) {
            if (clause.filter() == null) {
                List<String> words = words(clause.value());
                if (words.isEmpty()) {
                    if (clause.quoted()) {
                        throw at(clause.position(), "this phrase has no words");
                    }
                    // Punctuation or symbols alone: nothing to look for.
                    return null;
                }
                if (!clause.negated()) {
                    highlight.addAll(words);
                }
                return wordsIn(IndexFields.TEXT, words);
            }
            SearchVocabulary.Filter filter = SearchVocabulary.FILTERS.get(clause.filter());
            String value = clause.value();
            return switch (filter.kind()) {
                case TEXT -> textQuery(clause, filter);
                case ID -> idQuery(clause);
                case DATE -> dateQuery(clause, filter.field());
                case FLAG -> {
                    String wanted = value.toLowerCase(Locale.ROOT);
                    SearchVocabulary.Flag flag = filter.values().stream()
                            .filter(candidate -> candidate.value().equals(wanted))
                            .findFirst()
                            .orElseThrow(() -> at(clause.position(),
                                    filter.name() + ": takes " + SearchVocabulary.valueNames(filter)));
                    yield flag.term() == null
                            ? LongPoint.newRangeQuery(flag.field(), Math.addExact(clock.millis(), 1), Long.MAX_VALUE)
                            : new TermQuery(new Term(flag.field(), flag.term()));
                }
                case SIMILAR -> similarQuery(clause);
            };
        }

        private Query textQuery(Clause clause, SearchVocabulary.Filter filter) {
            String value = clause.value();
            List<String> words = words(value);
            if (words.isEmpty()) {
                throw at(clause.position(), filter.name() + ": needs a word");
            }
            Query inField = wordsIn(filter.field(), words);
            if (filter.field().equals(IndexFields.FILE_NAME)) {
                BooleanQuery.Builder either = new BooleanQuery.Builder();
                either.add(inField, BooleanClause.Occur.SHOULD);
                either.add(new TermQuery(new Term(IndexFields.FILE_NAME_EXACT, value.strip().toLowerCase(Locale.ROOT))),
                        BooleanClause.Occur.SHOULD);
                return either.build();
            }
            return inField;
        }

        private Query idQuery(Clause clause) {
            String value = clause.value().toLowerCase(Locale.ROOT);
            if (!HEX.matcher(value).matches()) {
                throw at(clause.position(), "id: takes an image id, or at least its first 4 hex digits");
            }
            return value.length() == 64
                    ? new TermQuery(new Term(IndexFields.ID, value))
                    : new PrefixQuery(new Term(IndexFields.ID, value));
        }

        private Query similarQuery(Clause clause) {
            String value = clause.value().toLowerCase(Locale.ROOT);
            if (!ImageId.isValid(value)) {
                throw at(clause.position(), "similar: takes an image id (64 hex digits)");
            }
            long hash = perceptualHashes.apply(ImageId.parse(value)).orElseThrow(() ->
                    at(clause.position(), "image " + value + " is unknown or has no perceptual hash yet"));
            return new HammingDistanceQuery(IndexFields.PERCEPTUAL_HASH, hash, SIMILAR_DISTANCE);
        }

        /** {@code 2025}, {@code 2025-10}, {@code 2025-10-25}, with {@code >}, {@code >=}, {@code <}, {@code <=}, or {@code a..b}. */
        private Query dateQuery(Clause clause, String field) {
            String value = clause.value();
            int at = clause.position();
            long low;
            long high;
            int range = value.indexOf("..");
            if (range >= 0) {
                String from = value.substring(0, range);
                String to = value.substring(range + 2);
                if (from.isEmpty() && to.isEmpty()) {
                    throw at(at, "a date range needs a start or an end, as in 2025-10-01..2025-10-31");
                }
                low = from.isEmpty() ? Long.MIN_VALUE : period(from, at)[0];
                high = to.isEmpty() ? Long.MAX_VALUE : period(to, at)[1] - 1;
            } else if (value.startsWith(">=")) {
                low = period(value.substring(2), at)[0];
                high = Long.MAX_VALUE;
            } else if (value.startsWith(">")) {
                low = period(value.substring(1), at)[1];
                high = Long.MAX_VALUE;
            } else if (value.startsWith("<=")) {
                low = Long.MIN_VALUE;
                high = period(value.substring(2), at)[1] - 1;
            } else if (value.startsWith("<")) {
                low = Long.MIN_VALUE;
                high = period(value.substring(1), at)[0] - 1;
            } else {
                long[] period = period(value, at);
                low = period[0];
                high = period[1] - 1;
            }
            if (low > high) {
                throw at(at, "this date range is empty: its end is before its start");
            }
            return LongPoint.newRangeQuery(field, low, high);
        }

        /** The start (inclusive) and end (exclusive) of a year, month or day, in UTC epoch milliseconds. */
        private long[] period(String date, int at) {
            try {
                LocalDate start;
                LocalDate end;
                if (date.matches("\\d{4}")) {
                    start = LocalDate.of(Integer.parseInt(date), 1, 1);
                    end = start.plusYears(1);
                } else if (date.matches("\\d{4}-\\d{2}")) {
                    YearMonth month = YearMonth.parse(date);
                    start = month.atDay(1);
                    end = start.plusMonths(1);
                } else if (date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    start = LocalDate.parse(date);
                    end = start.plusDays(1);
                } else {
                    throw at(at, "'" + abbreviate(date) + "' is not a date: write 2025, 2025-10 or 2025-10-25");
                }
                return new long[] {millis(start), millis(end)};
            } catch (DateTimeParseException e) {
                throw at(at, "'" + abbreviate(date) + "' is not a date: write 2025, 2025-10 or 2025-10-25");
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private InvalidSearchException at(int position, String message) {
            return new InvalidSearchException("query error at position " + (position + 1) + ": " + message);
        }
    }

    /** The query for {@code words} in {@code field}: one term, or a phrase of several in order. */
    private static Query wordsIn(String field, List<String> words) {
        if (words.size() == 1) {
            return new TermQuery(new Term(field, words.get(0)));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        words.forEach(word -> phrase.add(new Term(field, word)));
        return phrase.build();
    }

    /** The words of {@code text} as the index holds them (segmented, stemmed, folded), in order. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (words.size() >= MAX_LENGTH) {
                    break;
                }
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze a query held in memory", e);
        }
        return words;
    }

    private static long millis(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
