package media.archive.api.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import media.archive.api.index.ImageSearcher;
import media.archive.api.index.IndexFields;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Counts the images a query matches and the facet values of those images, segment by segment,
 * and remembers the counts of large segments. A segment's documents never change and its
 * deletions only grow, so its counts stay right for as long as no more of its documents are
 * deleted, across the refreshes that make new images searchable several times a second: a
 * repeated search then counts only the few new, small segments. The counts are exact, at any number of matches.
 *
 * <p>Thread-safe.
 */
final class MatchCounter {
    /** Segments smaller than this are counted every time: quick to count, and soon merged away. */
    private static final int MIN_CACHED_SEGMENT_DOCS = 500;
    /** About how much memory the remembered counts may take. */
    private static final long MAX_CACHED_BYTES = 64L * 1024 * 1024;

    private final SegmentCache<Query, SegmentCounts> cache = new SegmentCache<>(MAX_CACHED_BYTES, SegmentCounts::bytes,
            QueryBytes::of);

    /** What a query matches in one view of the index. */
    record Counts(long total, Map<String, List<SearchResults.FacetCount>> facets) {
    }

    /** The matches in one segment and how often each of its facet ordinals occurs among them. */
    private record SegmentCounts(int matches, int[] ordinals) {
        int bytes() {
            return 64 + 4 * ordinals.length;
        }
    }

    /** The total and the {@code valuesPerFacet} most frequent values of each facet among the matches of {@code query}. */
    Counts count(ImageSearcher searcher, Query query, int valuesPerFacet) throws IOException {
        Tally tally = tally(searcher, query);
        SortedSetDocValuesReaderState state = searcher.facetState();
        return new Counts(tally.total(), state == null ? Map.of() : topValues(searcher, state, tally.ordinals(), valuesPerFacet));
    }

    /**
     * How many matches of {@code query} hold each global facet ordinal of {@code searcher}'s view
     * ({@link ImageSearcher#facetState}); null when the view has no facets.
     */
    int[] ordinalCounts(ImageSearcher searcher, Query query) throws IOException {
        return tally(searcher, query).ordinals();
    }

    /** The matches in a view and their count per global facet ordinal (null without facets). */
    private record Tally(long total, int[] ordinals) {
    }

    private Tally tally(ImageSearcher searcher, Query query) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        SortedSetDocValuesReaderState state = searcher.facetState();
        // One weight for every segment counted: making it looks the query's words up in all of them.
        Weight[] weight = new Weight[1];
        long total = 0;
        int[] global = state == null ? null : new int[state.getSize()];
        for (LeafReaderContext leaf : reader.leaves()) {
            SegmentCounts counts;
            if (leaf.reader().maxDoc() >= MIN_CACHED_SEGMENT_DOCS) {
                counts = cache.get(leaf.reader(), query, () -> countSegment(weight(searcher, query, weight), leaf));
            } else {
                counts = countSegment(weight(searcher, query, weight), leaf);
            }
            total += counts.matches();
            if (global != null) {
                addToGlobal(counts.ordinals(), searcher.globalFacetOrdinals(leaf.ord), global);
            }
        }
        return new Tally(total, global);
    }

    private static Weight weight(IndexSearcher searcher, Query query, Weight[] made) throws IOException {
        if (made[0] == null) {
            made[0] = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }
        return made[0];
    }

    private static SegmentCounts countSegment(Weight weight, LeafReaderContext leaf) throws IOException {
        SortedSetDocValues facets = leaf.reader().getSortedSetDocValues(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
        int[] ordinals = new int[facets == null ? 0 : (int) facets.getValueCount()];
        BulkScorer scorer = weight.bulkScorer(leaf);
        if (scorer == null) {
            return new SegmentCounts(0, ordinals);
        }
        int[] matches = new int[1];
        scorer.score(new LeafCollector() {
            @Override
            public void setScorer(Scorable scorable) {
            }

            @Override
            public void collect(int doc) throws IOException {
                matches[0]++;
                if (facets != null && facets.advanceExact(doc)) {
                    for (int i = facets.docValueCount(); i > 0; i--) {
                        ordinals[(int) facets.nextOrd()]++;
                    }
                }
            }
        }, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
        return new SegmentCounts(matches[0], ordinals);
    }

    /** Adds one segment's facet counts to the global ones; {@code toGlobal} null when the ordinals are the same. */
    private static void addToGlobal(int[] ordinals, int[] toGlobal, int[] global) {
        for (int ord = 0; ord < ordinals.length; ord++) {
            if (ordinals[ord] != 0) {
                global[toGlobal == null ? ord : toGlobal[ord]] += ordinals[ord];
            }
        }
    }

    private static Map<String, List<SearchResults.FacetCount>> topValues(
            ImageSearcher searcher, SortedSetDocValuesReaderState state, int[] global, int limit) throws IOException {
        Map<String, List<SearchResults.FacetCount>> out = new LinkedHashMap<>();
        for (String dimension : IndexFields.FACET_DIMENSIONS) {
            SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(dimension);
            out.put(dimension, range == null ? List.of() : top(searcher, global, range, limit));
        }
        return out;
    }

    /** The most frequent values of one facet, ties in label order (the order of ordinals), as Lucene's facets do. */
    private static List<SearchResults.FacetCount> top(ImageSearcher searcher, int[] global,
                                                      SortedSetDocValuesReaderState.OrdRange range, int limit) throws IOException {
        PriorityQueue<int[]> best = new PriorityQueue<>(limit + 1,
                (a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(b[0], a[0]));
        for (int ord = range.start; ord <= range.end; ord++) {
            int count = global[ord];
            if (count == 0) {
                continue;
            }
            if (best.size() < limit) {
                best.add(new int[] {ord, count});
            } else if (count > best.peek()[1]) {
                best.poll();
                best.add(new int[] {ord, count});
            }
        }
        List<SearchResults.FacetCount> top = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int[] entry = best.poll();
            String[] path = searcher.facetPath(entry[0]);
            top.add(new SearchResults.FacetCount(path[path.length - 1], entry[1]));
        }
        java.util.Collections.reverse(top);
        return top;
    }
}
