package media.archive.api.search;

/**
 * One page of a search: {@code query} is free text (null for every image, newest first),
 * {@code limit} how many hits the page holds (1 to {@value #MAX_LIMIT}), {@code cursor} the
 * {@code next} value of the previous page, or null for the first page.
 *
 * @throws InvalidSearchException from the constructor when the limit or the cursor is not valid
 */
public record SearchRequest(String query, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    public SearchRequest {
        query = query == null || query.isBlank() ? null : query.strip();
        cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSearchException("limit must be from 1 to " + MAX_LIMIT);
        }
        if (cursor != null) {
            Cursor decoded = Cursor.decode(cursor);
            if (decoded.byRelevance() != (query != null)) {
                throw new InvalidSearchException("this cursor belongs to another search");
            }
        }
    }

    /** The request for HTTP query parameters as sent, each possibly absent. */
    public static SearchRequest of(String query, String limit, String cursor) {
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                parsedLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSearchException("limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        return new SearchRequest(query, parsedLimit, cursor);
    }

    /** The first page of {@code query}. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, DEFAULT_LIMIT, null);
    }
}
