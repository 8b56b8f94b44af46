package media.archive.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import media.archive.api.index.ArchiveAnalyzer;
import media.archive.api.index.IndexFields;
import org.junit.jupiter.api.Test;

/** The help of the search box against the parser it describes: neither may drift from the other. */
class SearchHelpTest {
    /** Every image has a perceptual hash here, so similar: parses whatever id it is given. */
    private final QueryLanguage parser = new QueryLanguage(new ArchiveAnalyzer(), id -> Optional.of(0L));
    private final SearchHelp help = SearchHelp.current();

    @Test
    void every_filter_the_parser_accepts_is_in_the_help() {
        Set<String> inHelp = help.filters().stream().map(SearchHelp.FilterHelp::name).collect(Collectors.toSet());
        // Every name of one or two letters, the help's own, and names a newsroom might try.
        List<String> candidates = new ArrayList<>(inHelp);
        candidates.addAll(List.of("tag", "tags", "date", "status", "author", "photographer", "place", "title", "caption",
                "headline", "location", "state", "lens", "make", "model", "rating", "before", "after", "flag", "not", "kind"));
        for (char a = 'a'; a <= 'z'; a++) {
            candidates.add(String.valueOf(a));
            for (char b = 'a'; b <= 'z'; b++) {
                candidates.add("" + a + b);
            }
        }
        Set<String> accepted = new TreeSet<>();
        for (String name : candidates) {
            if (acceptsFilter(name)) {
                accepted.add(name);
            }
        }

        assertThat(accepted).isEqualTo(new TreeSet<>(inHelp));
    }

    @Test
    void the_parsers_list_of_known_filters_is_the_helps() {
        InvalidSearchException refused = catchThrowableOfType(() -> parser.parse("nosuchfilter:x"), InvalidSearchException.class);

        String known = refused.getMessage().replaceAll(".*\\(known filters: (.*)\\)$", "$1");
        assertThat(Arrays.asList(known.split(", "))).containsExactlyElementsOf(
                help.filters().stream().map(SearchHelp.FilterHelp::name).toList());
    }

    @Test
    void every_example_in_the_help_parses() {
        for (SearchHelp.FilterHelp filter : help.filters()) {
            assertThat(filter.example()).as(filter.name()).startsWith(filter.name() + ":");
            assertThat(parser.parse(filter.example()).query()).as(filter.example()).isNotNull();
            for (SearchHelp.ValueHelp value : filter.values()) {
                assertThat(parser.parse(filter.name() + ":" + value.value()).query()).as(value.value()).isNotNull();
            }
        }
        for (SearchHelp.OperatorHelp operator : help.operators()) {
            assertThat(parser.parse(operator.example()).query()).as(operator.example()).isNotNull();
        }
    }

    @Test
    void the_values_of_flag_filters_are_all_the_parser_takes() {
        SearchHelp.FilterHelp has = filter("has");
        SearchHelp.FilterHelp is = filter("is");

        assertThat(has.values()).extracting(SearchHelp.ValueHelp::value).containsExactly("gps", "caption");
        assertThat(is.values()).extracting(SearchHelp.ValueHelp::value).contains("processing", "ready", "failed", "ai-generated");
        assertThatThrownBy(() -> parser.parse("has:wings")).hasMessageContaining("has: takes gps or caption");
    }

    @Test
    void every_sort_of_the_help_is_one_a_request_takes() {
        assertThat(help.sorts()).extracting(SearchHelp.SortHelp::name).containsExactly("relevance", "uploaded", "taken");
        for (SearchHelp.SortHelp sort : help.sorts()) {
            assertThat(SearchRequest.of("x", sort.name(), null, null).sort().label()).isEqualTo(sort.name());
            assertThat(sort.description()).isNotBlank();
        }
    }

    @Test
    void every_facet_of_search_answers_is_in_the_help_with_a_filter_that_selects_its_values() {
        assertThat(help.facets()).extracting(SearchHelp.FacetHelp::name).containsExactlyElementsOf(IndexFields.FACET_DIMENSIONS);
        for (SearchHelp.FacetHelp facet : help.facets()) {
            assertThat(acceptsFilter(facet.filter())).as(facet.name()).isTrue();
            assertThat(facet.label()).isNotBlank();
        }
        // A month facet value selects with the taken filter.
        assertThat(parser.parse("taken:2025-10").query()).isNotNull();
    }

    private SearchHelp.FilterHelp filter(String name) {
        return help.filters().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** Whether the parser reads {@code name:} as a filter (whatever it then thinks of the value). */
    private boolean acceptsFilter(String name) {
        try {
            parser.parse(name + ":" + "0".repeat(64));
            return true;
        } catch (InvalidSearchException e) {
            return !e.getMessage().contains("unknown filter");
        }
    }
}
