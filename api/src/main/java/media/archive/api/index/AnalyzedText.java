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
    public static AnalyzedText of(Analyzer analyzer, String value) {
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
        text.trim();
        return text;
    }

    /** How many words the value has. */
    public int size() {
        return count;
    }

    /** Word {@code i}, as indexed. */
    public String term(int i) {
        int from = i == 0 ? 0 : termEnds[i - 1];
        return new String(chars, from, termEnds[i] - from);
    }

    /** Where word {@code i} starts in the value. */
    public int startOffset(int i) {
        return startOffsets[i];
    }

    /** Where word {@code i} ends in the value. */
    public int endOffset(int i) {
        return endOffsets[i];
    }

    /** About how many bytes of memory this takes. */
    public int bytes() {
        return 64 + 2 * chars.length + 16 * termEnds.length;
    }

    /** A field named {@code name} holding these words, indexed as a {@link TextField} would index the value. */
    Field field(String name) {
        return new ReplayedField(name, this);
    }

    /** Lets go of the room kept for more words: kept texts may be many. */
    private void trim() {
        chars = Arrays.copyOf(chars, count == 0 ? 0 : termEnds[count - 1]);
        termEnds = Arrays.copyOf(termEnds, count);
        increments = Arrays.copyOf(increments, count);
        startOffsets = Arrays.copyOf(startOffsets, count);
        endOffsets = Arrays.copyOf(endOffsets, count);
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
