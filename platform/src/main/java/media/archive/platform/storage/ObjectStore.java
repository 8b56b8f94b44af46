package media.archive.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import media.archive.platform.config.S3Settings;

/**
 * The archive's bucket in S3 (MinIO in production, an embedded server on one machine).
 * Objects are written whole and never changed in place, so readers never see half an object.
 * Thread-safe; close it once when the program stops (the HTTP client's threads otherwise keep
 * the JVM alive).
 */
public final class ObjectStore implements AutoCloseable {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    /** S3 multipart part size for streams of unknown length; 10 MiB bounds the memory each upload holds. */
    private static final long PART_SIZE = 10L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;

    public ObjectStore(S3Settings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        this.bucket = settings.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it does not exist yet; safe to call from every service at start. */
    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    // Another service created it between our check and our call: that is what we wanted.
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    /** Stores the file at {@code file} under {@code key}. */
    public void putFile(String key, Path file, String contentType) {
        call("put " + key, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(bucket).object(key).filename(file.toString()).contentType(contentType).build()));
    }

    /** Stores {@code bytes} under {@code key}. */
    public void putBytes(String key, byte[] bytes, String contentType) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key)
                .stream(new java.io.ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(contentType).build()));
    }

    /** Stores a stream of unknown length under {@code key}, holding at most one part in memory. */
    public void putStream(String key, InputStream in, String contentType) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key).stream(in, -1, PART_SIZE).contentType(contentType).build()));
    }

    /** The object's bytes as a stream the caller must close, or empty when there is no such object. */
    public Optional<InputStream> open(String key) {
        return call("get " + key, () -> {
            try {
                return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            } catch (ErrorResponseException e) {
                if (MISSING.contains(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The object's whole content, or empty when there is no such object. Only for small objects. */
    public Optional<byte[]> readAll(String key) {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        return call("read " + key, () -> {
            try (InputStream stream = in.get()) {
                return Optional.of(stream.readAllBytes());
            }
        });
    }

    /** What S3 knows of the object, or empty when there is no such object. */
    public Optional<StoredObject> stat(String key) {
        return call("stat " + key, () -> {
            try {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return Optional.of(new StoredObject(key, stat.size(), stat.etag(), stat.contentType()));
            } catch (ErrorResponseException e) {
                if (MISSING.contains(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The keys of every object whose key starts with {@code prefix}, in key order. */
    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    keys.add(item.objectName());
                }
            }
            return List.copyOf(keys);
        });
    }

    /** Deletes the object under {@code key}; deleting an object that is not there is no error (as in S3). */
    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /**
     * Deletes every object whose key starts with {@code prefix} (which must not be empty: the
     * whole bucket is never deleted by mistake); how many there were.
     */
    public int deleteAll(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("a prefix to delete by is needed");
        }
        List<String> keys = list(prefix);
        // One request per object: an image has a handful, and every S3 server takes single deletes.
        keys.forEach(this::delete);
        return keys.size();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new StorageException("close S3 client", e);
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException(what, e);
        }
    }
}
