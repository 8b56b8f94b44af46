package media.archive.processor.metadata;

import java.util.List;

/**
 * A field of {@link media.archive.contracts.ImageMetadata} that more than one metadata block can
 * fill, with the MWG rule that decides between them.
 *
 * @param <T> the value's type: text, a list of texts, or a number
 */
final class Field<T> {
    /** How candidates from EXIF, IPTC-IIM and XMP are weighed. */
    enum Rule {
        /** A non-empty EXIF value wins; otherwise IPTC-IIM against XMP (MWG "Description", "Creator", ...). */
        EXIF_FIRST,
        /** No EXIF equivalent: IPTC-IIM against XMP, decided by the IPTC digest (MWG "Keywords", "City", ...). */
        IIM_OR_XMP
    }

    static final Field<List<String>> CREATOR = new Field<>("creator", Rule.EXIF_FIRST, 32);
    static final Field<String> CREATOR_JOB_TITLE = new Field<>("creatorJobTitle", Rule.IIM_OR_XMP, 32);
    static final Field<String> CREDIT = new Field<>("credit", Rule.IIM_OR_XMP, 32);
    static final Field<String> SOURCE = new Field<>("source", Rule.IIM_OR_XMP, 32);
    static final Field<String> COPYRIGHT = new Field<>("copyright", Rule.EXIF_FIRST, 128);
    static final Field<String> USAGE_TERMS = new Field<>("usageTerms", Rule.IIM_OR_XMP, 0);
    /** XMP only ({@code xmpRights:WebStatement}): IIM has no such dataset. */
    static final Field<String> WEB_STATEMENT = new Field<>("webStatement", Rule.IIM_OR_XMP, 0);
    /** XMP only ({@code plus:Licensor/plus:LicensorURL}, IPTC Extension). */
    static final Field<String> LICENSOR_URL = new Field<>("licensorUrl", Rule.IIM_OR_XMP, 0);
    static final Field<String> INSTRUCTIONS = new Field<>("instructions", Rule.IIM_OR_XMP, 256);
    static final Field<String> DESCRIPTION = new Field<>("description", Rule.EXIF_FIRST, 2000);
    static final Field<String> HEADLINE = new Field<>("headline", Rule.IIM_OR_XMP, 256);
    static final Field<String> TITLE = new Field<>("title", Rule.IIM_OR_XMP, 64);
    static final Field<List<String>> KEYWORDS = new Field<>("keywords", Rule.IIM_OR_XMP, 64);
    static final Field<String> CITY = new Field<>("city", Rule.IIM_OR_XMP, 32);
    static final Field<String> STATE = new Field<>("state", Rule.IIM_OR_XMP, 32);
    static final Field<String> COUNTRY = new Field<>("country", Rule.IIM_OR_XMP, 64);
    static final Field<String> COUNTRY_CODE = new Field<>("countryCode", Rule.IIM_OR_XMP, 3);
    static final Field<String> LOCATION = new Field<>("location", Rule.IIM_OR_XMP, 32);
    static final Field<String> ALT_TEXT = new Field<>("altText", Rule.IIM_OR_XMP, 0);
    static final Field<String> DIGITAL_SOURCE_TYPE = new Field<>("digitalSourceType", Rule.IIM_OR_XMP, 0);
    static final Field<String> DATE_TAKEN = new Field<>("dateTaken", Rule.EXIF_FIRST, 0);
    static final Field<String> MAKE = new Field<>("make", Rule.EXIF_FIRST, 0);
    static final Field<String> MODEL = new Field<>("model", Rule.EXIF_FIRST, 0);
    static final Field<String> LENS = new Field<>("lens", Rule.EXIF_FIRST, 0);
    static final Field<String> EXPOSURE_TIME = new Field<>("exposureTime", Rule.EXIF_FIRST, 0);
    static final Field<Double> F_NUMBER = new Field<>("fNumber", Rule.EXIF_FIRST, 0);
    static final Field<Integer> ISO = new Field<>("iso", Rule.EXIF_FIRST, 0);
    static final Field<Double> FOCAL_LENGTH = new Field<>("focalLength", Rule.EXIF_FIRST, 0);
    static final Field<Integer> RATING = new Field<>("rating", Rule.EXIF_FIRST, 0);

    /** Every reconciled field, in the order of the image record. */
    static final List<Field<?>> ALL = List.of(CREATOR, CREATOR_JOB_TITLE, CREDIT, SOURCE, COPYRIGHT, USAGE_TERMS,
            WEB_STATEMENT, LICENSOR_URL, INSTRUCTIONS, DESCRIPTION, HEADLINE, TITLE, KEYWORDS, CITY, STATE, COUNTRY, COUNTRY_CODE, LOCATION,
            ALT_TEXT, DIGITAL_SOURCE_TYPE, DATE_TAKEN, MAKE, MODEL, LENS, EXPOSURE_TIME, F_NUMBER, ISO,
            FOCAL_LENGTH, RATING);

    /** The field's name in the image record and in its provenance map. */
    final String name;
    final Rule rule;
    /**
     * The IPTC-IIM length limit in bytes (0: none). A value of that length that XMP continues is
     * taken to be truncated, and the XMP value is used instead.
     */
    final int iimLimit;

    private Field(String name, Rule rule, int iimLimit) {
        this.name = name;
        this.rule = rule;
        this.iimLimit = iimLimit;
    }

    @Override
    public String toString() {
        return name;
    }
}
