package media.archive.api.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class FoldingTest {
    @Test
    void folds_every_ascii_word_as_icu_folding_does() throws IOException {
        List<String> words = new ArrayList<>();
        for (char c = 0x20; c < 0x7f; c++) {
            words.add(String.valueOf(c));
        }
        Random random = new Random(1);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder word = new StringBuilder();
            for (int length = 1 + random.nextInt(12); length > 0; length--) {
                word.append((char) (0x21 + random.nextInt(0x7f - 0x21)));
            }
            words.add(word.toString());
        }
        for (String word : words) {
            assertThat(fold(word, false)).as(word).isEqualTo(fold(word, true));
        }
    }

    @Test
    void folds_other_words_with_icu_folding() throws IOException {
        for (String word : List.of("Trần", "TRUNG", "Ｆｕｌｌ", "Straße", "সাইবারের", "ÉLYSÉE", "Müller", "ﬁnance", "Ωmega", "DSC_0001")) {
            assertThat(fold(word, false)).as(word).isEqualTo(fold(word, true));
        }
        assertThat(fold("Trần", false)).isEqualTo("tran");
        assertThat(fold("REUTERS", false)).isEqualTo("reuters");
    }

    private static String fold(String word, boolean icu) throws IOException {
        Tokenizer tokenizer = new KeywordTokenizer();
        tokenizer.setReader(new java.io.StringReader(word));
        try (TokenStream folded = icu ? new ICUFoldingFilter(tokenizer) : new ArchiveAnalyzer.Folding(tokenizer)) {
            CharTermAttribute term = folded.addAttribute(CharTermAttribute.class);
            folded.reset();
            assertThat(folded.incrementToken()).isTrue();
            String result = term.toString();
            folded.end();
            return result;
        }
    }
}
