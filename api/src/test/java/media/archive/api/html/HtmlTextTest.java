package media.archive.api.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void markup_characters_become_references() {
        assertThat(HtmlText.escape("<b>\"Tom\" & 'Jerry'</b>"))
                .isEqualTo("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    }

    @Test
    void null_is_empty_text() {
        assertThat(HtmlText.escape(null)).isEmpty();
    }

    @Test
    void controls_become_spaces_and_white_space_stays() {
        assertThat(HtmlText.escape("a\u0000b\u0007c\u007Fd\u0085e")).isEqualTo("a b c d e");
        assertThat(HtmlText.escape("line\nnext\ttab\r\f")).isEqualTo("line\nnext\ttab\r\f");
    }

    @Test
    void lone_surrogates_and_noncharacters_become_the_replacement_character() {
        assertThat(HtmlText.escape("a\uD800b\uDC00c\uFFFEd\uFDD0")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFD");
        assertThat(HtmlText.escape("x" + new String(Character.toChars(0x1FFFF)) + "y")).isEqualTo("x\uFFFDy");
    }

    @Test
    void scripts_beyond_ascii_and_pairs_of_surrogates_pass_unchanged() {
        String text = "ছবি: ট্রান ট্রুং。写真 " + new String(Character.toChars(0x1F4F7));
        assertThat(HtmlText.escape(text)).isEqualTo(text);
    }

    @Test
    void a_range_is_escaped_into_the_given_builder() {
        StringBuilder out = new StringBuilder("[");
        HtmlText.escape("ab<cd>ef", 2, 6, out);
        assertThat(out).hasToString("[&lt;cd&gt;");
    }
}
