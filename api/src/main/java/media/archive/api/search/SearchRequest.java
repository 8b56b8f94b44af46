package media.archive.api.search;

import java.util.Locale;

/**
 * One page of a search: {@code query} in the search language ({@link QueryLanguage}; null for
 * every image), {@code sort} how hits are ordered, {@code limit} how many hits the page holds
 * (1 to {@value #MAX_LIMIT}), {@code cursor} the {@code next} value of the previous page, or
 * null for the first page.
 *
 * @throws InvalidSearchException from the constructor when the limit, sort or cursor is not valid
 */
public record SearchRequest(String query, Sort sort, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    /** How hits are ordered; ties are broken by image id, so pages never overlap. */
    public enum Sort {
        /** Best match first; the default with a query. */
        RELEVANCE("best match first; the default with a query"),
        /** Newest upload first; the default without a query. */
        UPLOADED("newest upload first; the default without a query"),
        /** Most recently taken first; pictures without a date come last. */
        TAKEN("most recently taken first; pictures without a date come last");

        private final String description;

        Sort(String description) {
            this.description = description;
        }

        /** What the order is, for people. */
        public String description() {
            return description;
        }

        /** The name clients send as {@code sort=}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Sort parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSearchException("sort must be relevance, uploaded or taken");
            }
        }
    }

    public SearchRequest {
        query = query == null || query.isBlank() ? null : query.strip();
        cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
        if (sort == null) {
            sort = query == null ? Sort.UPLOADED : Sort.RELEVANCE;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSearchException("limit must be from 1 to " + MAX_LIMIT);
        }
        if (cursor != null) {
            Cursor decoded = Cursor.decode(cursor);
            if (decoded.sort() != sort) {
                throw new InvalidSearchException("this cursor belongs to another search");
            }
        }
    }

    public SearchRequest(String query, int limit, String cursor) {
        this(query, null, limit, cursor);
    }

    /** The request for HTTP query parameters as sent, each possibly absent. */
    public static SearchRequest of(String query, String limit, String cursor) {
        return of(query, null, limit, cursor);
    }

    /** The request for HTTP query parameters as sent, each possibly absent. */
    public static SearchRequest of(String query, String sort, String limit, String cursor) {
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                parsedLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSearchException("limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        Sort parsedSort = sort == null || sort.isBlank() ? null : Sort.parse(sort);
        return new SearchRequest(query, parsedSort, parsedLimit, cursor);
    }

    /** The first page of {@code query}. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, DEFAULT_LIMIT, null);
    }
}
