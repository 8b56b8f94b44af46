package media.archive.api.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Documents whose 64-bit hash in a numeric doc-values field differs from {@code hash} in at most
 * {@code maxDistance} bits. It reads one long per document that has the field: a linear scan,
 * a few milliseconds per million images, and cheap when combined with narrower clauses.
 */
final class HammingDistanceQuery extends Query {
    private final String field;
    private final long hash;
    private final int maxDistance;

    HammingDistanceQuery(String field, long hash, int maxDistance) {
        this.field = Objects.requireNonNull(field);
        this.hash = hash;
        this.maxDistance = maxDistance;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                NumericDocValues values = DocValues.getNumeric(context.reader(), field);
                TwoPhaseIterator near = new TwoPhaseIterator(values) {
                    @Override
                    public boolean matches() throws IOException {
                        return Long.bitCount(values.longValue() ^ hash) <= maxDistance;
                    }

                    @Override
                    public float matchCost() {
                        return 2;
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, near);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return DocValues.isCacheable(ctx, field);
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String defaultField) {
        return field + ":~" + Long.toHexString(hash) + "/" + maxDistance;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && field.equals(((HammingDistanceQuery) other).field)
                && hash == ((HammingDistanceQuery) other).hash
                && maxDistance == ((HammingDistanceQuery) other).maxDistance;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, hash, maxDistance);
    }
}
