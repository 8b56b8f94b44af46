package media.archive.api.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import media.archive.api.index.IndexFields;

/**
 * The words of the search language as tables: its filters (with the field a text filter
 * searches and the values a flag filter takes), its operators and the filter that selects each
 * facet's value. {@link QueryLanguage} reads queries with these tables and {@link SearchHelp}
 * shows them, so the help cannot describe a filter the parser does not know, nor miss one.
 */
final class SearchVocabulary {
    /** How a filter reads its value. */
    enum Kind {
        /** Words or a phrase matched in one text field, the way free words are matched. */
        TEXT,
        /** An image id, whole or its first hex digits. */
        ID,
        /** A year, month or day, a comparison with one or a range. */
        DATE,
        /** One of a few named values ({@link Filter#values()}). */
        FLAG,
        /** An image id whose picture the results look like. */
        SIMILAR,
        /** A site's host name: the pictures used there or on its subdomains. */
        SITE
    }

    /**
     * A filter, {@code name:value}.
     *
     * @param field  the index field a {@link Kind#TEXT} or {@link Kind#DATE} filter searches, else null
     * @param values the values of a {@link Kind#FLAG} filter, else empty
     */
    record Filter(String name, Kind kind, String field, String description, String example, List<Flag> values) {
        Filter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            values = List.copyOf(values);
            if ((kind == Kind.FLAG) == values.isEmpty()) {
                throw new IllegalArgumentException("flag filters, and only they, take named values: " + name);
            }
        }

