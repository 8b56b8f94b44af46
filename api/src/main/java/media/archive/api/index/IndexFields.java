package media.archive.api.index;

import java.util.Map;

/** Names of the fields of an image's document, shared by the writer and the searchers. */
public final class IndexFields {
    /** The image id as one term: the key documents are updated by and looked up by. Stored. */
    public static final String ID = "id";
    /** The image id again as doc values, the tie-breaker that makes paging stable. */
    public static final String ID_SORT = "id_sort";
    /** When the image was uploaded, epoch milliseconds as doc values; absent until the upload event is seen. */
    public static final String UPLOADED_AT = "uploaded_at";
    /** {@code processing}, {@code ready} or {@code failed}, as one term. */
    public static final String STATUS = "status";

    static final String UPLOADED_JSON = "uploaded_json";
    static final String OUTCOME_JSON = "outcome_json";

    static final String DESCRIPTION = "description";
    static final String HEADLINE = "headline";
    static final String TITLE = "title";
    static final String KEYWORDS = "keywords";
    static final String CREATOR = "creator";
    static final String CREDIT = "credit";
    static final String SOURCE = "source";
    /** City, state, country and sub-location together. */
    static final String PLACE = "place";

    /**
     * The free-text fields and how much a word found in each counts: a word in the headline or
     * title says more about an image than the same word somewhere in a long caption.
     */
    public static final Map<String, Float> TEXT_BOOSTS = Map.of(
            HEADLINE, 3.0f,
            TITLE, 3.0f,
            KEYWORDS, 2.0f,
            CREATOR, 2.0f,
            CREDIT, 1.5f,
            DESCRIPTION, 1.0f,
            SOURCE, 1.0f,
            PLACE, 1.0f);

    private IndexFields() {
    }
}
