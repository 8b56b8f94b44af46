package media.archive.api.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void text_written_with_spaces_is_split_at_word_boundaries() throws IOException {
        assertThat(words("Trần Trung, Hà Nội: the photographers' view")).containsExactly(
                "Trần", "Trung", "Hà", "Nội", "the", "photographers", "view");
        assertThat(words("জাতিসংঘের কনভেনশন স্বাক্ষর")).containsExactly("জাতিসংঘের", "কনভেনশন", "স্বাক্ষর");
    }

    @Test
    void thai_and_chinese_are_split_with_dictionaries() throws IOException {
        assertThat(words("ตลาดน้ำ")).containsExactly("ตลาด", "น้ำ");
        assertThat(words("天安门广场")).hasSizeBetween(2, 3).doesNotContain("天安门广场");
    }

    @Test
    void one_tokenizer_serves_values_of_both_kinds_in_turn() throws IOException {
        assertThat(words("ตลาดน้ำ")).hasSize(2);
        assertThat(words("floating market")).containsExactly("floating", "market");
        assertThat(words("洪水 flood")).contains("flood");
    }

    @Test
    void a_value_longer_than_the_first_buffer_is_read_whole_with_its_offsets() throws IOException {
        StringBuilder caption = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            caption.append("word").append(i).append(' ');
        }
        String text = caption.toString();
        List<String> words = new ArrayList<>();
        int lastStart = -1;
        tokenizer.setReader(new StringReader(text));
        CharTermAttribute term = tokenizer.getAttribute(CharTermAttribute.class);
        OffsetAttribute offset = tokenizer.getAttribute(OffsetAttribute.class);
        tokenizer.reset();
        while (tokenizer.incrementToken()) {
            words.add(term.toString());
            lastStart = offset.startOffset();
        }
        tokenizer.end();
        int end = offset.endOffset();
        tokenizer.close();

        assertThat(words).hasSize(3_000).endsWith("word2999");
        assertThat(text.substring(lastStart)).startsWith("word2999");
        assertThat(end).isEqualTo(text.length());
    }

    private List<String> words(String text) throws IOException {
        List<String> words = new ArrayList<>();
        tokenizer.setReader(new StringReader(text));
        CharTermAttribute term = tokenizer.getAttribute(CharTermAttribute.class);
        tokenizer.reset();
        while (tokenizer.incrementToken()) {
            words.add(term.toString());
        }
        tokenizer.end();
        tokenizer.close();
        return words;
    }
}
