package media.archive.api.search;

import java.util.function.Supplier;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What a query kept as a cache key weighs beyond its shallow size: the sets of terms it carries.
 * Most queries hold a few words; {@code used:}, {@code is:used} and {@code is:unused} hold one id
 * per used picture, and change with every flush of usage, so the caches that remember answers per
 * query must count their keys too, or many such keys could outgrow the caches' bounds. Stateless.
 */
final class QueryBytes {
    private QueryBytes() {
    }

    /** The bytes of the term sets in {@code query}, negated clauses included. */
    static int of(Query query) {
        long[] bytes = {0};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                // The default skips negated clauses, which hold the set of is:unused.
                return this;
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                if (leaf instanceof Accountable accountable) {
                    bytes[0] += accountable.ramBytesUsed();
                }
            }
        });
        return (int) Math.min(Integer.MAX_VALUE, bytes[0]);
    }
}
