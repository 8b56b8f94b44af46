package media.archive.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;

/**
 * What the desk shows as help for the search box, made from the parser's own tables
 * ({@link SearchVocabulary}, {@link SearchRequest.Sort}): every filter with what it selects and
 * an example (and the values of {@code has:} and {@code is:}), the operators, the orders, and the
 * facets of answers with the filter that selects one of their values.
 */
public record SearchHelp(List<FilterHelp> filters, List<OperatorHelp> operators, List<SortHelp> sorts,
                         List<FacetHelp> facets) {
    public SearchHelp {
        filters = List.copyOf(filters);
        operators = List.copyOf(operators);
        sorts = List.copyOf(sorts);
        facets = List.copyOf(facets);
    }

    /** A filter; {@code values} lists what a flag filter takes, absent for others. */
    public record FilterHelp(String name, String description, String example,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ValueHelp> values) {
        public FilterHelp {
            values = List.copyOf(values);
        }
    }

    /** One value of a flag filter. */
    public record ValueHelp(String value, String description) {
    }

    /** An operator: how it is written, what it does, an example. */
    public record OperatorHelp(String syntax, String description, String example) {
    }

    /** An order of hits, by the name {@code sort=} takes. */
    public record SortHelp(String name, String description) {
    }

    /** A facet of answers: its key in {@code facets}, a label for people, the filter that selects a value. */
    public record FacetHelp(String name, String label, String filter) {
    }

    /** The help of this version of the language. */
    public static SearchHelp current() {
        return CURRENT;
    }

    private static final SearchHelp CURRENT = new SearchHelp(
            SearchVocabulary.FILTERS.values().stream()
                    .map(filter -> new FilterHelp(filter.name(), filter.description(), filter.example(),
                            filter.values().stream().map(flag -> new ValueHelp(flag.value(), flag.description())).toList()))
                    .toList(),
            SearchVocabulary.OPERATORS.stream()
                    .map(operator -> new OperatorHelp(operator.syntax(), operator.description(), operator.example()))
                    .toList(),
            Arrays.stream(SearchRequest.Sort.values()).map(sort -> new SortHelp(sort.label(), sort.description())).toList(),
            SearchVocabulary.FACETS.stream().map(facet -> new FacetHelp(facet.name(), facet.label(), facet.filter())).toList());
}
