package media.archive.api.search;

/** A search request that cannot be answered as asked (a bad limit or cursor); the message says why. */
public final class InvalidSearchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSearchException(String message) {
        super(message);
    }
}
