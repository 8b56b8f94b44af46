package media.archive.api.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Collectors;
import media.archive.api.index.ImageIndex;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Completes what an editor types after a filter ({@code by:tr} suggests {@code Trần Trung}): the
 * values of the facet that filter selects ({@link SearchVocabulary#FACETS}) that start with the
 * typed text, ignoring case and diacritics as searches do, most frequent first. Counts come from
 * the same per-segment counts as search facets (large segments are counted once), and the work
 * is bounded: at most {@value #MAX_SCANNED} distinct values are compared. Thread-safe.
 */
final class FacetSuggestions {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    static final int MAX_PREFIX = 100;
    /** Values compared per request at most; a facet with more (none has near it at a million images) is cut there. */
    static final int MAX_SCANNED = 200_000;

    private final ImageIndex index;
    private final MatchCounter counter;
    /** Facet values folded for comparison, kept across views: labels repeat from one view to the next. */
    private final Cache<String, String> folded = Caffeine.newBuilder().maximumSize(200_000).build();

    FacetSuggestions(ImageIndex index, MatchCounter counter) {
        this.index = index;
        this.counter = counter;
    }

    /** The values of {@code filter}'s facet starting with {@code prefix} among the images {@code scope} matches, at most {@code limit}. */
    Suggestions suggest(String filter, String prefix, int limit, Query scope) {
        SearchVocabulary.Facet facet = SearchVocabulary.facetOf(filter).orElseThrow(() -> new InvalidSearchException(
                "field must be one of " + SearchVocabulary.FACETS.stream().map(SearchVocabulary.Facet::filter)
                        .collect(Collectors.joining(", "))));
        if (prefix.length() > MAX_PREFIX) {
            throw new InvalidSearchException("prefix has at most " + MAX_PREFIX + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSearchException("limit must be from 1 to " + MAX_LIMIT);
        }
        String start = fold(prefix.strip());
        List<SearchResults.FacetCount> values = index.withSearcher(searcher -> values(searcher, facet.name(), start, limit, scope));
        return new Suggestions(filter, values);
    }

    private List<SearchResults.FacetCount> values(IndexSearcher searcher, String dimension, String start, int limit,
                                                  Query scope) throws IOException {
        SortedSetDocValuesReaderState state = ImageIndex.facetState(searcher);
        SortedSetDocValuesReaderState.OrdRange range = state == null ? null : state.getOrdRange(dimension);
        if (range == null) {
            return List.of();
        }
        int[] counts = counter.ordinalCounts(searcher, SearchService.searchable(searcher, scope == null ? new MatchAllDocsQuery() : scope));
        // The least frequent of the best so far on top; among equals, the later value.
        Comparator<SearchResults.FacetCount> worseFirst = (a, b) -> a.count() != b.count()
                ? Long.compare(a.count(), b.count()) : b.value().compareTo(a.value());
        PriorityQueue<SearchResults.FacetCount> best = new PriorityQueue<>(limit + 1, worseFirst);
        int scanned = 0;
        for (int ord = range.start; ord <= range.end && scanned < MAX_SCANNED; ord++) {
            if (counts[ord] == 0) {
                continue;
            }
            scanned++;
            String[] path = ImageIndex.facetPath(searcher, ord);
            String value = path[path.length - 1];
            if (!start.isEmpty() && !fold(value).startsWith(start)) {
                continue;
            }
            best.add(new SearchResults.FacetCount(value, counts[ord]));
            if (best.size() > limit) {
                best.poll();
            }
        }
        List<SearchResults.FacetCount> values = new ArrayList<>(best);
        values.sort(worseFirst.reversed());
        return values;
    }

    /** {@code text} without case and diacritics, the way the index folds words (Unicode's UTR #30 folding). */
    String fold(String text) {
        return text.length() > 200 ? ICUFoldingFilter.NORMALIZER.normalize(text)
                : folded.get(text, ICUFoldingFilter.NORMALIZER::normalize);
    }
}
