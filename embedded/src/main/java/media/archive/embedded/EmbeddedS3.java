package media.archive.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 server (s3proxy) on loopback that keeps each bucket as a directory and each object as
 * a file under {@code baseDir}, with AWS V2/V4 signatures checked against one access key.
 * Not thread-safe: one owner starts and closes it.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private final Path baseDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private S3Proxy proxy;

    /** A server storing under {@code baseDir} on {@code port} (0 picks a free port). */
    public EmbeddedS3(Path baseDir, int port, String accessKey, String secretKey) {
        this.baseDir = baseDir.toAbsolutePath();
        this.port = port == 0 ? LoopbackPorts.pick() : port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts the server and returns once it accepts requests. */
    public EmbeddedS3 start() {
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create S3 directory " + baseDir, e);
        }
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(baseDir.toString()))
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3 server did not start within 30 s: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the S3 server", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the S3 server on port " + port + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The URL clients sign requests for, {@code http://127.0.0.1:<port>} (path-style buckets). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the S3 server", e);
            }
            proxy = null;
        }
    }
}
