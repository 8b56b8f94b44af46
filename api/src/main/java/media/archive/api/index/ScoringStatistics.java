package media.archive.api.index;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.BytesRef;

/**
 * The statistics relevance is scored with (how many images have a word, how long their texts
 * are), taken once and then kept for a while instead of changing with every new image. An
 * image's score for a query then stays the same from one refresh of the index to the next, so
 * the best hits of a segment can be remembered, and a cursor into results sorted by relevance
 * stays in place while images arrive. A new set is started when the index has grown or shrunk
 * by more than {@link #MAX_DRIFT} or is older than {@link #MAX_AGE_NANOS}: scores then follow
 * the archive as it grows, a step at a time.
 *
 * <p>Thread-safe: each statistic is taken by the first search that needs it.
 */
final class ScoringStatistics {
    private static final double MAX_DRIFT = 0.01;
    private static final long MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** Past this many words the statistics of further words are not kept (a safety valve, not a working limit). */
    private static final int MAX_TERMS = 200_000;

    private final int numDocs;
    private final long takenAt = System.nanoTime();
    private final ConcurrentMap<Term, TermStatistics> terms = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CollectionStatistics> fields = new ConcurrentHashMap<>();

    private ScoringStatistics(int numDocs) {
        this.numDocs = numDocs;
    }

    /** A set for {@code reader}: {@code current} while it still describes the index well, else a new one. */
    static ScoringStatistics renew(ScoringStatistics current, IndexReader reader) {
        if (current != null && System.nanoTime() - current.takenAt < MAX_AGE_NANOS
                && Math.abs(reader.numDocs() - current.numDocs) <= MAX_DRIFT * Math.max(current.numDocs, 100)) {
            return current;
        }
        return new ScoringStatistics(reader.numDocs());
    }

    /**
     * The statistics of {@code term} kept, or {@code live} (taken from the index now) kept from
     * now on, made consistent with {@code field}, the statistics kept of its field: taken a little
     * later, a word could otherwise seem to be in more images than its field, and score below zero.
     */
    TermStatistics term(Term term, TermStatistics live, CollectionStatistics field) {
        TermStatistics kept = terms.get(term);
        if (kept != null) {
            return kept;
        }
        if (terms.size() >= MAX_TERMS || field == null) {
            return live;
        }
        long docFreq = Math.min(live.docFreq(), field.docCount());
        long totalTermFreq = Math.max(docFreq, Math.min(live.totalTermFreq(), field.sumTotalTermFreq()));
        TermStatistics copy = new TermStatistics(BytesRef.deepCopyOf(live.term()), docFreq, totalTermFreq);
        kept = terms.putIfAbsent(new Term(term.field(), BytesRef.deepCopyOf(term.bytes())), copy);
        return kept == null ? copy : kept;
    }

    /** The statistics of {@code field} kept, or those {@code live} gives now, kept from now on. */
    CollectionStatistics field(String field, LiveStatistics live) throws IOException {
        CollectionStatistics kept = fields.get(field);
        if (kept != null) {
            return kept;
        }
        CollectionStatistics now = live.get();
        if (now == null) {
            // No image has this field yet: nothing to keep.
            return null;
        }
        kept = fields.putIfAbsent(field, now);
        return kept == null ? now : kept;
    }

    /** Reads a field's statistics from the index. */
    @FunctionalInterface
    interface LiveStatistics {
        CollectionStatistics get() throws IOException;
    }
}
