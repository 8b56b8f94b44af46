package media.archive.api.index;

import java.util.List;
import org.apache.lucene.facet.FacetsConfig;

/** Names of the fields of an image's document, shared by the writer and the searchers. */
public final class IndexFields {
    /** The image id as one term: the key documents are updated by and looked up by. Stored. */
    public static final String ID = "id";
    /**
     * The first 64 bits of the image id (a SHA-256 digest in hex) as numeric doc values: the
     * tie-breaker of every sort. Comparing numbers needs no lookup of the id's bytes per hit, which
     * a string tie-breaker does for every competitive hit.
     */
    public static final String ID_KEY = "id_key";

    /** The value of {@link #ID_KEY} for image id {@code id}. */
    public static long idKey(String id) {
        return java.util.HexFormat.fromHexDigitsToLong(id, 0, 16);
    }
    /** When the image was uploaded, epoch milliseconds as a point and as doc values; absent until the upload event is seen. */
    public static final String UPLOADED_AT = "uploaded_at";
    /**
     * When the picture was taken, as the camera's wall clock said: the local date and time read as
     * if it were UTC, in epoch milliseconds, as a point and as doc values. Editors mean the local
     * day when they ask for pictures taken on a day.
     */
    public static final String TAKEN_AT = "taken_at";
    /**
     * When the image's embargo ends, epoch milliseconds as a point; absent without one. The index
     * cannot know at writing time whether it has passed: {@code is:embargoed} asks for a range
     * later than the moment of the query.
     */
    public static final String EMBARGO_UNTIL = "embargo_until";
    /** {@code processing}, {@code ready} or {@code failed}, as one term. */
    public static final String STATUS = "status";
    /** Terms for {@code has:} and {@code is:} filters: {@code gps}, {@code caption}, {@code ai-generated}, {@code withheld}. */
    public static final String FLAGS = "flags";
    /** The 64-bit perceptual hash as doc values, for {@code similar:}. */
    public static final String PERCEPTUAL_HASH = "phash";
    /**
     * The uploader (the name of the key that uploaded the image) exactly, as one term: what a
     * photographer's searches are restricted to. {@link #UPLOADER} is its words, for editors.
     */
    public static final String UPLOADER_EXACT = "uploader_exact";
    /** The file name folded to lower case, as one term. */
    public static final String FILE_NAME_EXACT = "filename_exact";

    static final String UPLOADED_JSON = "uploaded_json";
    static final String OUTCOME_JSON = "outcome_json";
    static final String EDITS_JSON = "edits_json";
    /** The image's {@code ImageRemoved}, while it is removed. */
    static final String REMOVAL_JSON = "removal_json";
    /** Marks, as the one term {@code true}, a document that holds only edits of an image whose upload is not read yet. */
    static final String PENDING_EDITS = "pending_edits";

    /**
     * Every free-text field of an image together: caption, headline, title, keywords, creators,
     * credit, source and places. Free words are matched here, one term per word whatever field
     * holds it, which lets a search skip the blocks of documents that cannot make the page.
     * Headline, title and keywords are in it twice: a word found there says more about an image
     * than the same word somewhere in a long caption, and its greater frequency ranks it higher.
     */
    public static final String TEXT = "text";
    public static final String KEYWORDS = "keywords";
    public static final String CREATOR = "creator";
    public static final String CREDIT = "credit";
    public static final String SOURCE = "source";
    /** City, state, country, country code and sub-location together. */
    public static final String PLACE = "place";
    public static final String CITY = "city";
    /** Country name and country code. */
    public static final String COUNTRY = "country";
    public static final String COPYRIGHT = "copyright";
    public static final String UPLOADER = "uploader";
    /** Camera make and model together. */
    public static final String CAMERA = "camera";
    public static final String FILE_NAME = "filename";

    /** Facet dimensions, each a {@code SortedSetDocValuesFacetField} dimension of the same name. */
    public static final String FACET_CREATOR = "creator";
    public static final String FACET_CREDIT = "credit";
    public static final String FACET_SOURCE = "source";
    public static final String FACET_KEYWORDS = "keywords";
    public static final String FACET_COUNTRY = "country";
    public static final String FACET_CAMERA = "camera";
    /** Year and month the picture was taken, {@code yyyy-MM}. */
    public static final String FACET_TAKEN_MONTH = "takenMonth";
    /** Every facet dimension, in the order results list them. */
    public static final List<String> FACET_DIMENSIONS = List.of(
            FACET_CREATOR, FACET_CREDIT, FACET_SOURCE, FACET_KEYWORDS, FACET_COUNTRY, FACET_CAMERA, FACET_TAKEN_MONTH);
    /** How the facet fields are written; readers need the same to count them. */
    public static final FacetsConfig FACETS = facetsConfig();

    private IndexFields() {
    }

    private static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(FACET_CREATOR, true);
        config.setMultiValued(FACET_KEYWORDS, true);
        for (String dimension : FACET_DIMENSIONS) {
            // Filters search the text fields (by:, credit:, ...), never the facet's own terms, so
            // indexing those terms too would only slow writing down.
            config.setDrillDownTermsIndexing(dimension, FacetsConfig.DrillDownTermsIndexing.NONE);
        }
        return config;
    }
}
