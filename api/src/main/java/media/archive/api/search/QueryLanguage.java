package media.archive.api.search;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import media.archive.api.usage.Sites;
import media.archive.api.usage.Usages;
import media.archive.contracts.ImageId;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The search language editors type, read by a small hand-written parser (no Lucene syntax reaches
 * users): words that must all match, {@code "phrases"}, {@code -negation}, {@code OR} between
 * two terms, field filters such as {@code by:"Trần Trung"}, dates such as
 * {@code taken:2025-10-01..2025-10-31}, flags ({@code has:gps}, {@code is:failed}), where pictures
 * are used ({@code used:news.example}, {@code is:unused}) and {@code similar:<id>}. Anything it cannot read is refused with an {@link InvalidSearchException}
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
    private final Function<String, Set<ImageId>> usedImages;

    /**
     * @param perceptualHashes the perceptual hash of an image, empty when the image or its hash is
     *                         unknown; answers {@code similar:}
     */
    QueryLanguage(Analyzer analyzer, Function<ImageId, Optional<Long>> perceptualHashes) {
        this(analyzer, perceptualHashes, Clock.systemUTC(), host -> Set.of());
    }

    /**
     * @param clock      the moment of each query, for {@code is:embargoed}
     * @param usedImages the pictures used on a host and its subdomains, or on any site for null
     *                   ({@link Usages#usedOn}); answers {@code used:}, {@code is:used} and {@code is:unused}
     */
    QueryLanguage(Analyzer analyzer, Function<ImageId, Optional<Long>> perceptualHashes, Clock clock,
                  Function<String, Set<ImageId>> usedImages) {
        this.analyzer = analyzer;
        this.perceptualHashes = perceptualHashes;
        this.clock = clock;
        this.usedImages = usedImages;
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
                case DATE -> {
                    try {
                        yield DateRanges.query(filter.field(), value);
                    } catch (DateRanges.InvalidDateException e) {
                        throw at(clause.position(), e.getMessage());
                    }
                }
                case FLAG -> {
                    String wanted = value.toLowerCase(Locale.ROOT);
                    SearchVocabulary.Flag flag = filter.values().stream()
                            .filter(candidate -> candidate.value().equals(wanted))
                            .findFirst()
                            .orElseThrow(() -> at(clause.position(),
                                    filter.name() + ": takes " + SearchVocabulary.valueNames(filter)));
                    yield switch (flag.selects()) {
                        case TERM -> new TermQuery(new Term(flag.field(), flag.term()));
                        case AFTER_NOW -> LongPoint.newRangeQuery(flag.field(), Math.addExact(clock.millis(), 1), Long.MAX_VALUE);
                        case USED -> usedOn(null);
                        case UNUSED -> new BooleanQuery.Builder()
                                .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                                .add(usedOn(null), BooleanClause.Occur.MUST_NOT)
                                .build();
                    };
                }
                case SITE -> {
                    String host = Sites.host(value);
                    if (host == null) {
                        throw at(clause.position(), filter.name() + ": takes a site's host name, such as news.example");
                    }
                    yield usedOn(host);
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

        /**
         * The pictures used on {@code host} and its subdomains (null: on any site), as the usage
         * view holds them at the moment of the query: a set of ids, so the index's format knows
         * nothing of usage, which changes by the minute and is rebuilt from a topic of its own.
         */
        private Query usedOn(String host) {
            Set<ImageId> used = usedImages.apply(host);
            if (used.isEmpty()) {
                return new MatchNoDocsQuery("used on no such site");
            }
            List<BytesRef> ids = new ArrayList<>(used.size());
            used.forEach(id -> ids.add(new BytesRef(id.value())));
            return new TermInSetQuery(IndexFields.ID, ids);
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

}
