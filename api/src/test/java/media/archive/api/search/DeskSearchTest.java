package media.archive.api.search;

import static media.archive.api.index.Events.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.SuppliedMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the desk asks of search besides pages: a photographer's own images, and values to complete filters with. */
class DeskSearchTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private SearchService search;

    @BeforeEach
    void archive() {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
        search = new SearchService(index);
        image("a", "Tran Trung", "Trần Trung", "Reuters", "flood");
        image("b", "Tran Trung", "Trần Trung", "AFP", "flood");
        image("c", "Tran", "Trà My", "Reuters", "flood");
        image("d", "tran trung", "Tracy Ng", "Reuters", "harbour");
        image("e", "Ana Lima", "Ana Lima", "Reuters", "flood");
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void a_photographer_finds_only_the_images_their_key_uploaded_exactly() {
        SearchResults own = search.searchUploadedBy(SearchRequest.of("flood"), "Tran Trung");

        assertThat(ids(own)).containsExactlyInAnyOrder(id("a"), id("b"));
        assertThat(own.total()).isEqualTo(2);
        assertThat(own.facets().get("credit")).extracting(SearchResults.FacetCount::value).containsExactlyInAnyOrder("Reuters", "AFP");
        assertThat(ids(search.searchUploadedBy(SearchRequest.of(null), "Tran"))).containsExactly(id("c"));
        assertThat(ids(search.searchUploadedBy(SearchRequest.of(null), "Nobody"))).isEmpty();
        assertThat(search.search(SearchRequest.of("flood")).total()).isEqualTo(4);
    }

    @Test
    void suggestions_complete_a_filter_ignoring_case_and_diacritics_most_frequent_first() {
        Suggestions creators = search.suggest("by", "TRA", null, null);

        assertThat(creators.field()).isEqualTo("by");
        assertThat(creators.values()).extracting(SearchResults.FacetCount::value).containsExactly("Trần Trung", "Tracy Ng", "Trà My");
        assertThat(creators.values().get(0).count()).isEqualTo(2);
        assertThat(search.suggest("by", "tran", null, null).values()).extracting(SearchResults.FacetCount::value)
                .containsExactly("Trần Trung");
        assertThat(search.suggest("by", "tra m", null, null).values()).extracting(SearchResults.FacetCount::value)
                .containsExactly("Trà My");
        assertThat(search.suggest("by", "TRẦN", null, null).values()).extracting(SearchResults.FacetCount::value)
                .containsExactly("Trần Trung");
        assertThat(search.suggest("credit", "", "1", null).values()).containsExactly(new SearchResults.FacetCount("Reuters", 4));
        assertThat(search.suggest("keyword", "zz", null, null).values()).isEmpty();
    }

    @Test
    void a_photographers_suggestions_count_their_own_images() {
        Suggestions credits = search.suggest("credit", "", null, "Tran Trung");

        assertThat(credits.values()).containsExactly(new SearchResults.FacetCount("AFP", 1), new SearchResults.FacetCount("Reuters", 1));
    }

    @Test
    void a_field_without_a_facet_is_refused_naming_the_valid_ones() {
        assertThatThrownBy(() -> search.suggest("filename", "a", null, null))
                .isInstanceOf(InvalidSearchException.class)
                .hasMessageContaining("by, credit, source, keyword, country, camera, taken");
        assertThatThrownBy(() -> search.suggest(null, "a", null, null)).isInstanceOf(InvalidSearchException.class);
        assertThatThrownBy(() -> search.suggest("by", "a", "0", null)).isInstanceOf(InvalidSearchException.class);
        assertThatThrownBy(() -> search.suggest("by", "a", "many", null)).isInstanceOf(InvalidSearchException.class);
        assertThatThrownBy(() -> search.suggest("by", "a".repeat(101), null, null)).isInstanceOf(InvalidSearchException.class);
    }

    private void image(String seed, String uploader, String creator, String credit, String keyword) {
        ImageId id = id(seed);
        feeder.feed(new ImageUploaded(id, MORNING.plusSeconds(seed.hashCode() % 100), uploader, seed + ".jpg", "image/jpeg", 10,
                        SuppliedMetadata.NONE),
                new ImageProcessed(id, MORNING, ImageMetadata.builder().creator(List.of(creator)).credit(credit)
                        .keywords(List.of(keyword)).build(), List.of(), null));
    }

    private static List<ImageId> ids(SearchResults results) {
        return results.hits().stream().map(hit -> hit.record().id()).toList();
    }
}
