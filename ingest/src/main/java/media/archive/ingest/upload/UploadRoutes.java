package media.archive.ingest.upload;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.KeyLimits;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.consumer.Consumer;
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
 *   <li>{@code 410} {@code {"error":"removed","removedAt"}}: these bytes are of an image taken
 *       down; nothing is stored or published. An admin brings it back on purpose with the form
 *       field {@code restore=true} ({@code 403} for any other role): ingest publishes
 *       {@code ImageRestored}, then takes the upload as a new one ({@code 202}).</li>
 *   <li>{@code 400} malformed form, missing or empty file, text too long; {@code 401}/{@code 403}
 *       no or wrong key; {@code 408} a body that arrived too slowly or stopped; {@code 413} file
 *       over the limit; {@code 415} not an image we take (sniffed from the bytes); {@code 429}
 *       with {@code Retry-After} when this key has its share of uploads under way; {@code 503}
 *       with {@code Retry-After} when S3 or Kafka is down, ingest is taking as many uploads as it
 *       can, or it has not yet read which images were removed.</li>
 * </ul>
 *
 * The body streams to a temporary file; memory use does not grow with the upload. Thread-safe.
 */
public final class UploadRoutes implements Routes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRoutes.class);
    /** How long {@link #close()} lets uploads that are under way finish. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /**
     * How long an upload waits for the view of removals to read the whole topic once at start
     * (about a second per 100,000 removals).
     */
    private static final Duration REMOVALS_PATIENCE = Duration.ofSeconds(10);
    /**
     * How long it waits once the view has read the topic: a round trip to Kafka takes a fraction
     * of a second, so more means Kafka is away, and the photographer hears {@code 503} in seconds.
     */
    private static final Duration REMOVALS_PATIENCE_RUNNING = Duration.ofSeconds(3);

    private final AccessGuard guard;
    private final UploadReader reader;
    private final OriginalPublisher publisher;
    private final Removals removals;
    private final UploadSlots slots;
    private int inFlight;
    private boolean closed;

    /**
     * Routes storing into {@code store} and publishing with {@code producer}; {@code edits} is a
     * consumer (of no group) that the routes own and read {@code media.edits} with, to know the
     * removed images.
     */
    public UploadRoutes(UploadOptions options, ObjectStore store, Producer<String, byte[]> producer,
                        Consumer<String, byte[]> edits, AccessGuard guard) {
        this.guard = guard;
        this.reader = new UploadReader(options);
        this.publisher = new OriginalPublisher(store, producer, options.publishTimeout(), Clock.systemUTC());
        this.removals = new Removals(edits);
        this.slots = new UploadSlots(options.maxConcurrentUploads(), options.maxUploadsPerUploader());
        removals.start();
    }

    /** What an upload is answered with; {@code href} is where the api serves the image's record. */
    record Accepted(String id, String status, String href, boolean duplicate) {
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/uploads", this::upload);
    }

    private void upload(Context ctx) {
        Principal uploader = guard.require(ctx, Role.PHOTOGRAPHER, KeyLimits.Budget.UPLOAD);
        enter();
        // The slot is taken before a byte of the body is read: a refused upload costs no wait.
        try (UploadSlots.Slot slot = slots.take(uploader.name()); ReceivedUpload upload = reader.read(ctx.req())) {
            if (upload.restore() && !uploader.role().allows(Role.ADMIN)) {
                throw new ApiException(403, "forbidden", "only an admin key brings a removed image back");
            }
            Optional<Instant> removedAt = removedAt(upload.id());
            OriginalPublisher.Outcome outcome;
            if (removedAt.isPresent() && upload.restore()) {
                outcome = publisher.restore(upload, uploader.name());
                removals.restored(upload.id());
                LOG.info("image {}, removed at {}, restored by {}", upload.id(), removedAt.get(), uploader.name());
            } else if (removedAt.isPresent()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", "removed");
                body.put("message", "this image was taken down from the archive; an admin may restore it with restore=true");
                body.put("id", upload.id().value());
                body.put("removedAt", removedAt.get().toString());
                ctx.status(410).json(body);
                return;
            } else {
                outcome = publisher.publish(upload, uploader.name());
            }
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

    private Optional<Instant> removedAt(ImageId id) {
        try {
            return removals.removedAt(id, removals.hasReadOnce() ? REMOVALS_PATIENCE_RUNNING : REMOVALS_PATIENCE);
        } catch (Removals.NotCaughtUp e) {
            throw ApiException.unavailable(e.getMessage(), OriginalPublisher.RETRY_AFTER_SECONDS);
        }
    }

    /**
     * Stops taking uploads (new ones are answered {@code 503}) and waits up to 30 seconds for
     * those under way, so a stopping service does not cut an upload between S3 and Kafka.
     */
    @Override
    public void close() {
        drain();
        removals.close();
    }

    private synchronized void drain() {
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
