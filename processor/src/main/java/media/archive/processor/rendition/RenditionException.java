package media.archive.processor.rendition;

import media.archive.contracts.ImageFailed;

/**
 * The original cannot be made into renditions, for a reason that will not change on a retry:
 * {@link #reason()} is one of {@link ImageFailed}'s codes and the message says it for people.
 */
public final class RenditionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    RenditionException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    RenditionException(String reason, String message) {
        this(reason, message, null);
    }

    /** {@link ImageFailed#UNDECODABLE}, {@link ImageFailed#UNSUPPORTED_FORMAT} or {@link ImageFailed#TOO_LARGE}. */
    public String reason() {
        return reason;
    }
}
