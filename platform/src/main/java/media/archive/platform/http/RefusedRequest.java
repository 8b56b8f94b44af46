package media.archive.platform.http;

import java.util.Map;

/**
 * What an exception of domain code implements when it means the request cannot be answered as
 * asked (a query that does not parse, say), so the domain names the kind of refusal once and
 * {@link HttpServers} turns it into the status and {@code {"error","message"}}: no route catches
 * and converts it. The exception's message is the sentence shown to the client, so it must not
 * hold internals. A refusal may add response headers ({@code Retry-After}, {@code Cache-Control})
 * and fields of its own to the body (written after {@code error} and {@code message}).
 */
public interface RefusedRequest {
    /** The HTTP status, 4xx. */
    int status();

    /** The stable {@code error} code, such as {@code bad-request}. */
    String error();

    /** The sentence for people. */
    String getMessage();

    /** Headers the answer carries, none by default. */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** Fields the body carries beside {@code error} and {@code message}, none by default. */
    default Map<String, Object> details() {
        return Map.of();
    }
}
