package media.archive.api.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFields;
import media.archive.contracts.ImageRecord;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Answers searches from the {@link ImageIndex}. The query text is taken literally: it is cut
 * into words by the index's analyzer, so no character has a special meaning and no input can
 * make a query fail. Every word must occur in at least one of the text fields
 * ({@link IndexFields#TEXT_BOOSTS}); hits are ordered by relevance, ties by id. Without query
 * text every image matches, newest upload first. Thread-safe.
 */
public final class SearchService {
    /**
     * At most this many distinct words of a query are used. Every word is required, so more
     * words only narrow a search that is already very narrow, while each one costs clauses.
     */
    static final int MAX_WORDS = 32;
    /** A word found in a weaker field still adds a little, so images matching in several fields rank higher. */
    private static final float TIE_BREAKER = 0.1f;
    private static final String ANALYZED_AS = "description";

    private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.ID_SORT, SortField.Type.STRING));
    private static final Sort NEWEST_FIRST;

    static {
        SortField uploadedAt = new SortField(IndexFields.UPLOADED_AT, SortField.Type.LONG, true);
        // Images whose upload event has not arrived yet come last.
        uploadedAt.setMissingValue(Long.MIN_VALUE);
        NEWEST_FIRST = new Sort(uploadedAt, new SortField(IndexFields.ID_SORT, SortField.Type.STRING));
    }

    private final ImageIndex index;

    public SearchService(ImageIndex index) {
        this.index = index;
    }

    /** One page of results for {@code request}. */
    public SearchResults search(SearchRequest request) {
        boolean byRelevance = request.query() != null;
        Query query;
        if (byRelevance) {
            List<String> words = words(request.query());
            if (words.isEmpty()) {
                // Only punctuation or symbols: there is nothing to look for.
                return SearchResults.empty();
            }
            query = allWords(words);
        } else {
            query = new MatchAllDocsQuery();
        }
        Sort sort = byRelevance ? BY_RELEVANCE : NEWEST_FIRST;
        Cursor cursor = request.cursor() == null ? null : Cursor.decode(request.cursor());
        return index.withSearcher(searcher -> page(searcher, query, sort, byRelevance, cursor, request.limit()));
    }

    private SearchResults page(IndexSearcher searcher, Query query, Sort sort, boolean byRelevance,
                               Cursor cursor, int limit) throws IOException {
        FieldDoc after = cursor == null ? null : cursor.toFieldDoc(searcher.getIndexReader().maxDoc());
        // One hit more than asked tells whether there is a next page.
        TopFieldDocs top = searcher.searchAfter(after, query, limit + 1, sort, false);
        int count = Math.min(limit, top.scoreDocs.length);
        List<ImageRecord> hits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hits.add(index.record(searcher, top.scoreDocs[i].doc));
        }
        String next = null;
        if (top.scoreDocs.length > limit) {
            ScoreDoc last = top.scoreDocs[limit - 1];
            next = Cursor.after((FieldDoc) last, byRelevance).encode();
        }
        return new SearchResults(searcher.count(query), hits, next);
    }

    /** The distinct words of {@code text} as the index holds them (segmented and folded), at most {@link #MAX_WORDS}. */
    List<String> words(String text) {
        Analyzer analyzer = index.analyzer();
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(ANALYZED_AS, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (words.size() < MAX_WORDS && tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze a query held in memory", e);
        }
        return List.copyOf(words);
    }

    private static Query allWords(List<String> words) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            List<Query> perField = new ArrayList<>(IndexFields.TEXT_BOOSTS.size());
            for (Map.Entry<String, Float> field : IndexFields.TEXT_BOOSTS.entrySet()) {
                perField.add(new BoostQuery(new TermQuery(new Term(field.getKey(), word)), field.getValue()));
            }
            all.add(new DisjunctionMaxQuery(perField, TIE_BREAKER), BooleanClause.Occur.MUST);
        }
        return all.build();
    }
}
