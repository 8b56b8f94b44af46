package media.archive.api.index;

import com.ibm.icu.text.Normalizer;
import com.ibm.icu.text.Normalizer2;
import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.bn.BengaliNormalizationFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * How captions, credits and queries become words: Unicode word segmentation
 * ({@link WordTokenizer}, which also splits Thai and CJK text into words with dictionaries),
 * then, chosen by the script of each word's letters, Bengali normalisation and stemming
 * ({@code সাইবারের} becomes {@code সাইবার}, {@code রাষ্ট্রগুলির} the same as {@code রাষ্ট্র}), Unicode folding ({@link ICUFoldingFilter}: case,
 * diacritics and width, so {@code tran trung} finds {@code Trần Trung}), and English stemming
 * for Latin-script words ({@code photographers} becomes {@code photograph}).
 *
 * <p>The choice is made per word from its script, not per archive or per field: one caption
 * may mix a Bengali sentence with a Latin-script name, and each part gets its own treatment.
 * The same analyzer reads the index and the queries, so a word and its query always agree.
 * Thread-safe, as every Lucene analyzer is.
 *
 * @see <a href="https://unicode.org/reports/tr29/">UAX #29: Unicode Text Segmentation</a>
 * @see <a href="https://www.unicode.org/reports/tr30/tr30-4.html">UTR #30: Character Foldings</a>
 */
public final class ArchiveAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new WordTokenizer();
        // Bengali rules read the unfolded letters (folding removes some of the signs they look at).
        TokenStream bengali = new BengaliStemFilter(new BengaliPluralFilter(new BengaliNormalizationFilter(
                new OtherScriptsAsKeywords(words, Character.UnicodeScript.BENGALI))));
        TokenStream folded = new Folding(bengali);
        // Porter reads lower-case ASCII, which folding has just made of Latin-script words.
        TokenStream latin = new PorterStemFilter(new EnglishPossessiveFilter(
                new OtherScriptsAsKeywords(folded, Character.UnicodeScript.LATIN)));
        return new TokenStreamComponents(words, latin);
    }

    /** Keeps the values of a field apart: a phrase never spans the end of one keyword and the start of the next. */
    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 100;
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new Folding(in);
    }

    /**
     * {@link ICUFoldingFilter}'s folding, with a shortcut for words of ASCII letters and digits,
     * most words of most captions: their folding is lower-casing, done in place.
     */
    static final class Folding extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final StringBuilder folded = new StringBuilder();

        Folding(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] chars = term.buffer();
            int length = term.length();
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                if (c >= 'A' && c <= 'Z') {
                    chars[i] = (char) (c + ('a' - 'A'));
                } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                    // Beyond ASCII, and a few ASCII signs too ('^' and '`' fold away as accents).
                    fold();
                    return true;
                }
            }
            return true;
        }

        private void fold() {
            Normalizer2 folding = ICUFoldingFilter.NORMALIZER;
            if (folding.quickCheck(term) != Normalizer.YES) {
                folded.setLength(0);
                folding.normalize(term, folded);
                term.setEmpty().append(folded);
            }
        }
    }

    /**
     * Removes the plural markers Lucene's Bengali stemmer leaves on ({@code রাষ্ট্রগুলির},
     * "of the states", becomes {@code রাষ্ট্র}), with the case ending that follows them.
     */
    private static final class BengaliPluralFilter extends TokenFilter {
        private static final String[] SUFFIXES = {
            "গুলিতে", "গুলোতে", "গুলিকে", "গুলোকে", "গুলির", "গুলোর", "গুলি", "গুলো"};
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        BengaliPluralFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (keyword.isKeyword()) {
                return true;
            }
            String word = term.toString();
            for (String suffix : SUFFIXES) {
                if (word.length() > suffix.length() + 1 && word.endsWith(suffix)) {
                    term.setLength(word.length() - suffix.length());
                    break;
                }
            }
            return true;
        }
    }

    /**
     * Marks the words not written in one script as keywords, which the stemmers that follow leave
     * alone: each script's rules touch only its own words. A word's script is its first letter's.
     */
    private static final class OtherScriptsAsKeywords extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final Character.UnicodeScript script;

        OtherScriptsAsKeywords(TokenStream input, Character.UnicodeScript script) {
            super(input);
            this.script = script;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            keyword.setKeyword(scriptOf(term) != script);
            return true;
        }

        private static Character.UnicodeScript scriptOf(CharTermAttribute term) {
            for (int i = 0; i < term.length(); ) {
                char c = term.charAt(i);
                if (c < 0x80) {
                    // ASCII, the most frequent case by far: a letter is Latin, anything else says nothing.
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                        return Character.UnicodeScript.LATIN;
                    }
                    i++;
                    continue;
                }
                int codePoint = Character.codePointAt(term.buffer(), i, term.length());
                Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
                if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                    return script;
                }
                i += Character.charCount(codePoint);
            }
            return Character.UnicodeScript.COMMON;
        }
    }
}
