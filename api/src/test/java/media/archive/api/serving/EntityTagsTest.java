package media.archive.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String TAG = EntityTags.rendition("ab12", "thumb", "Xy9_k2Lm");

    @Test
    void a_rendition_tag_is_strong_and_names_image_rendition_and_rights_version() {
        assertThat(TAG).isEqualTo("\"ab12-thumb-Xy9_k2Lm\"");
    }

    @Test
    void if_none_match_hits_the_same_tag_a_weak_copy_of_it_a_list_holding_it_or_a_star() {
        assertThat(EntityTags.noneMatchHits(TAG, TAG)).isTrue();
        assertThat(EntityTags.noneMatchHits("W/" + TAG, TAG)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"other\", " + TAG, TAG)).isTrue();
        assertThat(EntityTags.noneMatchHits("*", TAG)).isTrue();
    }

    @Test
    void if_none_match_misses_other_tags_and_nonsense() {
        assertThat(EntityTags.noneMatchHits(null, TAG)).isFalse();
        assertThat(EntityTags.noneMatchHits("", TAG)).isFalse();
        assertThat(EntityTags.noneMatchHits("\"ab12-large\"", TAG)).isFalse();
        assertThat(EntityTags.noneMatchHits("ab12-thumb", TAG)).isFalse();
        assertThat(EntityTags.noneMatchHits(",,,", TAG)).isFalse();
    }
}
