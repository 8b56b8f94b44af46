package media.archive.api.search;

import java.util.List;

/** Values to complete a filter with: the filter asked for ({@code by}) and its facet's values, most frequent first. */
public record Suggestions(String field, List<SearchResults.FacetCount> values) {
    public Suggestions {
        values = List.copyOf(values);
    }
}
