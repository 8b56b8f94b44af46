package media.archive.api.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;

/**
 * The words of one text value as the index's analyzer makes them: terms, position increments
 * and offsets in the value, kept compactly. Analysis is a good part of writing an image and of
 * highlighting a page of hits, so it is done once per value: an image's credit is indexed in
 * the {@code credit} field and in the catch-all {@code text} field (its keywords there twice and
 * in {@code keywords}), each replaying the same words; a caption highlighted once is marked
 * again from its kept words. Immutable once made; safe to share between threads.
 */
public final class AnalyzedText {
    /** Per word: where its term ends in {@link #chars}, its position increment, start and end offsets. */
    private static final int TERM_END = 0;
    private static final int INCREMENT = 1;
    private static final int START = 2;
    private static final int END = 3;
    private static final int SLOTS = 4;

    private final char[] chars;
    private final int[] words;
    private final int count;
    private final int finalOffset;
    private final int finalIncrement;

    private AnalyzedText(char[] chars, int[] words, int count, int finalOffset, int finalIncrement) {
        this.chars = chars;
        this.words = words;
        this.count = count;
        this.finalOffset = finalOffset;
        this.finalIncrement = finalIncrement;
    }

    /** The words of {@code value} as {@code analyzer} makes them (for any field: it treats all alike). */
    public static AnalyzedText of(Analyzer analyzer, String value) {
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT, value)) {
            return Scratch.of(tokens).analyse(tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse text held in memory", e);
        }
    }

    /**
     * A thread's room for analysing one value, and the attributes of the token stream it last
     * read. The analyzer hands each thread the same stream again and again, so its attributes are
     * looked up once, not per value; and the words are gathered here and copied once into arrays
     * of their exact size. Most values are a word or two, for which lookups and growing arrays
     * cost as much as the words.
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
        private TokenStream stream;
        private CharTermAttribute term;
        private PositionIncrementAttribute increment;
        private OffsetAttribute offset;
        private char[] chars = new char[256];
        private int[] words = new int[SLOTS * 64];

        static Scratch of(TokenStream stream) {
            Scratch scratch = OF_THREAD.get();
            if (scratch.stream != stream) {
                scratch.stream = stream;
                scratch.term = stream.addAttribute(CharTermAttribute.class);
                scratch.increment = stream.addAttribute(PositionIncrementAttribute.class);
                scratch.offset = stream.addAttribute(OffsetAttribute.class);
            }
            return scratch;
        }

        AnalyzedText analyse(TokenStream tokens) throws IOException {
            int count = 0;
            int length = 0;
            tokens.reset();
            while (tokens.incrementToken()) {
                int termLength = term.length();
                if (length + termLength > chars.length) {
                    chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + termLength));
                }
                System.arraycopy(term.buffer(), 0, chars, length, termLength);
                length += termLength;
                if (SLOTS * (count + 1) > words.length) {
                    words = Arrays.copyOf(words, words.length * 2);
                }
                int at = SLOTS * count;
                words[at + TERM_END] = length;
                words[at + INCREMENT] = increment.getPositionIncrement();
                words[at + START] = offset.startOffset();
                words[at + END] = offset.endOffset();
                count++;
            }
            tokens.end();
            return new AnalyzedText(Arrays.copyOf(chars, length), Arrays.copyOf(words, SLOTS * count), count,
                    offset.endOffset(), increment.getPositionIncrement());
        }
    }

    /** How many words the value has. */
    public int size() {
        return count;
    }

    /** Word {@code i}, as indexed. */
    public String term(int i) {
        int from = termStart(i);
        return new String(chars, from, words[SLOTS * i + TERM_END] - from);
    }

    /** Where word {@code i} starts in the value. */
    public int startOffset(int i) {
        return words[SLOTS * i + START];
    }

    /** Where word {@code i} ends in the value. */
    public int endOffset(int i) {
        return words[SLOTS * i + END];
    }

    /** About how many bytes of memory this takes. */
    public int bytes() {
        return 64 + 2 * chars.length + 4 * words.length;
    }

    private int termStart(int i) {
        return i == 0 ? 0 : words[SLOTS * (i - 1) + TERM_END];
    }

    /** A field named {@code name} holding these words, indexed as a {@link TextField} would index the value. */
    Field field(String name) {
        return new ReplayedField(name, this);
    }

    /** A text field whose words were analysed beforehand. */
    private static final class ReplayedField extends Field {
        private final AnalyzedText text;

        ReplayedField(String name, AnalyzedText text) {
            super(name, TextField.TYPE_NOT_STORED);
            this.text = text;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            // The writer hands back the stream it used for this field before: one per field and thread.
            Replay replay = reuse instanceof Replay previous ? previous : new Replay();
            replay.text = text;
            return replay;
        }
    }

    /** Plays the kept words back as a token stream. */
    private static final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private AnalyzedText text;
        private int next;

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }

        @Override
        public boolean incrementToken() {
            if (next == text.count) {
                return false;
            }
            clearAttributes();
            int from = text.termStart(next);
            int at = SLOTS * next;
            term.copyBuffer(text.chars, from, text.words[at + TERM_END] - from);
            increment.setPositionIncrement(text.words[at + INCREMENT]);
            offset.setOffset(text.words[at + START], text.words[at + END]);
            next++;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offset.setOffset(text.finalOffset, text.finalOffset);
            increment.setPositionIncrement(text.finalIncrement);
        }
    }
}
