package media.archive.ingest.upload;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import media.archive.contracts.ImageRecord;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/uploads}: a photographer (or an admin) sends one image as
 * {@code multipart/form-data}, the part {@code file} holding it and the optional text parts
 * {@code caption}, {@code creator}, {@code credit} and {@code keywords} (comma-separated)
 * saying what the file does not.
 *
 * <ul>
 *   <li>{@code 202} {@code {"id","status","href","duplicate":false}} with {@code Location}: the
 *       original is in S3 and Kafka acknowledged {@code ImageUploaded}.</li>
 *   <li>{@code 200} with {@code "duplicate":true}: the archive already has these bytes; nothing is
 *       published again.</li>
 *   <li>{@code 400} malformed form, missing or empty file, text too long; {@code 401}/{@code 403}
 *       no or wrong key; {@code 413} file over the limit; {@code 415} not an image we take (sniffed
 *       from the bytes); {@code 503} with {@code Retry-After} when S3 or Kafka is down.</li>
 * </ul>
 *
 * The body streams to a temporary file; memory use does not grow with the upload. Thread-safe.
 */
public final class UploadRoutes implements Routes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRoutes.class);
    /** How long {@link #close()} lets uploads that are under way finish. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final AccessGuard guard;
    private final UploadReader reader;
    private final OriginalPublisher publisher;
    private int inFlight;
    private boolean closed;

    public UploadRoutes(UploadOptions options, ObjectStore store, Producer<String, byte[]> producer, AccessGuard guard) {
        this.guard = guard;
        this.reader = new UploadReader(options);
        this.publisher = new OriginalPublisher(store, producer, options.publishTimeout(), Clock.systemUTC());
    }

    /** What an upload is answered with; {@code href} is where the api serves the image's record. */
    record Accepted(String id, String status, String href, boolean duplicate) {
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/uploads", this::upload);
    }

    private void upload(Context ctx) {
        Principal uploader = guard.require(ctx, Role.PHOTOGRAPHER);
        enter();
        try (ReceivedUpload upload = reader.read(ctx.req())) {
            OriginalPublisher.Outcome outcome = publisher.publish(upload, uploader.name());
            String href = "/v1/images/" + outcome.id().value();
            Accepted answer = new Accepted(outcome.id().value(), ImageRecord.PROCESSING, href, outcome.duplicate());
            if (outcome.duplicate()) {
                ctx.status(200).json(answer);
            } else {
                LOG.info("image {} uploaded by {}: {} bytes of {}", outcome.id(), uploader.name(), upload.bytes(),
                        upload.contentType());
                ctx.status(202).header("Location", href).json(answer);
            }
        } finally {
            leave();
        }
    }

    /**
     * Stops taking uploads (new ones are answered {@code 503}) and waits up to 30 seconds for
     * those under way, so a stopping service does not cut an upload between S3 and Kafka.
     */
    @Override
    public synchronized void close() {
        closed = true;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void enter() {
        if (closed) {
            throw ApiException.unavailable("ingest is stopping; try again shortly", OriginalPublisher.RETRY_AFTER_SECONDS);
        }
        inFlight++;
    }

    private synchronized void leave() {
        inFlight--;
        notifyAll();
    }
}
