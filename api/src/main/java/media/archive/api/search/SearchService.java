package media.archive.api.search;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.ImageSearcher;
import media.archive.api.index.IndexFields;
import media.archive.api.usage.Usages;
import media.archive.contracts.ImageRecord;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/**
 * Answers searches from the {@link ImageIndex}: reads the query ({@link QueryLanguage}), pages
 * through the hits in the requested order with a search-after cursor, highlights the matched
 * words in captions and headlines, and counts the facets of every match. Thread-safe.
 */
public final class SearchService {
    /** How many values of each facet a page lists. */
    static final int FACET_VALUES = 10;
    private static final SortField BY_ID = new SortField(IndexFields.ID_KEY, SortField.Type.LONG);
    private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE, BY_ID);
    private static final Sort NEWEST_UPLOAD_FIRST = new Sort(newestFirst(IndexFields.UPLOADED_AT), BY_ID);
    private static final Sort NEWEST_TAKEN_FIRST = new Sort(newestFirst(IndexFields.TAKEN_AT), BY_ID);

    private final ImageIndex index;
    private final QueryLanguage language;
    private final Highlighter highlighter;
    private final MatchCounter counter = new MatchCounter();
    private final SegmentTopHits topHits = new SegmentTopHits();
    private final FacetSuggestions suggestions;

    /** Searches {@code index} where nothing is used: {@code is:unused} finds every picture. */
    public SearchService(ImageIndex index) {
        this(index, Usages.NONE);
    }

    /** Searches {@code index}; {@code used:}, {@code is:used} and {@code is:unused} ask {@code usages} at each query. */
    public SearchService(ImageIndex index, Usages usages) {
        this.index = index;
        this.language = new QueryLanguage(index.analyzer(), index::perceptualHash, Clock.systemUTC(), usages::usedOn);
        this.highlighter = new Highlighter(index.analyzer());
        this.suggestions = new FacetSuggestions(index, counter);
    }

    /**
     * Values of the facet that filter {@code field} selects (such as {@code by}) starting with
     * {@code prefix}, ignoring case and diacritics, most frequent first; counted among the images
     * uploaded with the key named {@code uploader}, or among all when it is null. Parameters as
     * sent over HTTP, each possibly absent.
     *
     * @throws InvalidSearchException for an unknown field (the message lists the known ones), a bad limit or a long prefix
     */
    public Suggestions suggest(String field, String prefix, String limit, String uploader) {
        if (field == null || field.isBlank()) {
            throw new InvalidSearchException("field is required: the filter to complete, such as by");
        }
        int parsedLimit = FacetSuggestions.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                parsedLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSearchException("limit must be a number from 1 to " + FacetSuggestions.MAX_LIMIT);
            }
        }
        Query scope = uploader == null ? null : uploadedBy(new MatchAllDocsQuery(), uploader);
        return suggestions.suggest(field.strip().toLowerCase(java.util.Locale.ROOT), prefix == null ? "" : prefix, parsedLimit, scope);
    }

    /**
     * One page of results for {@code request}.
     *
     * @throws InvalidSearchException when the query cannot be read; the message says where
     */
    public SearchResults search(SearchRequest request) {
        return search(request, null);
    }

    /**
     * One page of results for {@code request} among the images uploaded with the key named
     * {@code uploader} (exactly that name): what a photographer searches. Totals and facets count
     * those images only.
     *
     * @throws InvalidSearchException when the query cannot be read; the message says where
     */
    public SearchResults searchUploadedBy(SearchRequest request, String uploader) {
        return search(request, Objects.requireNonNull(uploader, "uploader"));
    }

    private SearchResults search(SearchRequest request, String uploader) {
        Query query;
        Set<String> highlight = Set.of();
        if (request.query() != null) {
            QueryLanguage.Parsed parsed = language.parse(request.query());
            if (parsed.query() == null) {
                // Only punctuation or symbols: there is nothing to look for.
                return SearchResults.empty();
            }
            highlight = parsed.highlightTerms();
            if (parsed.positive()) {
                query = parsed.query();
            } else {
                // Only negations: every image except those. The negations go beside the match-all,
                // not inside a clause of their own: a query of negations alone matches nothing.
                BooleanQuery.Builder everyExcept = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
                ((BooleanQuery) parsed.query()).clauses().forEach(everyExcept::add);
                query = everyExcept.build();
            }
        } else {
            query = new MatchAllDocsQuery();
        }
        Sort sort = switch (request.sort()) {
            case RELEVANCE -> BY_RELEVANCE;
            case UPLOADED -> NEWEST_UPLOAD_FIRST;
            case TAKEN -> NEWEST_TAKEN_FIRST;
        };
        if (uploader != null) {
            query = uploadedBy(query, uploader);
        }
        Cursor cursor = request.cursor() == null ? null : Cursor.decode(request.cursor());
        Query asked = query;
        Set<String> marked = highlight;
        return index.withSearcher(searcher -> page(searcher, withoutPendingEdits(searcher, asked), sort, request, cursor, marked));
    }

    private SearchResults page(ImageSearcher searcher, Query query, Sort sort, SearchRequest request,
                               Cursor cursor, Set<String> highlight) throws IOException {
        int limit = request.limit();
        FieldDoc after = cursor == null ? null : cursor.toFieldDoc(searcher.getIndexReader().maxDoc());
        // The total and the facets come from the counter, exact; so the page itself may be found
        // without visiting every match: the collector skips what cannot make the page (by the
        // index's order, by the points of the sort field, by the best score a block can reach),
        // and large segments answer from the hits remembered of them. One hit more than asked
        // tells whether there is a next page.
        MatchCounter.Counts counts = counter.count(searcher, query, FACET_VALUES);
        List<FieldDoc> page = topHits.top(searcher, query, sort, limit + 1, after);
        return results(searcher, page, counts, request, highlight);
    }

    private SearchResults results(IndexSearcher searcher, List<FieldDoc> page, MatchCounter.Counts counts,
                                  SearchRequest request, Set<String> highlight) throws IOException {
        int limit = request.limit();
        int count = Math.min(limit, page.size());
        List<SearchResults.Hit> hits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ImageRecord record = index.record(searcher, page.get(i).doc);
            hits.add(new SearchResults.Hit(record, highlights(record, highlight)));
        }
        String next = null;
        if (page.size() > limit) {
            next = Cursor.after(page.get(limit - 1), request.sort(), hits.get(limit - 1).record().id().value()).encode();
        }
        return new SearchResults(counts.total(), false, hits, counts.facets(), next);
    }

    private Map<String, String> highlights(ImageRecord record, Set<String> terms) {
        if (terms.isEmpty()) {
            return Map.of();
        }
        Map<String, String> snippets = new LinkedHashMap<>();
        String description = highlighter.snippet(record.metadata().description(), terms);
        if (description != null) {
            snippets.put("description", description);
        }
        String headline = highlighter.snippet(record.metadata().headline(), terms);
        if (headline != null) {
            snippets.put("headline", headline);
        }
        return snippets;
    }

    /** {@code query} without the documents that hold only edits of images not uploaded yet. */
    private static Query withoutPendingEdits(ImageSearcher searcher, Query query) throws IOException {
        return searcher.hasPendingEdits()
                ? new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                        .add(ImageSearcher.PENDING_EDITS, BooleanClause.Occur.MUST_NOT).build()
                : query;
    }

    /** {@code query} among the images uploaded with the key named {@code uploader}; scores unchanged. */
    static Query uploadedBy(Query query, String uploader) {
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.UPLOADER_EXACT, uploader)), BooleanClause.Occur.FILTER)
                .build();
    }

    /** Every image a search may return: all of them but the documents of {@link ImageSearcher#PENDING_EDITS}. */
    static Query searchable(ImageSearcher searcher, Query query) throws IOException {
        return withoutPendingEdits(searcher, query);
    }

    private static SortField newestFirst(String field) {
        SortField newest = new SortField(field, SortField.Type.LONG, true);
        // Images without the value (upload event not seen yet, no date taken) come last.
        newest.setMissingValue(Long.MIN_VALUE);
        return newest;
    }
}
