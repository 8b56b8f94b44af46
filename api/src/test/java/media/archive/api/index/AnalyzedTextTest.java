package media.archive.api.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class AnalyzedTextTest {
    private static final List<String> VALUES = List.of(
            "",
            "AP",
            "Trần Trung",
            "Photographers' ships sail past the harbour at dawn",
            "ঢাকায় সাইবার নিরাপত্তা নিয়ে রাষ্ট্রগুলির বৈঠক",
            "ตลาดน้ำดำเนินสะดวกในตอนเช้า",
            "北京的秋天 and a Latin name",
            "DSC 0001 jpg",
            // Longer than the room a thread starts with, in words and in letters.
            "flood ".repeat(300) + "Hà Nội " + "ঢাকা ".repeat(80));

    @Test
    void words_offsets_and_increments_are_the_analyzers() throws IOException {
        try (Analyzer analyzer = new ArchiveAnalyzer()) {
            for (String value : VALUES) {
                AnalyzedText text = AnalyzedText.of(analyzer, value);
                List<String> streamed = tokens(analyzer.tokenStream(IndexFields.TEXT, value));
                List<String> expected = streamed.subList(0, streamed.size() - 1);
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < text.size(); i++) {
                    kept.add(text.term(i) + "@" + text.startOffset(i) + "-" + text.endOffset(i));
                }
                assertEquals(expected.stream().map(token -> token.substring(0, token.lastIndexOf('+'))).toList(), kept, value);
            }
        }
    }

    @Test
    void a_replayed_field_streams_what_the_analyzer_streams_however_often_it_is_replayed() throws IOException {
        try (Analyzer analyzer = new ArchiveAnalyzer()) {
            for (String value : VALUES) {
                AnalyzedText text = AnalyzedText.of(analyzer, value);
                List<String> expected = tokens(analyzer.tokenStream(IndexFields.TEXT, value));
                TokenStream first = text.field(IndexFields.CREDIT).tokenStream(analyzer, null);
                assertEquals(expected, tokens(first), value);
                // The writer hands the stream back for the next value of the field.
                assertEquals(expected, tokens(text.field(IndexFields.TEXT).tokenStream(analyzer, first)), value);
            }
        }
    }

    @Test
    void values_analysed_by_two_analyzers_in_turn_on_one_thread_keep_apart() throws IOException {
        try (Analyzer one = new ArchiveAnalyzer(); Analyzer other = new ArchiveAnalyzer()) {
            AnalyzedText first = AnalyzedText.of(one, "Trần Trung");
            AnalyzedText second = AnalyzedText.of(other, "photographers at the market");
            AnalyzedText third = AnalyzedText.of(one, "সাইবারের");
            assertEquals(List.of("tran", "trung"), terms(first));
            assertEquals(List.of("photograph", "at", "the", "market"), terms(second));
            assertEquals(List.of("সাইবার"), terms(third));
        }
    }

    private static List<String> terms(AnalyzedText text) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            terms.add(text.term(i));
        }
        return terms;
    }

    /** Every token as {@code term@start-end+increment}, then the final offset and increment. */
    private static List<String> tokens(TokenStream stream) throws IOException {
        List<String> tokens = new ArrayList<>();
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
        PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
        try (stream) {
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+" + increment.getPositionIncrement());
            }
            stream.end();
            tokens.add("end@" + offset.startOffset() + "-" + offset.endOffset() + "+" + increment.getPositionIncrement());
        }
        return tokens;
    }
}
