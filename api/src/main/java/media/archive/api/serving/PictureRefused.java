package media.archive.api.serving;

import java.time.Instant;
import java.util.Map;
import media.archive.contracts.ImageId;
import media.archive.platform.http.RefusedRequest;

/**
 * The public may not see a picture now ({@link PublicAccess}): {@code 403 embargoed} with the
 * embargo's end ({@code until}) and {@code Retry-After}, or {@code 451 withheld}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7725">RFC 7725</a>) without its reason, which is
 * for editors only. Never stored by any cache ({@code no-store}), so the picture is served the
 * moment it is free. Mapped to the answer by {@code HttpServers}, in one place.
 */
public final class PictureRefused extends RuntimeException implements RefusedRequest {
    private static final long serialVersionUID = 1L;
    private static final String NO_STORE = "no-store";

    private final int status;
    private final String error;
    private final transient Map<String, String> headers;
    private final transient Map<String, Object> details;

    private PictureRefused(int status, String error, String message, Map<String, String> headers,
                           Map<String, Object> details) {
        // No stack trace: a refusal is an answer, and a hot picture may be asked for thousands of times a second.
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = headers;
        this.details = details;
    }

    static PictureRefused embargoed(ImageId id, Instant until, long retryAfterSeconds) {
        return new PictureRefused(403, "embargoed", "image " + id + " is under embargo until " + until,
                Map.of("Cache-Control", NO_STORE, "Retry-After", Long.toString(retryAfterSeconds),
                        "Access-Control-Allow-Origin", "*"),
                Map.of("until", until.toString()));
    }

    static PictureRefused withheld(ImageId id) {
        return new PictureRefused(451, "withheld", "image " + id + " is withheld from publication",
                Map.of("Cache-Control", NO_STORE, "Access-Control-Allow-Origin", "*"), Map.of());
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String error() {
        return error;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
