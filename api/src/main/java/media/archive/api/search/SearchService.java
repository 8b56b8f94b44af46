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
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;

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

    /** The key of the facet counts of all images in a view's memo. */
    private static final Object ALL_FACETS = new Object();

    private final ImageIndex index;
    private final QueryLanguage language;
    private final Highlighter highlighter;

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
        // One hit more than asked tells whether there is a next page. Facets count every match,
        // so the total is exact at any size.
        if (query instanceof MatchAllDocsQuery) {
            // The total is the index's, so the collector may skip documents that cannot make the
            // page (by the points of the sort field) instead of visiting all of them.
            TopFieldCollectorManager top = new TopFieldCollectorManager(sort, limit + 1, after, limit + 1, true);
            // Every image: counted from the index's statistics and its facet doc values directly,
            // without collecting each document first.
            TopFieldDocs docs = searcher.search(query, top);
            return results(searcher, docs, searcher.getIndexReader().numDocs(), allFacetCounts(searcher), request, highlight);
        }
        TopFieldCollectorManager top = new TopFieldCollectorManager(sort, limit + 1, after, Integer.MAX_VALUE, true);
        FacetsCollectorManager facets = new FacetsCollectorManager();
        Object[] both = searcher.search(query, new MultiCollectorManager(top, facets));
        TopFieldDocs docs = (TopFieldDocs) both[0];
        FacetsCollector matches = (FacetsCollector) both[1];
        long total = 0;
        for (FacetsCollector.MatchingDocs segment : matches.getMatchingDocs()) {
            total += segment.totalHits;
        }
        return results(searcher, docs, total, facetCounts(searcher, matches), request, highlight);
    }

    private SearchResults results(IndexSearcher searcher, TopFieldDocs docs, long total,
                                  Map<String, List<SearchResults.FacetCount>> facets, SearchRequest request,
                                  Set<String> highlight) throws IOException {
        int limit = request.limit();
        int count = Math.min(limit, docs.scoreDocs.length);
        List<SearchResults.Hit> hits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ImageRecord record = index.record(searcher, docs.scoreDocs[i].doc);
            hits.add(new SearchResults.Hit(record, highlights(record, highlight)));
        }
        String next = null;
        if (docs.scoreDocs.length > limit) {
            ScoreDoc last = docs.scoreDocs[limit - 1];
            next = Cursor.after((FieldDoc) last, request.sort(), hits.get(limit - 1).record().id().value()).encode();
        }
        boolean lowerBound = docs.totalHits.relation == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO && total < docs.totalHits.value;
        return new SearchResults(Math.max(total, docs.totalHits.value), lowerBound, hits, facets, next);
    }

    private Map<String, String> highlights(ImageRecord record, Set<String> terms) {
        if (terms.isEmpty()) {
            return Map.of();
        }
        Map<String, String> snippets = new LinkedHashMap<>();
        String description = highlighter.snippet(record.description(), terms);
        if (description != null) {
            snippets.put("description", description);
        }
        String headline = highlighter.snippet(record.headline(), terms);
        if (headline != null) {
            snippets.put("headline", headline);
        }
        return snippets;
    }

    /** The facet counts of every image of the view: the same for every listing, so counted once per view. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<SearchResults.FacetCount>> allFacetCounts(IndexSearcher searcher) throws IOException {
        java.util.concurrent.ConcurrentMap<Object, Object> memo = ImageIndex.viewMemo(searcher);
        if (memo == null) {
            return facetCounts(searcher, null);
        }
        try {
            return (Map<String, List<SearchResults.FacetCount>>) memo.computeIfAbsent(ALL_FACETS, key -> {
                try {
                    return facetCounts(searcher, null);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Map<String, List<SearchResults.FacetCount>> facetCounts(IndexSearcher searcher, FacetsCollector matches)
            throws IOException {
        SortedSetDocValuesReaderState state = ImageIndex.facetState(searcher);
        if (state == null) {
            return Map.of();
        }
        // Without a collector, the counts are of every document of the view.
        Facets counts = matches == null ? new SortedSetDocValuesFacetCounts(state) : new SortedSetDocValuesFacetCounts(state, matches);
        Map<String, List<SearchResults.FacetCount>> out = new LinkedHashMap<>();
        for (String dimension : IndexFields.FACET_DIMENSIONS) {
            List<SearchResults.FacetCount> values = new ArrayList<>();
            FacetResult result;
            try {
                result = counts.getTopChildren(FACET_VALUES, dimension);
            } catch (IllegalArgumentException e) {
                // No image of this view has a value in this dimension yet.
                result = null;
            }
            if (result != null) {
                for (LabelAndValue value : result.labelValues) {
                    values.add(new SearchResults.FacetCount(value.label, value.value.longValue()));
                }
            }
            out.put(dimension, values);
        }
        return out;
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
