package media.archive.api.search;

import static media.archive.api.index.Events.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.api.usage.Sites;
import media.archive.api.usage.Usage;
import media.archive.api.usage.Usages;
import media.archive.contracts.Appearance;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.SuppliedMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search language over a small archive of varied images: every filter, facets, highlights, sorting, edits. */
class SearchLanguageTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private SearchService search;

    private ImageId summit;
    private ImageId harbour;
    private ImageId market;
    private ImageId robot;
    private ImageId broken;
    private ImageId waiting;
    private ImageId lookalike;

    @BeforeEach
    void archive() {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
        search = new SearchService(index);
        summit = image("summit", "ana", "DSC_0001.JPG", ImageMetadata.builder()
                .creator(List.of("Trần Trung")).credit("Báo Quốc tế").source("VNA").copyright("© Báo Quốc tế 2025")
                .headline("Leaders sign the Hanoi convention").description("Photographers wait as the delegates arrive.")
                .keywords(List.of("diplomacy", "cybercrime")).city("Hà Nội").country("Vietnam").countryCode("VN")
                .make("Canon").model("Canon EOS R5").dateTaken("2025-10-25T09:30:00+07:00")
                .gpsLatitude(21.03).gpsLongitude(105.85).build(), "00000000000000ff");
        harbour = image("harbour", "ben", "harbour.jpg", ImageMetadata.builder()
                .creator(List.of("Ana Lima")).credit("Reuters").source("Reuters")
                .description("A photographer on the quay at dawn; fishing boats return to the harbour.")
                .keywords(List.of("fishing")).city("Porto").country("Portugal")
                .make("NIKON CORPORATION").model("NIKON Z 9").dateTaken("2024-03-02T06:10:00").build(), "00000000000000f0");
        market = image("market", "ana", "market.tif", ImageMetadata.builder()
                .creator(List.of("Somchai")).credit("Reuters")
                .description("ตลาดน้ำในกรุงเทพมหานคร ตอนเช้า").keywords(List.of("market")).city("Bangkok").country("Thailand")
                .dateTaken("2025-09-30T23:59:59").build(), "ffffffffffffffff");
        robot = image("robot", "ben", "robot.png", ImageMetadata.builder()
                .headline("An illustration of the summit").digitalSourceType("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
                .build(), null);
        broken = id("broken");
        feeder.feed(new ImageUploaded(broken, MORNING.plusSeconds(10), "ana", "broken.jpg", "image/jpeg", 10, SuppliedMetadata.NONE),
                new ImageFailed(broken, MORNING, ImageFailed.UNDECODABLE, "not an image", null));
        waiting = id("waiting");
        feeder.feed(new ImageUploaded(waiting, MORNING.plusSeconds(11), "ben", "later.jpg", "image/jpeg", 10,
                new SuppliedMetadata("Hanoi at night", "Mai Anh", null, List.of())));
        lookalike = image("lookalike", "ana", "copy.jpg", ImageMetadata.builder().headline("Another frame").build(), "00000000000003ff");
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** A query and the images it must find, exactly. */
    private static final String[][] FILTER_CASES = {
        {"by:\"tran trung\"", "summit"},
        {"by:\"Trần Trung\"", "summit"},
        {"by:lima", "harbour"},
        {"credit:reuters", "harbour market"},
        {"source:vna", "summit"},
        {"copyright:\"bao quoc te\"", "summit"},
        {"keyword:cybercrime", "summit"},
        {"city:\"ha noi\"", "summit"},
        {"country:vn", "summit"},
        {"country:portugal", "harbour"},
        {"in:bangkok", "market"},
        {"uploader:ben", "harbour robot waiting"},
        {"camera:nikon", "harbour"},
        {"camera:\"eos r5\"", "summit"},
        {"filename:dsc_0001.jpg", "summit"},
        {"filename:market", "market"},
        {"has:gps", "summit"},
        {"has:caption", "summit harbour market robot waiting lookalike"},
        {"is:failed", "broken"},
        {"is:processing", "waiting"},
        {"is:ai-generated", "robot"},
        {"taken:2025-10-25", "summit"},
        {"taken:2025-10", "summit"},
        {"taken:2025", "summit market"},
        {"taken:2025-09-01..2025-09-30", "market"},
        {"taken:>2025-09", "summit"},
        {"taken:<2025", "harbour"},
        {"taken:>=2025-09-30", "summit market"},
        {"uploaded:2025-10-25", "summit harbour market robot broken waiting lookalike"},
        {"uploaded:<2025-10-25", ""},
        {"photographer", "summit harbour"},
        {"photographers", "summit harbour"},
        {"\"fishing boats\"", "harbour"},
        {"\"boats fishing\"", ""},
        {"harbour -fishing", ""},
        {"summit OR harbour", "harbour robot"},
        {"convention OR harbour", "summit harbour"},
        {"convention -illustration", "summit"},
        {"summit -illustration", ""},
        {"-reuters has:caption", "summit robot waiting lookalike"},
        {"-reuters", "summit robot broken waiting lookalike"},
        {"-reuters -is:failed", "summit robot waiting lookalike"},
        {"ตลาดน้ำ", "market"},
        {"กรุงเทพมหานคร", "market"},
        {"HANOI", "summit waiting"},
        {"hanoi is:processing", "waiting"},
    };

    @Test
    void each_filter_finds_exactly_its_images() {
        SoftAssertions softly = new SoftAssertions();
        for (String[] filterCase : FILTER_CASES) {
            Set<ImageId> want = new HashSet<>();
            for (String name : filterCase[1].isBlank() ? new String[0] : filterCase[1].split(" ")) {
                want.add(byName(name));
            }
            softly.assertThat(ids(search.search(new SearchRequest(filterCase[0], 200, null))))
                    .as(filterCase[0]).containsExactlyInAnyOrderElementsOf(want);
        }
        softly.assertAll();
    }

    @Test
    void is_embargoed_finds_images_whose_embargo_has_not_passed_and_is_withheld_those_held_back() {
        ImageId future = image("future", "ana", "future.jpg", ImageMetadata.builder()
                .embargoUntil(Instant.now().plusSeconds(3600)).build(), null);
        image("past", "ana", "past.jpg", ImageMetadata.builder().embargoUntil(Instant.parse("2020-01-01T00:00:00Z")).build(), null);
        ImageId held = image("held", "ana", "held.jpg", ImageMetadata.builder().withheld("court order").build(), null);

        assertThat(ids(search.search(SearchRequest.of("is:embargoed")))).containsExactly(future);
        assertThat(ids(search.search(SearchRequest.of("is:withheld")))).containsExactly(held);
        assertThat(ids(search.search(SearchRequest.of("-is:embargoed -is:withheld filename:future OR filename:held OR filename:past"))))
                .hasSize(1);
    }

    @Test
    void used_finds_pictures_shown_on_a_host_or_its_subdomains_and_is_unused_the_others() {
        Map<ImageId, List<String>> sites = Map.of(
                summit, List.of("https://www.news.example"),
                harbour, List.of("https://blog.example", "https://news.example:8443"));
        SearchService used = new SearchService(index, new Usages() {
            @Override
            public List<Usage> of(ImageId id) {
                return List.of();
            }

            @Override
            public Set<ImageId> usedOn(String host) {
                Set<ImageId> on = new HashSet<>();
                sites.forEach((id, list) -> {
                    if (host == null || list.stream().anyMatch(site -> Sites.isOn(site, host))) {
                        on.add(id);
                    }
                });
                return on;
            }
        });

        assertThat(ids(used.search(SearchRequest.of("used:news.example")))).containsExactlyInAnyOrder(summit, harbour);
        assertThat(ids(used.search(SearchRequest.of("used:https://www.news.example/2026/story")))).containsExactly(summit);
        assertThat(ids(used.search(SearchRequest.of("used:BLOG.example")))).containsExactly(harbour);
        assertThat(ids(used.search(SearchRequest.of("used:ews.example")))).isEmpty();
        assertThat(ids(used.search(SearchRequest.of("used:news.example credit:reuters")))).containsExactly(harbour);
        assertThat(ids(used.search(SearchRequest.of("is:used")))).containsExactlyInAnyOrder(summit, harbour);
        assertThat(ids(used.search(SearchRequest.of("is:unused"))))
                .containsExactlyInAnyOrder(market, robot, broken, waiting, lookalike);
        assertThat(ids(used.search(SearchRequest.of("-is:used")))).containsExactlyInAnyOrder(market, robot, broken, waiting, lookalike);
        assertThat(ids(used.search(SearchRequest.of("summit is:unused")))).containsExactly(robot);
        assertThat(ids(search.search(SearchRequest.of("is:unused")))).as("nothing used anywhere").hasSize(7);
        assertThatThrownBy(() -> used.search(SearchRequest.of("used:\"not a host\"")))
                .isInstanceOf(InvalidSearchException.class).hasMessageContaining("used: takes a site's host name");
    }

    @Test
    void id_finds_an_image_by_its_whole_id_or_a_prefix() {
        assertThat(ids(search.search(SearchRequest.of("id:" + summit.value())))).containsExactly(summit);
        assertThat(ids(search.search(SearchRequest.of("id:" + summit.value().substring(0, 12))))).containsExactly(summit);
    }

    @Test
    void similar_finds_images_whose_perceptual_hash_differs_in_few_bits() {
        // summit ff, harbour f0 (4 bits off), lookalike 3ff (2 bits off), market all ones (56 bits off).
        assertThat(ids(search.search(SearchRequest.of("similar:" + summit.value()))))
                .containsExactlyInAnyOrder(summit, harbour, lookalike);
        assertThatThrownBy(() -> search.search(SearchRequest.of("similar:" + robot.value())))
                .isInstanceOf(InvalidSearchException.class).hasMessageContaining("perceptual hash");
    }

    @Test
    void facets_count_every_match_per_dimension() {
        SearchResults all = search.search(SearchRequest.of(null));

        assertThat(all.facets().get("credit")).contains(new SearchResults.FacetCount("Reuters", 2), new SearchResults.FacetCount("Báo Quốc tế", 1));
        assertThat(all.facets().get("country")).contains(new SearchResults.FacetCount("Vietnam", 1));
        assertThat(all.facets().get("camera")).contains(new SearchResults.FacetCount("Canon EOS R5", 1),
                new SearchResults.FacetCount("NIKON Z 9", 1));
        assertThat(all.facets().get("takenMonth")).contains(new SearchResults.FacetCount("2025-10", 1),
                new SearchResults.FacetCount("2025-09", 1), new SearchResults.FacetCount("2024-03", 1));
        assertThat(all.facets().get("creator")).contains(new SearchResults.FacetCount("Mai Anh", 1));
        assertThat(all.facets().get("keywords")).hasSize(4);
        assertThat(all.facets().keySet()).containsExactlyInAnyOrder("creator", "credit", "source", "keywords", "country", "camera", "takenMonth");

        SearchResults reuters = search.search(SearchRequest.of("credit:reuters"));
        assertThat(reuters.facets().get("credit")).containsExactly(new SearchResults.FacetCount("Reuters", 2));
        assertThat(reuters.facets().get("country")).containsExactlyInAnyOrder(
                new SearchResults.FacetCount("Portugal", 1), new SearchResults.FacetCount("Thailand", 1));
        assertThat(reuters.total()).isEqualTo(2);
        assertThat(reuters.totalIsLowerBound()).isFalse();
    }

    @Test
    void matched_words_are_marked_in_caption_and_headline_snippets() {
        SearchResults results = search.search(SearchRequest.of("photographers hanoi"));

        SearchResults.Hit hit = results.hits().get(0);
        assertThat(hit.record().id()).isEqualTo(summit);
        assertThat(hit.highlights().get("headline")).isEqualTo("Leaders sign the <mark>Hanoi</mark> convention");
        assertThat(hit.highlights().get("description")).isEqualTo("<mark>Photographers</mark> wait as the delegates arrive.");
    }

    @Test
    void highlights_are_html_escaped() {
        ImageId tagged = image("tagged", "ana", "t.jpg", ImageMetadata.builder().headline("<b>Storm</b> & rain").build(), null);

        SearchResults.Hit hit = search.search(SearchRequest.of("storm")).hits().get(0);

        assertThat(hit.record().id()).isEqualTo(tagged);
        assertThat(hit.highlights().get("headline")).isEqualTo("&lt;b&gt;<mark>Storm</mark>&lt;/b&gt; &amp; rain");
    }

    @Test
    void sorting_by_taken_puts_the_latest_picture_first_and_undated_last() {
        SearchResults results = search.search(new SearchRequest("has:caption", SearchRequest.Sort.TAKEN, 200, null));

        assertThat(ids(results).subList(0, 3)).containsExactly(summit, market, harbour);
    }

    @Test
    void paging_by_taken_returns_each_hit_once() {
        List<ImageId> seen = new ArrayList<>();
        String cursor = null;
        do {
            SearchResults page = search.search(new SearchRequest(null, SearchRequest.Sort.TAKEN, 2, cursor));
            seen.addAll(ids(page));
            cursor = page.next();
        } while (cursor != null);

        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void an_editors_change_replaces_the_field_and_is_searchable() {
        feeder.feed(new ImageEdited(harbour, MORNING.plusSeconds(60), "desk", Map.of(
                "creator", List.of("Ana Lima Costa"), "description", "Boats return to Porto harbour.")));

        assertThat(ids(search.search(SearchRequest.of("by:costa")))).containsExactly(harbour);
        assertThat(ids(search.search(SearchRequest.of("dawn")))).isEmpty();
        assertThat(index.find(harbour).orElseThrow().metadata().description()).isEqualTo("Boats return to Porto harbour.");
        assertThat(index.find(harbour).orElseThrow().metadata().credit()).isEqualTo("Reuters");
    }

    @Test
    void the_latest_edit_stands_alone_as_the_compacted_topic_keeps_only_it() {
        feeder.feed(new ImageEdited(harbour, MORNING.plusSeconds(60), "desk", Map.of("headline", "First", "credit", "AFP")));
        feeder.feed(new ImageEdited(harbour, MORNING.plusSeconds(120), "desk", Map.of("headline", "Second")));

        assertThat(index.find(harbour).orElseThrow().metadata().headline()).isEqualTo("Second");
        // The credit is no longer among the editors' changes: the file's value is back.
        assertThat(index.find(harbour).orElseThrow().metadata().credit()).isEqualTo("Reuters");
    }

    @Test
    void an_edit_that_arrives_before_its_image_is_kept_and_found_by_nothing_until_then() {
        ImageId early = id("early");
        feeder.feed(new ImageEdited(early, MORNING, "desk", Map.of("headline", "Flood in Hue")));

        assertThat(search.search(SearchRequest.of(null)).total()).isEqualTo(7);
        assertThat(ids(search.search(SearchRequest.of("flood")))).isEmpty();
        assertThat(index.find(early)).isEmpty();

        feeder.feed(new ImageUploaded(early, MORNING.plusSeconds(99), "ana", "hue.jpg", "image/jpeg", 10, SuppliedMetadata.NONE));

        assertThat(ids(search.search(SearchRequest.of("flood")))).containsExactly(early);
        assertThat(search.search(SearchRequest.of(null)).total()).isEqualTo(8);
    }

    @Test
    void a_cursor_of_one_order_is_refused_for_another() {
        String byTaken = search.search(new SearchRequest(null, SearchRequest.Sort.TAKEN, 1, null)).next();

        assertThatThrownBy(() -> new SearchRequest(null, SearchRequest.Sort.UPLOADED, 1, byTaken))
                .isInstanceOf(InvalidSearchException.class);
    }

    private ImageId image(String seed, String uploader, String fileName, ImageMetadata metadata, String hash) {
        ImageId id = id(seed);
        feeder.feed(new ImageUploaded(id, MORNING.plusSeconds(seed.length()), uploader, fileName, "image/jpeg", 10, SuppliedMetadata.NONE),
                new ImageProcessed(id, MORNING, metadata, List.of(), hash == null ? null : new Appearance(null, null, hash)));
        return id;
    }

    private ImageId byName(String name) {
        return switch (name) {
            case "summit" -> summit;
            case "harbour" -> harbour;
            case "market" -> market;
            case "robot" -> robot;
            case "broken" -> broken;
            case "waiting" -> waiting;
            case "lookalike" -> lookalike;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static List<ImageId> ids(SearchResults results) {
        return results.hits().stream().map(hit -> hit.record().id()).toList();
    }
}
