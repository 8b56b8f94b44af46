package media.archive.api.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class ScoringStatisticsTest {
    @Test
    void statistics_are_kept_while_the_index_grows_by_at_most_one_percent() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            add(writer, 1_000);
            ScoringStatistics first;
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                first = ScoringStatistics.renew(null, reader);
            }
            add(writer, 10);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertThat(ScoringStatistics.renew(first, reader)).isSameAs(first);
            }
            add(writer, 1);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertThat(ScoringStatistics.renew(first, reader)).isNotSameAs(first);
            }
        }
    }

    @Test
    void the_first_statistics_of_a_word_are_kept_and_never_exceed_its_field() throws IOException {
        ScoringStatistics statistics = renewedFor(100);
        CollectionStatistics field = statistics.field("text", () -> new CollectionStatistics("text", 100, 100, 1_000, 900));
        Term summit = new Term("text", "summit");

        TermStatistics kept = statistics.term(summit, new TermStatistics(new BytesRef("summit"), 40, 50), field);
        TermStatistics later = statistics.term(new Term("text", "summit"), new TermStatistics(new BytesRef("summit"), 45, 60), field);
        TermStatistics beyond = statistics.term(new Term("text", "every"), new TermStatistics(new BytesRef("every"), 120, 130), field);

        assertThat(later.docFreq()).isEqualTo(kept.docFreq()).isEqualTo(40);
        assertThat(statistics.field("text", () -> new CollectionStatistics("text", 200, 200, 2_000, 1_800)).docCount()).isEqualTo(100);
        assertThat(beyond.docFreq()).isEqualTo(100);
    }

    private static ScoringStatistics renewedFor(int documents) throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            add(writer, documents);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                return ScoringStatistics.renew(null, reader);
            }
        }
    }

    private static void add(IndexWriter writer, int documents) throws IOException {
        for (int i = 0; i < documents; i++) {
            Document document = new Document();
            document.add(new TextField("text", "summit " + i, Field.Store.NO));
            writer.addDocument(document);
        }
    }
}
