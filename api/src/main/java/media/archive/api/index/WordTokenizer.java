package media.archive.api.index;

import java.io.CharArrayReader;
import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Unicode word segmentation (UAX #29) chosen per value: text in a script written without spaces
 * between words (Thai, Lao, Khmer, Myanmar, Chinese, Japanese) goes through {@link ICUTokenizer}
 * and its dictionaries; any other text through {@link StandardTokenizer}, which applies the same
 * UAX #29 rules several times faster. Most captions, names and places are of the second kind.
 *
 * <p>The whole value is read before the first word (values are at most a few pages). Not
 * thread-safe, as no tokenizer is.
 */
final class WordTokenizer extends Tokenizer {
    private final Segmenter spaced = new Segmenter(new StandardTokenizer());
    private final Segmenter dictionary = new Segmenter(new ICUTokenizer());
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    /** The value being split, in {@code text[0..length)}; the array grows with the longest value seen. */
    private char[] text = new char[1024];
    private int length;
    private Segmenter current;

    /** One of the two tokenizers and its attributes, looked up once rather than per value. */
    private record Segmenter(Tokenizer tokenizer, CharTermAttribute term, OffsetAttribute offset,
                             PositionIncrementAttribute increment, TypeAttribute type) {
        Segmenter(Tokenizer tokenizer) {
            this(tokenizer, tokenizer.addAttribute(CharTermAttribute.class), tokenizer.addAttribute(OffsetAttribute.class),
                    tokenizer.addAttribute(PositionIncrementAttribute.class), tokenizer.addAttribute(TypeAttribute.class));
        }
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        length = 0;
        for (int read = input.read(text, 0, text.length); read != -1; read = input.read(text, length, text.length - length)) {
            length += read;
            if (length == text.length) {
                text = java.util.Arrays.copyOf(text, text.length * 2);
            }
        }
        current = needsDictionary(text, length) ? dictionary : spaced;
        current.tokenizer().setReader(new CharArrayReader(text, 0, length));
        current.tokenizer().reset();
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        if (!current.tokenizer().incrementToken()) {
            return false;
        }
        term.copyBuffer(current.term().buffer(), 0, current.term().length());
        offset.setOffset(correctOffset(current.offset().startOffset()), correctOffset(current.offset().endOffset()));
        increment.setPositionIncrement(current.increment().getPositionIncrement());
        type.setType(current.type().type());
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        current.tokenizer().end();
        int end = correctOffset(length);
        offset.setOffset(end, end);
        increment.setPositionIncrement(current.increment().getPositionIncrement());
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (current != null) {
            current.tokenizer().close();
            current = null;
        }
    }

    /**
     * Whether {@code text[0..length)} has a letter of a script whose words are found with a dictionary. The
     * ranges left to the fast path are checked loosely on the safe side: whatever is not known to
     * be written with spaces goes to the dictionary tokenizer.
     */
    static boolean needsDictionary(char[] text, int length) {
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c < 0x0E00) {
                // Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts (Bengali among them).
                continue;
            }
            if ((c >= 0x1E00 && c <= 0x2BFF) || (c >= 0xAC00 && c <= 0xD7AF)) {
                // Latin Extended Additional (Vietnamese), Greek Extended, punctuation and symbols; Hangul syllables.
                continue;
            }
            return true;
        }
        return false;
    }
}
