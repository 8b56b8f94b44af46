package media.archive.platform.storage;

/** What S3 says about one object. */
public record StoredObject(String key, long size, String etag, String contentType) {
}