        static Filter text(String name, String field, String description, String example) {
            return new Filter(name, Kind.TEXT, field, description, example, List.of());
        }
    }

    /**
     * One value of a flag filter and what it selects: a term of {@code field}, or states the index
     * cannot know when it writes the document: an instant in {@code field} (a point, epoch
     * milliseconds) later than the moment of the query, or the picture's usage as the usage view
     * holds it at that moment.
     */
    record Flag(String value, String description, String field, String term, Selects selects) {
        /** How a flag selects its pictures. */
        enum Selects { TERM, AFTER_NOW, USED, UNUSED }

        Flag {
            Objects.requireNonNull(selects, "selects");
            if ((selects == Selects.TERM) != (term != null)) {
                throw new IllegalArgumentException("term flags, and only they, name a term: " + value);
            }
        }

        Flag(String value, String description, String field, String term) {
            this(value, description, field, term, Selects.TERM);
        }

        static Flag afterNow(String value, String description, String field) {
            return new Flag(value, description, field, null, Selects.AFTER_NOW);
        }

        static Flag usage(String value, String description, Selects selects) {
            return new Flag(value, description, null, null, selects);
        }
    }

    /** An operator of the language, as the parser reads it. */
    record Operator(String syntax, String description, String example) {
    }

    /** A facet of search answers, its label for people, and the filter that selects one of its values. */
    record Facet(String name, String label, String filter) {
    }

    /** Every filter, in the order the help lists them. */
    static final Map<String, Filter> FILTERS = byName(List.of(
            Filter.text("by", IndexFields.CREATOR, "pictures by a photographer or creator", "by:\"Tran Trung\""),
            Filter.text("credit", IndexFields.CREDIT, "the credit line, such as an agency", "credit:Reuters"),
            Filter.text("source", IndexFields.SOURCE, "the source that supplied the picture", "source:AFP"),
            Filter.text("copyright", IndexFields.COPYRIGHT, "the copyright notice", "copyright:\"Daily Star\""),
            Filter.text("keyword", IndexFields.KEYWORDS, "a keyword of the picture", "keyword:flood"),
            Filter.text("city", IndexFields.CITY, "the city where it was taken", "city:Dhaka"),
            Filter.text("country", IndexFields.COUNTRY, "the country, by name or code", "country:Bangladesh"),
            Filter.text("in", IndexFields.PLACE, "any place: city, state, country or location", "in:Hanoi"),
            Filter.text("uploader", IndexFields.UPLOADER, "the name of the key that uploaded it", "uploader:\"staff desk\""),
            Filter.text("camera", IndexFields.CAMERA, "the camera's make or model", "camera:Nikon"),
            Filter.text("filename", IndexFields.FILE_NAME, "the uploaded file's name or words of it", "filename:DSC_0042.jpg"),
            new Filter("id", Kind.ID, null, "an image by its id or its first hex digits (at least 4)", "id:3f2a9c", List.of()),
            new Filter("taken", Kind.DATE, IndexFields.TAKEN_AT,
                    "the day, month or year it was taken (the camera's clock); >, >=, <, <= or a range a..b",
                    "taken:2025-10-01..2025-10-31", List.of()),
            new Filter("uploaded", Kind.DATE, IndexFields.UPLOADED_AT,
                    "the day, month or year it was uploaded (UTC); >, >=, <, <= or a range a..b",
                    "uploaded:>=2025-10", List.of()),
            new Filter("has", Kind.FLAG, null, "pictures that have something", "has:gps", List.of(
                    new Flag("gps", "a position where it was taken", IndexFields.FLAGS, "gps"),
                    new Flag("caption", "a caption", IndexFields.FLAGS, "caption"))),
            new Filter("is", Kind.FLAG, null, "pictures in a state, or made by generative AI", "is:ready", List.of(
                    new Flag("processing", "uploaded, renditions not made yet", IndexFields.STATUS, "processing"),
                    new Flag("ready", "processed, with renditions", IndexFields.STATUS, "ready"),
                    new Flag("failed", "could not be processed", IndexFields.STATUS, "failed"),
                    Flag.afterNow("embargoed", "under an embargo that has not passed yet", IndexFields.EMBARGO_UNTIL),
                    new Flag("withheld", "withheld from publication by an editor, or for an unreadable embargo",
                            IndexFields.FLAGS, "withheld"),
                    new Flag("ai-generated", "made or edited with generative AI (IPTC digital source type)",
                            IndexFields.FLAGS, "ai-generated"),
                    Flag.usage("used", "served to at least one website (see used:)", Flag.Selects.USED),
                    Flag.usage("unused", "served to no website yet", Flag.Selects.UNUSED))),
            new Filter("used", Kind.SITE, null,
                    "pictures a website on this host or its subdomains has shown (renditions, embeds, pages, galleries)",
                    "used:news.example", List.of()),
            new Filter("similar", Kind.SIMILAR, null, "pictures that look like the image with this id (64 hex digits)",
                    "similar:" + "0".repeat(64), List.of())));

    /** The operators, with examples the parser reads. */
    static final List<Operator> OPERATORS = List.of(
            new Operator("word word", "every word must match, in any field, in any form (floods finds flood)", "flood dhaka"),
            new Operator("\"...\"", "the words in this order", "\"floating market\""),
            new Operator("-term", "images without this word, phrase or filter", "flood -rain"),
            new Operator("term OR term", "either term; binds tighter than the space between terms", "storm OR cyclone"),
            new Operator("filter:value", "a filter; quote a value of several words", "by:\"Tran Trung\" keyword:flood"));

    /** The facets of search answers, in {@link IndexFields#FACET_DIMENSIONS}'s order. */
    static final List<Facet> FACETS = List.of(
            new Facet(IndexFields.FACET_CREATOR, "Creator", "by"),
            new Facet(IndexFields.FACET_CREDIT, "Credit", "credit"),
            new Facet(IndexFields.FACET_SOURCE, "Source", "source"),
            new Facet(IndexFields.FACET_KEYWORDS, "Keyword", "keyword"),
            new Facet(IndexFields.FACET_COUNTRY, "Country", "country"),
            new Facet(IndexFields.FACET_CAMERA, "Camera", "camera"),
            new Facet(IndexFields.FACET_TAKEN_MONTH, "Month taken", "taken"));

    private SearchVocabulary() {
    }

    /** The names of every filter, for messages: {@code by, credit, ...}. */
    static String filterNames() {
        return String.join(", ", FILTERS.keySet());
    }

    /** The facet selected by filter {@code name}, if any. */
    static Optional<Facet> facetOf(String filter) {
        return FACETS.stream().filter(facet -> facet.filter().equals(filter)).findFirst();
    }

    /** The values a flag filter takes, for messages: {@code gps or caption}. */
    static String valueNames(Filter filter) {
        List<String> names = filter.values().stream().map(Flag::value).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Map<String, Filter> byName(List<Filter> filters) {
        return Collections.unmodifiableMap(filters.stream().collect(Collectors.toMap(Filter::name, f -> f, (a, b) -> {
            throw new IllegalStateException("two filters named " + a.name());
        }, LinkedHashMap::new)));
    }
}
