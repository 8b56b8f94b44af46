package media.archive.ingest.upload;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import media.archive.contracts.ImageId;
import media.archive.contracts.SuppliedMetadata;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into the archive, whatever carried the file: a form upload, a resumable transfer,
 * a camera's FTP or SFTP session. Each route in {@linkplain #admit admits} the upload (one of a
 * bounded number at once, in all and per photographer), has the bytes {@linkplain #receive read}
 * or {@linkplain #receiveFile checked} (size, sniffed type, SHA-256), then {@linkplain #take takes}
 * it: refused when the image was taken down, else the original into S3 and its event on
 * {@code media.uploaded}, acknowledged by Kafka before anyone hears it was taken.
 *
 * <p>Every refusal is an {@link ApiException} whose status says what went wrong in HTTP's terms
 * ({@code 413} too large, {@code 415} not an image, {@code 429}/{@code 503} busy or down,
 * {@code 507} disk full); a route speaking another protocol translates it into its own. Thread-safe.
 */
public final class Intake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
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
    /** What a client is told to wait before trying again when S3 or Kafka is down. */
    public static final int RETRY_AFTER_SECONDS = OriginalPublisher.RETRY_AFTER_SECONDS;

    private final UploadReader reader;
    private final OriginalPublisher publisher;
    private final Removals removals;
    private final UploadSlots slots;
    private int inFlight;
    private boolean closed;

    /**
     * An intake storing into {@code store} and publishing with {@code producer}; {@code edits} is a
     * consumer (of no group) that the intake owns and reads {@code media.edits} with, to know the
     * removed images.
     */
    public Intake(UploadOptions options, ObjectStore store, Producer<String, byte[]> producer,
                  Consumer<String, byte[]> edits) {
        this.reader = new UploadReader(options);
        this.publisher = new OriginalPublisher(store, producer, options.publishTimeout(), Clock.systemUTC());
        this.removals = new Removals(edits);
        this.slots = new UploadSlots(options.maxConcurrentUploads(), options.maxUploadsPerUploader());
        removals.start();
    }

    /** Leave to take one upload; closing it gives the place back. */
    public interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A place for one upload of {@code uploader}, taken before a byte of it is read so that a
     * refusal costs the sender no wait.
     *
     * @throws ApiException {@code 503} when ingest is stopping or full, {@code 429} when this
     *                      uploader has its share under way; both with {@code Retry-After}
     */
    public Admission admit(Principal uploader) {
        enter();
        UploadSlots.Slot slot;
        try {
            slot = slots.take(uploader.name());
        } catch (RuntimeException e) {
            leave();
            throw e;
        }
        return new Admission() {
            private boolean open = true;

            @Override
            public void close() {
                if (open) {
                    open = false;
                    slot.close();
                    leave();
                }
            }
        };
    }

    /** The {@code multipart/form-data} upload in {@code request}, read as it arrives; the caller closes it. */
    public ReceivedUpload receive(HttpServletRequest request) {
        return reader.read(request);
    }

    /**
     * A fresh, empty file in the spool directory for a transfer to write into, after checking
     * that {@code expectedBytes} (0 when not known) leave the disk's reserve free. The caller
     * deletes it unless it passes it to {@link #receiveFile}.
     *
     * @throws ApiException {@code 507} when the disk is nearly full, {@code 503} when the spool is unwritable
     */
    public Path spoolFile(long expectedBytes) {
        return reader.spoolFile(expectedBytes);
    }

    /**
     * The upload whose bytes a transfer has finished writing to {@code file}: refused when empty,
     * over the size limit or not an image, else hashed. The upload owns {@code file} from here on
     * (closing it deletes the file), and so does a refusal, which deletes it at once.
     *
     * @param fileName the name the sender gave, cleaned here; {@code null} when none
     */
    public ReceivedUpload receiveFile(Path file, String fileName, SuppliedMetadata supplied) {
        return reader.inspect(file, fileName, Objects.requireNonNull(supplied, "supplied"));
    }

    /** What became of an upload: its image, and whether the archive had it already. */
    public record Receipt(ImageId id, boolean duplicate) {
        /** Where the api serves the image's record. */
        public String href() {
            return "/v1/images/" + id.value();
        }
    }

    /**
     * Makes {@code upload} part of the archive on behalf of {@code uploader}, or recognises it as
     * one the archive already has. A removed image is refused unless the upload asks to restore it
     * and comes from an admin, who brings it back.
     *
     * @throws Removed      ({@code 410}) when the image was taken down and is not being restored
     * @throws ApiException {@code 403} a restoration by anyone but an admin; {@code 503} S3 or Kafka away
     */
    public Receipt take(Principal uploader, ReceivedUpload upload) {
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
            throw new Removed(upload.id(), removedAt.get());
        } else {
            outcome = publisher.publish(upload, uploader.name());
        }
        if (!outcome.duplicate()) {
            LOG.info("image {} uploaded by {}: {} bytes of {}", outcome.id(), uploader.name(), upload.bytes(),
                    upload.contentType());
        }
        return new Receipt(outcome.id(), outcome.duplicate());
    }

    /** The upload's bytes are those of an image taken down from the archive: nothing was stored or published. */
    public static final class Removed extends ApiException {
        private final transient ImageId id;
        private final Instant removedAt;

        Removed(ImageId id, Instant removedAt) {
            super(410, "removed", "this image was taken down from the archive; an admin may restore it with restore=true");
            this.id = id;
            this.removedAt = removedAt;
        }

        public ImageId id() {
            return id;
        }

        public Instant removedAt() {
            return removedAt;
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
     * Stops admitting uploads (new ones are answered {@code 503}) and waits up to 30 seconds for
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
