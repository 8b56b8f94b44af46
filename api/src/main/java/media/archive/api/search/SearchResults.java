package media.archive.api.search;

import java.util.List;
import media.archive.contracts.ImageRecord;

/**
 * One page of results: how many images match in all, the records of this page, and the cursor
 * of the next page (null, and absent from the JSON, on the last page).
 */
public record SearchResults(long total, List<ImageRecord> hits, String next) {
    public SearchResults {
        hits = List.copyOf(hits);
    }

    static SearchResults empty() {
        return new SearchResults(0, List.of(), null);
    }
}
