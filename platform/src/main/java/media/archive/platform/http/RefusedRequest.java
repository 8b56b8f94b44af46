package media.archive.platform.http;

/**
 * What an exception of domain code implements when it means the request cannot be answered as
 * asked (a query that does not parse, say), so the domain names the kind of refusal once and
 * {@link HttpServers} turns it into the status and {@code {"error","message"}}: no route catches
 * and converts it. The exception's message is the sentence shown to the client, so it must not
 * hold internals.
 */
public interface RefusedRequest {
    /** The HTTP status, 4xx. */
    int status();

    /** The stable {@code error} code, such as {@code bad-request}. */
    String error();

    /** The sentence for people. */
    String getMessage();
}
