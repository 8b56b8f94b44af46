package media.archive.platform.http;

import java.time.Duration;
import media.archive.platform.config.Settings;

/**
 * How long a connection may keep a server waiting, so slow or hostile clients cannot take the
 * threads that health checks, search and renditions need. Both are Jetty's own checks.
 *
 * @param idleTimeout              longest silence on a connection, between requests or in the
 *                                 middle of a body, before Jetty closes it (a body promised by
 *                                 {@code Content-Length} that never comes is cut off after this)
 * @param minRequestBytesPerSecond the slowest a request body may arrive, averaged from its first
 *                                 byte; a slower one is answered {@code 408} (a body trickled a
 *                                 byte at a time is cut off within a second or two)
 */
public record HttpLimits(Duration idleTimeout, long minRequestBytesPerSecond) {
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;
    /**
     * 256 bytes/s: Jetty averages the rate from the request's first byte, so a small body (a JSON
     * edit of a few hundred bytes) that arrives a moment after its headers would fail a higher
     * floor; a body trickled a byte at a time is still cut off within seconds.
     */
    public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 256;

    public HttpLimits {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (minRequestBytesPerSecond < 0) {
            throw new IllegalArgumentException("minRequestBytesPerSecond must be 0 (no check) or more");
        }
    }

    /** The defaults every server gets unless its program reads other values. */
    public static HttpLimits defaults() {
        return new HttpLimits(Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MS), DEFAULT_MIN_REQUEST_BYTES_PER_SECOND);
    }

    /** Reads {@code ARCHIVE_HTTP_IDLE_TIMEOUT_MS} and {@code ARCHIVE_HTTP_MIN_REQUEST_BYTES_PER_SECOND}. */
    public static HttpLimits from(Settings settings) {
        return new HttpLimits(
                Duration.ofMillis(settings.longValue("ARCHIVE_HTTP_IDLE_TIMEOUT_MS", DEFAULT_IDLE_TIMEOUT_MS, 100, 3_600_000,
                        "longest silence on an HTTP connection (also in the middle of a request body) before it is closed")),
                settings.longValue("ARCHIVE_HTTP_MIN_REQUEST_BYTES_PER_SECOND", DEFAULT_MIN_REQUEST_BYTES_PER_SECOND, 0,
                        1L << 30, "slowest a request body may arrive, averaged from its first byte; slower is answered 408 (0: no check)"));
    }
}
