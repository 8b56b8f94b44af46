package media.archive.api.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * How captions, credits and queries become words: Unicode word segmentation
 * ({@link ICUTokenizer}, which also splits Bengali, Thai and CJK text into words) followed by
 * Unicode folding ({@link ICUFoldingFilter}: case, diacritics and width), so that
 * {@code tran trung} finds {@code Trần Trung}. The same analyzer reads the index and the
 * queries. Thread-safe, as every Lucene analyzer is.
 *
 * @see <a href="https://unicode.org/reports/tr29/">UAX #29: Unicode Text Segmentation</a>
 * @see <a href="https://www.unicode.org/reports/tr30/tr30-4.html">UTR #30: Character Foldings</a>
 */
public final class ArchiveAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new ICUTokenizer();
        return new TokenStreamComponents(words, new ICUFoldingFilter(words));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ICUFoldingFilter(in);
    }
}
