package media.archive.api.search;

import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.ImageSearcher;
import media.archive.api.index.IndexFields;
import media.archive.api.index.IndexFeeder;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageRecord;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchServiceTest {
    private static final Instant START = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private SearchService search;
    private int uploads;

    @BeforeEach
    void open() {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
        search = new SearchService(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void case_and_diacritics_do_not_matter() {
        ImageId tran = image("tran", metadata().creator("Trần Trung").build());
        image("other", metadata().creator("Nguyễn Văn An").build());

        assertThat(ids(search.search(SearchRequest.of("tran trung")))).containsExactly(tran);
        assertThat(ids(search.search(SearchRequest.of("TRẦN")))).containsExactly(tran);
        assertThat(ids(search.search(SearchRequest.of("nguyen van an")))).doesNotContain(tran).hasSize(1);
    }

    @Test
    void every_word_must_match_somewhere_in_the_record() {
        ImageId both = image("both", metadata().creator("Trần Trung").place("Hà Nội", "Việt Nam").build());
        image("only-creator", metadata().creator("Trần Trung").place("Huế", "Việt Nam").build());

        SearchResults results = search.search(SearchRequest.of("tran ha noi"));

        assertThat(ids(results)).containsExactly(both);
        assertThat(results.total()).isEqualTo(1);
    }

    @Test
    void finds_every_text_field_editors_search_in() {
        ImageId id = image("fields", metadata()
                .headline("Convention signed").title("Signing").keywords("cybercrime", "United Nations")
                .credit("Báo Quốc tế").description("Delegates arrive").place("Hanoi", "Vietnam").build());

        for (String query : List.of("convention", "signing", "cybercrime", "united nations", "bao quoc te",
                "delegates", "hanoi", "vietnam")) {
            assertThat(ids(search.search(SearchRequest.of(query)))).as(query).containsExactly(id);
        }
    }

    @Test
    void bengali_words_from_the_gallery_captions_find_their_image() throws IOException {
        List<String> captions = captions();
        List<ImageId> ids = new ArrayList<>();
        for (int i = 0; i < captions.size(); i++) {
            ids.add(image("gallery-" + i, metadata().description(captions.get(i)).credit("ছবি: ট্রান ট্রুং").build()));
        }

        for (int i = 0; i < captions.size(); i++) {
            List<String> own = wordsOnlyIn(captions, i);
            String query = own.get(0) + " " + own.get(own.size() / 2);
            assertThat(ids(search.search(SearchRequest.of(query)))).as(query).containsExactly(ids.get(i));
        }
        assertThat(search.search(SearchRequest.of("ট্রান ট্রুং")).total()).isEqualTo(captions.size());
    }

    @Test
    void a_bengali_noun_finds_its_case_inflected_forms() {
        ImageId genitive = image("genitive", metadata().description("হ্যানয় কনভেনশনের স্বাক্ষর অনুষ্ঠান").build());
        ImageId plural = image("plural", metadata().description("রাষ্ট্রগুলির দ্বারা দায়িত্বশীল আচরণ").build());
        ImageId locative = image("locative", metadata().description("ভিয়েতনামে সম্মেলন").build());

        assertThat(ids(search.search(SearchRequest.of("কনভেনশন")))).containsExactly(genitive);
        assertThat(ids(search.search(SearchRequest.of("রাষ্ট্র")))).containsExactly(plural);
        assertThat(ids(search.search(SearchRequest.of("ভিয়েতনামের")))).containsExactly(locative);
    }

    @Test
    void an_english_word_finds_its_inflected_forms() {
        ImageId one = image("one", metadata().description("A photographer at work").build());
        ImageId many = image("many", metadata().headline("Photographers' positions at the summit").build());

        assertThat(ids(search.search(SearchRequest.of("photographers")))).containsExactlyInAnyOrder(one, many);
        assertThat(ids(search.search(SearchRequest.of("photographer position")))).containsExactly(many);
    }

    @Test
    void thai_and_vietnamese_text_is_segmented_into_words() {
        ImageId thai = image("thai", metadata().description("ตลาดน้ำในกรุงเทพมหานคร").build());
        ImageId vietnamese = image("vietnamese", metadata().description("Hội nghị cấp cao tại Hà Nội").build());

        assertThat(ids(search.search(SearchRequest.of("กรุงเทพมหานคร")))).containsExactly(thai);
        assertThat(ids(search.search(SearchRequest.of("\"hoi nghi\"")))).containsExactly(vietnamese);
        assertThat(ids(search.search(SearchRequest.of("\"nghi hoi\"")))).isEmpty();
    }

    @Test
    void chinese_text_is_segmented_into_words() {
        ImageId square = image("square", metadata().description("北京天安门广场的升旗仪式").build());

        assertThat(ids(search.search(SearchRequest.of("天安门")))).containsExactly(square);
    }

    @Test
    void a_word_in_the_headline_ranks_above_the_same_word_in_a_caption() {
        ImageId inCaption = image("caption", metadata().description("Leaders at the summit in Hanoi, with delegates").build());
        ImageId inHeadline = image("headline", metadata().headline("Summit opens").build());

        assertThat(ids(search.search(SearchRequest.of("summit")))).containsExactly(inHeadline, inCaption);
    }

    @Test
    void without_a_query_every_image_is_listed_newest_upload_first() {
        ImageId first = image("first", metadata().build());
        ImageId second = image("second", metadata().build());
        ImageId third = image("third", metadata().build());
        ImageId notUploadedYet = id("outcome-only");
        feeder.feed(processed(notUploadedYet, metadata().build()));

        SearchResults results = search.search(SearchRequest.of(null));

        assertThat(ids(results)).containsExactly(third, second, first, notUploadedYet);
        assertThat(results.total()).isEqualTo(4);
        assertThat(results.next()).isNull();
    }

    @Test
    void paging_with_cursors_returns_each_hit_once_in_both_orders() {
        List<ImageEvent> events = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ImageId id = id("page-" + i);
            // Every third image scores higher; the rest tie, so paging must break ties itself.
            events.add(uploaded(id, START.plusSeconds(i % 5)));
            events.add(processed(id, metadata().headline(i % 3 == 0 ? "summit summit" : "summit").build()));
        }
        feeder.feed(events.toArray(ImageEvent[]::new));

        for (String query : Arrays.asList(null, "summit")) {
            List<ImageId> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                SearchResults page = search.search(new SearchRequest(query, 10, cursor));
                assertThat(page.total()).isEqualTo(45);
                seen.addAll(ids(page));
                cursor = page.next();
                pages++;
            } while (cursor != null);
            assertThat(pages).as(String.valueOf(query)).isEqualTo(5);
            assertThat(seen).as(String.valueOf(query)).hasSize(45).doesNotHaveDuplicates();
        }
    }

    @Test
    @Timeout(120)
    void pages_of_large_segments_are_the_same_whether_remembered_or_searched_afresh() {
        // Enough images for segments above the size whose hits and counts are remembered.
        int count = 5_000;
        List<ImageEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ImageId id = id("large-" + i);
            events.add(uploaded(id, START.plusSeconds(i % 97)));
            events.add(processed(id, metadata().headline(i % 7 == 0 ? "summit summit" : "summit")
                    .description(i % 3 == 0 ? "summit talks in Hanoi" : "talks").build()));
        }
        feeder.feed(events.toArray(ImageEvent[]::new));
        Sort byRelevance = new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.ID_KEY, SortField.Type.LONG));
        List<ImageId> expected = index.withSearcher(searcher -> {
            Query summit = new QueryLanguage(index.analyzer(), id -> Optional.empty()).parse("summit").query();
            List<ImageId> ids = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(summit, count, byRelevance).scoreDocs) {
                ids.add(index.record(searcher, hit.doc).id());
            }
            return ids;
        });

        for (String sort : Arrays.asList("relevance", "uploaded", "taken")) {
            List<ImageId> first = allPages("summit", sort, 20);
            List<ImageId> again = allPages("summit", sort, 20);
            List<ImageId> larger = allPages("summit", sort, 200);
            assertThat(first).as(sort).hasSize(count).doesNotHaveDuplicates();
            assertThat(again).as(sort).isEqualTo(first);
            assertThat(larger).as(sort).isEqualTo(first);
        }
        assertThat(allPages("summit", "relevance", 20)).isEqualTo(expected);
    }

    @Test
    @Timeout(120)
    void facet_counts_over_remembered_and_fresh_segments_are_lucenes_own() throws IOException {
        // Batches of several sizes: segments whose counts are remembered and segments counted every time.
        String[] credits = {"Reuters", "AFP", "AP", "Getty Images", "EPA", "VNA", "Xinhua", "Kyodo", "PA", "dpa", "Pool", "Staff"};
        int image = 0;
        for (int batch : new int[] {1_500, 800, 40, 3}) {
            List<ImageEvent> events = new ArrayList<>();
            for (int i = 0; i < batch; i++, image++) {
                ImageId id = id("facets-" + image);
                events.add(uploaded(id, START.plusSeconds(image)));
                events.add(processed(id, metadata().headline(image % 3 == 0 ? "summit talks" : "market day")
                        .credit(credits[(image * 7 + batch) % credits.length])
                        .keywords("topic-" + image % 37, "topic-" + image % 11).build()));
            }
            feeder.feed(events.toArray(ImageEvent[]::new));
        }
        int segments = index.withSearcher(searcher -> searcher.getIndexReader().leaves().size());
        assertThat(segments).isGreaterThan(1);

        for (String query : Arrays.asList(null, "summit", "market")) {
            for (int round = 0; round < 2; round++) {
                SearchResults results = search.search(SearchRequest.of(query));
                Map<String, List<String>> expected = index.withSearcher(searcher -> luceneFacets(searcher, query));
                for (String dimension : List.of(IndexFields.FACET_CREDIT, IndexFields.FACET_KEYWORDS)) {
                    List<String> actual = results.facets().get(dimension).stream().map(f -> f.value() + "=" + f.count()).toList();
                    assertThat(actual).as(query + " " + dimension).isEqualTo(expected.get(dimension));
                }
            }
        }
    }

    private Map<String, List<String>> luceneFacets(ImageSearcher searcher, String query) throws IOException {
        Query parsed = query == null ? new MatchAllDocsQuery() : new QueryLanguage(index.analyzer(), id -> Optional.empty()).parse(query).query();
        FacetsCollector collector = new FacetsCollector();
        searcher.search(parsed, collector);
        Facets facets = new SortedSetDocValuesFacetCounts(searcher.facetState(), collector);
        int limit = search.search(SearchRequest.of(query)).facets().get(IndexFields.FACET_KEYWORDS).size();
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (String dimension : List.of(IndexFields.FACET_CREDIT, IndexFields.FACET_KEYWORDS)) {
            FacetResult result = facets.getTopChildren(limit, dimension);
            out.put(dimension, Arrays.stream(result.labelValues).map(label -> label.label + "=" + label.value).toList());
        }
        return out;
    }

    @Test
    void relevance_and_its_cursors_hold_while_the_index_grows_a_little() {
        List<ImageEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ImageId id = id("steady-" + i);
            events.add(uploaded(id, START.plusSeconds(i)));
            events.add(processed(id, metadata().headline(i % 10 == 0 ? "summit summit" : "market")
                    .description(i % 4 == 0 ? "summit talks and other news of the day" : "news").build()));
        }
        feeder.feed(events.toArray(ImageEvent[]::new));
        String before = search.search(SearchRequest.of("summit", "relevance", "5", null)).next();

        // Fewer new images than 1% of the index: scores are computed with the statistics kept.
        image("one-more", metadata().description("summit").build());

        assertThat(search.search(SearchRequest.of("summit", "relevance", "5", null)).next()).isEqualTo(before);
    }

    private List<ImageId> allPages(String query, String sort, int limit) {
        List<ImageId> seen = new ArrayList<>();
        String cursor = null;
        do {
            SearchResults page = search.search(SearchRequest.of(query, sort, Integer.toString(limit), cursor));
            seen.addAll(ids(page));
            cursor = page.next();
        } while (cursor != null);
        return seen;
    }

    @Test
    void a_cursor_stays_valid_while_new_images_arrive() {
        for (int i = 0; i < 6; i++) {
            image("steady-" + i, metadata().build());
        }
        SearchResults first = search.search(new SearchRequest(null, 3, null));

        ImageId newer = image("newer", metadata().build());
        SearchResults second = search.search(new SearchRequest(null, 3, first.next()));

        assertThat(ids(second)).doesNotContain(newer).doesNotContainAnyElementsOf(ids(first)).hasSize(3);
        assertThat(second.next()).isNull();
    }

    @Test
    void a_page_of_exactly_the_remaining_hits_has_no_next_cursor() {
        image("one", metadata().build());
        image("two", metadata().build());

        assertThat(search.search(new SearchRequest(null, 2, null)).next()).isNull();
        assertThat(search.search(new SearchRequest(null, 1, null)).next()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", ")", "?", "summit AND", "\\", "[a TO z]",
            "{", "~2", "^3", "&&", "||", "!", "-", "+", "\u0000", "\uD83D\uDE00", "%00", "' OR 1=1 --", "10:30"})
    void query_text_without_meaning_in_the_language_is_taken_literally(String query) {
        image("summit", metadata().headline("Summit opens").build());

        assertThatCode(() -> search.search(SearchRequest.of(query))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "*:*", "*", "summ*", "title:summit", "OR NOT", "summit OR", "/regex/", "by:", "taken:2025-13",
            "taken:yesterday", "has:wings", "is:blue", "id:xyz", "similar:abc", "\"\"", "a OR -b"})
    void malformed_queries_are_refused_saying_where(String query) {
        image("summit", metadata().headline("Summit opens").build());

        assertThatThrownBy(() -> search.search(SearchRequest.of(query)))
                .isInstanceOf(InvalidSearchException.class)
                .hasMessageContaining("position");
    }

    @Test
    void punctuation_alone_finds_nothing_rather_than_everything() {
        image("summit", metadata().headline("Summit opens").build());

        SearchResults results = search.search(SearchRequest.of("!!! ??? ..."));

        assertThat(results.total()).isZero();
        assertThat(results.hits()).isEmpty();
    }

    @Test
    void ten_kilobytes_of_query_text_or_too_many_terms_are_refused_quickly() {
        image("summit", metadata().headline("Summit opens").build());
        StringBuilder distinct = new StringBuilder("summit opens");
        for (int i = 0; distinct.length() < 10_240; i++) {
            distinct.append(" word").append(i);
        }
        String symbols = "(\"*:*\\".repeat(2_000);
        String manyTerms = "summit ".repeat(QueryLanguage.MAX_TERMS + 1);

        assertThatThrownBy(() -> search.search(SearchRequest.of(distinct.toString())))
                .isInstanceOf(InvalidSearchException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> search.search(SearchRequest.of(symbols))).isInstanceOf(InvalidSearchException.class);
        assertThatThrownBy(() -> search.search(SearchRequest.of(manyTerms)))
                .isInstanceOf(InvalidSearchException.class).hasMessageContaining("position");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "!!!", "AQ", "AW4AAAAAAAAAAA", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"})
    void a_cursor_that_is_not_ours_is_refused(String cursor) {
        assertThatThrownBy(() -> new SearchRequest(null, 20, cursor)).isInstanceOf(InvalidSearchException.class);
    }

    @Test
    void a_cursor_from_a_text_search_is_refused_for_the_listing() {
        for (int i = 0; i < 3; i++) {
            image("c-" + i, metadata().headline("summit").build());
        }
        String relevanceCursor = search.search(new SearchRequest("summit", 1, null)).next();

        assertThatThrownBy(() -> new SearchRequest(null, 1, relevanceCursor)).isInstanceOf(InvalidSearchException.class);
        assertThatCode(() -> new SearchRequest("other words", 1, relevanceCursor)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "201", "abc", "1e3", "99999999999"})
    void limits_outside_1_to_200_are_refused(String limit) {
        assertThatThrownBy(() -> SearchRequest.of("summit", limit, null)).isInstanceOf(InvalidSearchException.class);
    }

    @Test
    void the_limit_defaults_to_20() {
        assertThat(SearchRequest.of("x", null, null).limit()).isEqualTo(20);
        assertThat(SearchRequest.of("x", "200", null).limit()).isEqualTo(200);
    }

    private ImageId image(String seed, ImageMetadata metadata) {
        ImageId id = id(seed);
        feeder.feed(uploaded(id, START.plusSeconds(uploads++)), processed(id, metadata));
        return id;
    }

    private static List<ImageId> ids(SearchResults results) {
        return results.hits().stream().map(hit -> hit.record().id()).toList();
    }

    private static List<String> captions() throws IOException {
        try (InputStream in = SearchServiceTest.class.getResourceAsStream("/seed/gallery-captions-bn.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Bengali words of caption {@code i} that no other caption has. */
    private static List<String> wordsOnlyIn(List<String> captions, int i) {
        Set<String> elsewhere = new HashSet<>();
        for (int j = 0; j < captions.size(); j++) {
            if (j != i) {
                elsewhere.addAll(bengaliWords(captions.get(j)));
            }
        }
        List<String> own = bengaliWords(captions.get(i)).stream().filter(w -> !elsewhere.contains(w)).distinct().toList();
        assertThat(own).as("caption %d has words of its own", i).hasSizeGreaterThan(2);
        return own;
    }

    private static List<String> bengaliWords(String caption) {
        return Arrays.stream(caption.split("\\s+")).filter(w -> w.matches("\\p{IsBengali}{3,}")).collect(Collectors.toList());
    }
}
