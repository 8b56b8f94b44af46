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
 * The words of one text value, analysed once for every field that indexes it: an image's
 * credit is in the {@code credit} field and in the catch-all {@code text} field, its keywords
 * there twice and in {@code keywords}. Analysis is a good part of writing an image, and the
 * same analyzer serves every field, so its words are kept (terms, position increments and
 * offsets) and replayed for each field. Not thread-safe; made and used for one document.
 */
final class AnalyzedText {
    private char[] chars = new char[64];
    private int[] termEnds = new int[8];
    private int[] increments = new int[8];
    private int[] startOffsets = new int[8];
    private int[] endOffsets = new int[8];
    private int count;
    private int finalOffset;
    private int finalIncrement;

    private AnalyzedText() {
    }

    /** The words of {@code value} as {@code analyzer} makes them (for any field: it treats all alike). */
    static AnalyzedText of(Analyzer analyzer, String value) {
        AnalyzedText text = new AnalyzedText();
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT, value)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                text.add(term, increment.getPositionIncrement(), offset.startOffset(), offset.endOffset());
            }
            tokens.end();
            text.finalOffset = offset.endOffset();
            text.finalIncrement = increment.getPositionIncrement();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse text held in memory", e);
        }
        return text;
    }

    /** A field named {@code name} holding these words, indexed as a {@link TextField} would index the value. */
    Field field(String name) {
        return new ReplayedField(name, this);
    }

    private void add(CharTermAttribute term, int increment, int start, int end) {
        int from = count == 0 ? 0 : termEnds[count - 1];
        if (from + term.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, from + term.length()));
        }
        System.arraycopy(term.buffer(), 0, chars, from, term.length());
        if (count == termEnds.length) {
            int size = count * 2;
            termEnds = Arrays.copyOf(termEnds, size);
            increments = Arrays.copyOf(increments, size);
            startOffsets = Arrays.copyOf(startOffsets, size);
            endOffsets = Arrays.copyOf(endOffsets, size);
        }
        termEnds[count] = from + term.length();
        increments[count] = increment;
        startOffsets[count] = start;
        endOffsets[count] = end;
        count++;
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
            int from = next == 0 ? 0 : text.termEnds[next - 1];
            term.copyBuffer(text.chars, from, text.termEnds[next] - from);
            increment.setPositionIncrement(text.increments[next]);
            offset.setOffset(text.startOffsets[next], text.endOffsets[next]);
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
