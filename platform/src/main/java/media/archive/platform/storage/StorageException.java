package media.archive.platform.storage;

/** S3 could not be reached or refused an operation; callers treat it as temporary (retry, or answer 503). */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String operation, Throwable cause) {
        super("S3 " + operation + " failed: " + cause.getMessage(), cause);
    }
}
