package media.archive.api.index;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.LongValues;

/**
 * One view of the index, as {@link ImageIndex#withSearcher} hands it out: a Lucene searcher that
 * also carries what searches of the view share, made once per view by the thread that refreshed
 * it so that no query pays for it: the ordinals of its facet values, and the scoring statistics
 * its relevance scores are computed with (see {@link ScoringStatistics}). What the search
 * package needs of the index beyond Lucene's own searcher is here, and nothing else.
 *
 * <p>Thread-safe: any number of queries may use one view at once; what is made on first use
 * (global ordinals per segment, facet paths) is made under this view's lock and then read without it.
 */
public final class ImageSearcher extends IndexSearcher {
    private static final Term PENDING_EDITS_TERM = new Term(IndexFields.PENDING_EDITS, "true");
    /** Documents that hold only edits of an image whose upload has not been read yet; no search may return them. */
    public static final Query PENDING_EDITS = new TermQuery(PENDING_EDITS_TERM);

    private final SortedSetDocValuesReaderState state;
    private final ScoringStatistics statistics;
    private final AtomicReferenceArray<int[]> globalOrdinals;
    private final ConcurrentMap<Integer, String[]> paths = new ConcurrentHashMap<>();
    /** The view's facet values, made on first use (making them reads every segment's terms); guarded by this. */
    private SortedSetDocValues facetValues;

    private ImageSearcher(IndexReader reader, ScoringStatistics statistics) throws IOException {
        super(reader);
        this.state = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, IndexFields.FACETS) : null;
        this.statistics = statistics;
        this.globalOrdinals = new AtomicReferenceArray<>(reader.leaves().size());
    }

    /** Whether this view may hold documents of {@link #PENDING_EDITS} (counting deleted ones too). */
    public boolean hasPendingEdits() throws IOException {
        return getIndexReader().docFreq(PENDING_EDITS_TERM) > 0;
    }

    /** What counts the facets of this view, or null while no image has a facet value. */
    public SortedSetDocValuesReaderState facetState() {
        return state;
    }

    /**
     * What the relevance scores of this view are computed with, as an identity: two views with
     * the same one score every document the same (see {@link ScoringStatistics}), so a segment's
     * best hits found in one hold in the other.
     */
    public Object scoringEpoch() {
        return statistics;
    }

    /**
     * The global facet ordinal (of {@link #facetState}) of each facet ordinal of segment
     * {@code segment} of this view, made once per view and segment: counting facets per segment
     * then adds counts into global ones by array lookups. Null when the view's facet ordinals are
     * the segment's own (a single segment) or it has no facets.
     */
    public int[] globalFacetOrdinals(int segment) throws IOException {
        if (state == null || getIndexReader().leaves().size() == 1) {
            return null;
        }
        int[] ordinals = globalOrdinals.get(segment);
        if (ordinals == null) {
            ordinals = mapToGlobal(segment);
            globalOrdinals.set(segment, ordinals);
        }
        return ordinals;
    }

    /** The facet path ({@code dimension}, {@code value}) of global facet ordinal {@code ordinal} of this view. */
    public String[] facetPath(int ordinal) throws IOException {
        String[] path = paths.get(ordinal);
        if (path == null) {
            path = lookUp(ordinal);
            paths.put(ordinal, path);
        }
        return path;
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        return statistics.term(term, super.termStatistics(term, docFreq, totalTermFreq), collectionStatistics(term.field()));
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
        return statistics.field(field, () -> super.collectionStatistics(field));
    }

    private synchronized int[] mapToGlobal(int segment) throws IOException {
        var multi = (MultiDocValues.MultiSortedSetDocValues) facetValues();
        LongValues toGlobal = multi.mapping.getGlobalOrds(segment);
        int[] ordinals = new int[(int) multi.values[segment].getValueCount()];
        for (int ord = 0; ord < ordinals.length; ord++) {
            ordinals[ord] = (int) toGlobal.get(ord);
        }
        return ordinals;
    }

    private synchronized String[] lookUp(int ordinal) throws IOException {
        return FacetsConfig.stringToPath(facetValues().lookupOrd(ordinal).utf8ToString());
    }

    private SortedSetDocValues facetValues() throws IOException {
        if (facetValues == null) {
            facetValues = state.getDocValues();
        }
        return facetValues;
    }

    private static boolean hasFacets(IndexReader reader) {
        for (LeafReaderContext leaf : reader.leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes the searchers of one index, handing each the scoring statistics of its time. Its
     * manager calls it from one refreshing thread at a time; synchronized all the same, as the
     * statistics of one view are renewed from those of the view before.
     */
    static final class Factory extends SearcherFactory {
        private ScoringStatistics statistics;

        @Override
        public synchronized IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            statistics = ScoringStatistics.renew(statistics, reader);
            return new ImageSearcher(reader, statistics);
        }
    }
}
