package media.archive.api.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFields;
import media.archive.contracts.ImageRecord;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

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

    public SearchService(ImageIndex index) {
        this.index = index;
        this.language = new QueryLanguage(index.analyzer(), index::perceptualHash);
        this.highlighter = new Highlighter(index.analyzer());
    }

    /**
     * One page of results for {@code request}.
     *
     * @throws InvalidSearchException when the query cannot be read; the message says where
     */
    public SearchResults search(SearchRequest request) {
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
                // Only negations: every image except those.
                query = new BooleanQuery.Builder()
                        .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                        .add(parsed.query(), BooleanClause.Occur.FILTER)
                        .build();
            }
        } else {
            query = new MatchAllDocsQuery();
        }
        Sort sort = switch (request.sort()) {
            case RELEVANCE -> BY_RELEVANCE;
            case UPLOADED -> NEWEST_UPLOAD_FIRST;
            case TAKEN -> NEWEST_TAKEN_FIRST;
        };
        Cursor cursor = request.cursor() == null ? null : Cursor.decode(request.cursor());
        Query asked = query;
        Set<String> marked = highlight;
        return index.withSearcher(searcher -> page(searcher, withoutPendingEdits(searcher, asked), sort, request, cursor, marked));
    }

    private SearchResults page(IndexSearcher searcher, Query query, Sort sort, SearchRequest request,
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
    private static Query withoutPendingEdits(IndexSearcher searcher, Query query) throws IOException {
        return ImageIndex.hasPendingEdits(searcher)
                ? new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                        .add(ImageIndex.PENDING_EDITS, BooleanClause.Occur.MUST_NOT).build()
                : query;
    }

    private static SortField newestFirst(String field) {
        SortField newest = new SortField(field, SortField.Type.LONG, true);
        // Images without the value (upload event not seen yet, no date taken) come last.
        newest.setMissingValue(Long.MIN_VALUE);
        return newest;
    }
}
