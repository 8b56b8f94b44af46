package media.archive.api.search;

import media.archive.platform.http.RefusedRequest;

/**
 * A search request that cannot be answered as asked (a query that does not parse, a bad limit or
 * cursor); the message says why and where. Answered as {@code 400 bad-request}.
 */
public final class InvalidSearchException extends RuntimeException implements RefusedRequest {
    private static final long serialVersionUID = 1L;

    public InvalidSearchException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String error() {
        return "bad-request";
    }
}
