package media.archive.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageRecord;

/**
 * One page of results: how many images match in all ({@code total}; exact unless
 * {@code totalIsLowerBound}), the hits of this page, counts of the most frequent values of
 * each facet over every match, and the cursor of the next page (null, and absent from the JSON,
 * on the last page).
 */
public record SearchResults(long total, boolean totalIsLowerBound, List<Hit> hits,
                            Map<String, List<FacetCount>> facets, String next) {
    public SearchResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }

    /**
     * One image found: its record (its fields appear directly in the JSON) and
     * {@code highlights}, snippets of the caption ({@code description}) and {@code headline} with
     * the words that matched wrapped in {@code <mark>}, HTML-escaped; absent when nothing matched.
     */
    public record Hit(@JsonUnwrapped ImageRecord record,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> highlights) {
        public Hit {
            highlights = Map.copyOf(highlights);
        }
    }

    /** A facet value and how many matching images have it. */
    public record FacetCount(String value, long count) {
    }

    static SearchResults empty() {
        return new SearchResults(0, false, List.of(), Map.of(), null);
    }
}
