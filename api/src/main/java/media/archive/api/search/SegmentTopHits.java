package media.archive.api.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import media.archive.api.index.ImageSearcher;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.Weight;

/**
 * Finds a page of hits segment by segment, and remembers the best {@link #REMEMBERED} hits of
 * each large segment for a query and an order. A segment's documents never change and its
 * deletions only grow, and relevance is scored with statistics kept for a while
 * ({@link ImageSearcher#scoringEpoch}), so those hits stay right across the refreshes that make new
 * images searchable: a repeated search, or the next pages of one, then searches only the new,
 * small segments. A page needs at most its own size of hits after the cursor from each segment;
 * where a remembered list runs short of that, the segment is searched again from the cursor.
 *
 * <p>Thread-safe.
 */
final class SegmentTopHits {
    /** How many hits of a segment are remembered: enough for ten pages of the default size, or one of the largest. */
    static final int REMEMBERED = SearchRequest.MAX_LIMIT + 1;
    /** Segments smaller than this are searched every time: quick to search, and soon merged away. */
    private static final int MIN_CACHED_SEGMENT_DOCS = 2_000;
    private static final long MAX_CACHED_BYTES = 64L * 1024 * 1024;

    private final SegmentCache<Key, SegmentHits> cache = new SegmentCache<>(MAX_CACHED_BYTES,
            hits -> 64 + 96 * hits.hits().length, key -> QueryBytes.of(key.query()));

    /** What a segment's best hits depend on besides the segment. */
    private record Key(Query query, Sort sort, Object scoring) {
    }

    /** The best hits of one segment in order, with document numbers inside the segment; {@code complete} when there are no more. */
    private record SegmentHits(FieldDoc[] hits, boolean complete) {
    }

    /** The first {@code size} hits of {@code query} in {@code sort} order after {@code after} (null: from the start), best first. */
    List<FieldDoc> top(ImageSearcher searcher, Query query, Sort sort, int size, FieldDoc after) throws IOException {
        Comparator<FieldDoc> order = order(sort);
        Query rewritten = searcher.rewrite(query);
        Weight[] weight = new Weight[1];
        Object scoring = sort.needsScores() ? searcher.scoringEpoch() : null;
        List<FieldDoc> candidates = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            boolean cacheable = leaf.reader().maxDoc() >= MIN_CACHED_SEGMENT_DOCS && (scoring != null || !sort.needsScores());
            if (cacheable) {
                SegmentHits remembered = cache.get(leaf.reader(), new Key(query, sort, scoring),
                        () -> search(searcher, rewritten, weight, leaf, sort, REMEMBERED, null));
                int added = addAfter(remembered, after, order, leaf.docBase, size, candidates);
                if (added >= size || remembered.complete()) {
                    continue;
                }
            }
            // Not remembered, or the remembered hits end before this page does.
            SegmentHits found = search(searcher, rewritten, weight, leaf, sort, size, after);
            candidates.removeIf(hit -> hit.doc >= leaf.docBase && hit.doc < leaf.docBase + leaf.reader().maxDoc());
            addAfter(found, null, order, leaf.docBase, size, candidates);
        }
        candidates.sort(order);
        return candidates.size() <= size ? candidates : new ArrayList<>(candidates.subList(0, size));
    }

    private static SegmentHits search(IndexSearcher searcher, Query rewritten, Weight[] weight, LeafReaderContext leaf,
                                      Sort sort, int size, FieldDoc after) throws IOException {
        TopFieldCollector collector = new TopFieldCollectorManager(sort, size, after, size, false).newCollector();
        if (weight[0] == null) {
            // One weight for every segment: making it looks the query's words up in all of them.
            weight[0] = searcher.createWeight(rewritten, collector.scoreMode(), 1f);
        }
        LeafCollector leafCollector = collector.getLeafCollector(leaf);
        BulkScorer scorer = weight[0].bulkScorer(leaf);
        if (scorer != null) {
            try {
                scorer.score(leafCollector, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
            } catch (CollectionTerminatedException enough) {
                // The collector has every hit it can take from this segment.
            }
        }
        leafCollector.finish();
        ScoreDoc[] docs = collector.topDocs().scoreDocs;
        FieldDoc[] hits = new FieldDoc[docs.length];
        for (int i = 0; i < docs.length; i++) {
            FieldDoc doc = (FieldDoc) docs[i];
            hits[i] = new FieldDoc(doc.doc - leaf.docBase, doc.score, doc.fields);
        }
        return new SegmentHits(hits, hits.length < size);
    }

    /** Adds up to {@code size} of {@code segment}'s hits that come after {@code after}, as hits of the view; returns how many. */
    private static int addAfter(SegmentHits segment, FieldDoc after, Comparator<FieldDoc> order, int docBase, int size,
                                List<FieldDoc> candidates) {
        int added = 0;
        for (FieldDoc hit : segment.hits()) {
            if (added == size) {
                break;
            }
            if (after == null || order.compare(hit, after) > 0) {
                candidates.add(new FieldDoc(hit.doc + docBase, hit.score, hit.fields));
                added++;
            }
        }
        return added;
    }

    /**
     * The order of {@code sort} over the values hits carry. Every sort ends with the image id, so
     * two hits are equal only when they are the same image.
     */
    private static Comparator<FieldDoc> order(Sort sort) {
        SortField[] fields = sort.getSort();
        return (a, b) -> {
            for (int i = 0; i < fields.length; i++) {
                int c;
                if (fields[i].getType() == SortField.Type.SCORE) {
                    c = Float.compare((Float) b.fields[i], (Float) a.fields[i]);
                } else {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    int natural = ((Comparable) a.fields[i]).compareTo(b.fields[i]);
                    c = fields[i].getReverse() ? -natural : natural;
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
