package media.archive.api.editing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import media.archive.api.index.ImageIndex;
import media.archive.api.serving.PublishedImages;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.InvalidEditException;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api's one way out to Kafka: publishes editors' edits ({@link ImageEdited}) and admins'
 * removals ({@link ImageRemoved}, with the tombstones that erase the image from the content
 * topics) on {@link Topics#EDITS}, each answered only once Kafka acknowledged it (through
 * {@link EventPublisher}). Owns its producer (closed by {@link #close()}).
 *
 * <p>Edits of one image are made one at a time on this replica (a lock per image, striped), and
 * each waits, a bounded time, until this replica's index has applied it: the next edit then
 * starts from the record with this one in it, so two editors saving at once cannot both pass the
 * version check, and a search or record read after the answer shows the edit. Replicas do not
 * lock each other: two replicas editing one image within the time an edit takes to reach both
 * (a fraction of a second) can still both win, the later one's fields prevailing.
 *
 * <p>No edit is published about an image removed on this replica or whose removal its index
 * has read: the topic is compacted by image id, and an edit after the removal would be the one
 * compaction keeps. Errors are classified here once: Kafka down or slow is
 * {@link EditRefused.Reason#UNAVAILABLE}, never a stack trace. Thread-safe.
 */
public final class EditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EditLog.class);
    /** Locks images share: enough that editors of different images rarely wait for each other. */
    private static final int STRIPES = 256;
    /** How long an edit waits for the one before it on the same image at most. */
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);
    /** Who a removal restated by the archive itself names (see {@link #edit}). */
    private static final String RESTATED_BY = "archive";
    /** How many edits this replica remembers while its index has not applied them yet. */
    private static final int MAX_UNINDEXED = 10_000;

    /**
     * How long Kafka may take to acknowledge an event ({@code ack}) and the index to apply it
     * ({@code indexed}) before an edit is answered anyway.
     */
    public record Timeouts(Duration ack, Duration indexed) {
        public Timeouts {
            if (ack.isNegative() || ack.isZero() || indexed.isNegative()) {
                throw new IllegalArgumentException("the acknowledgement needs a positive timeout, the index one not negative");
            }
        }

        /** 10 s for Kafka (its producer gives up sending after 15 s), 5 s for the index (it applies an event in about 0.1 s). */
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
        }
    }

    private final ImageIndex index;
    private final PublishedImages published;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Timeouts timeouts;
    private final BooleanSupplier caughtUp;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Records as this replica's own edits made them, until its index shows those edits. */
    private final ConcurrentMap<ImageId, ImageRecord> unindexed = new ConcurrentHashMap<>();
    /** Notified whenever the index applied a change, so waiters look again at once. */
    private final Object indexChanged = new Object();

    /**
     * An edit log publishing with {@code producer} (which it then owns), reading records from
     * {@code index} and telling {@code published} of each removal, so that this replica stops
     * serving the image before its index reads it; {@code caughtUp} says whether the index has
     * caught up with the topics (edits made on an index that has not would start from records that
     * are not the latest).
     */
    public EditLog(ImageIndex index, PublishedImages published, Producer<String, byte[]> producer, Clock clock,
                   Timeouts timeouts, BooleanSupplier caughtUp) {
        this.index = Objects.requireNonNull(index, "index");
        this.published = Objects.requireNonNull(published, "published");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.publisher = new EventPublisher(Objects.requireNonNull(producer, "producer"), timeouts.ack());
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        index.addChangeListener(id -> {
            synchronized (indexChanged) {
                indexChanged.notifyAll();
            }
        });
    }

    /**
     * Records {@code editor}'s change of {@code changes} (field name to new value) on image
     * {@code id}, when the record is still at version {@code expectedVersion} (when given), and
     * returns the record with the edit applied. An edit that changes no value publishes nothing and
     * returns the record as it is.
     *
     * @throws InvalidEditException naming a field that cannot be edited or a value not of its kind
     * @throws EditRefused          when the image is unknown or removed, the version is not the
     *                              latest, or Kafka did not acknowledge
     */
    public ImageRecord edit(ImageId id, OptionalInt expectedVersion, String editor, Map<String, ?> changes) {
        ReentrantLock lock = lock(id);
        try {
            ImageRecord current = latest(id);
            if (expectedVersion.isPresent() && expectedVersion.getAsInt() != current.version()) {
                throw new EditRefused(EditRefused.Reason.CONFLICT, "image " + id + " is at version " + current.version()
                        + ", not " + expectedVersion.getAsInt() + ": someone else saved it meanwhile", current, null);
            }
            Optional<ImageEdited> next = ImageEdited.next(current.edited(), id, current.metadata(), clock.instant(),
                    editor, changes);
            if (next.isEmpty()) {
                return current;
            }
            ImageEdited edit = next.get();
            publish(edit);
            ImageRecord edited = current.withEdits(edit);
            remember(edited);
            ImageRecord indexed = awaitIndexed(id, r -> r.version() >= edit.version() || ImageRecord.REMOVED.equals(r.status()));
            if (indexed != null && ImageRecord.REMOVED.equals(indexed.status())) {
                // Another replica removed it while this edit was on its way, and the edit may be
                // after the removal on the topic, where compaction would keep it instead: say the
                // removal again, after the edit (harmless when the removal came last anyway).
                LOG.warn("image {} was removed by another replica while {} edited it; restating the removal", id, editor);
                unindexed.remove(id);
                publish(new ImageRemoved(id, clock.instant(), RESTATED_BY, "removal restated after an edit from " + editor + " crossed it"));
                throw removed(id);
            }
            return indexed != null && indexed.version() >= edit.version() ? indexed : edited;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes image {@code id} out of Kafka on behalf of {@code by} ({@code reason} may be null):
     * publishes {@link ImageRemoved}, from whose acknowledgement this replica serves the image no
     * more, then a tombstone (a null value) for the id on each topic of {@link Topics#CONTENT},
     * each acknowledged, so compaction forgets its upload and its record; returns once this
     * replica's index read the removal (or after the index's timeout). The removal comes first so
     * that, should the tombstones fail, the image is already out of view and a repeated call
     * finishes the work: removing a removed image publishes no second removal but writes the
     * tombstones again.
     *
     * @throws EditRefused when the image is unknown or Kafka did not acknowledge
     */
    public void remove(ImageId id, String by, String reason) {
        ReentrantLock lock = lock(id);
        try {
            requireCaughtUp();
            Optional<ImageRecord> found = index.find(id);
            if (found.isEmpty() && !published.isRemovedHere(id)) {
                throw new EditRefused(EditRefused.Reason.UNKNOWN, "no image " + id);
            }
            boolean already = published.isRemovedHere(id) || ImageRecord.REMOVED.equals(found.get().status());
            if (!already) {
                publish(new ImageRemoved(id, clock.instant(), by, reason));
                published.markRemoved(id);
                unindexed.remove(id);
            }
            for (String topic : Topics.CONTENT) {
                publisher.publish(topic, id.value(), null, "tombstone of image " + id);
            }
            // Waiting makes every editorial route of this replica (they read the index) agree with
            // the public ones, which answer 410 from the acknowledgement on.
            awaitIndexed(id, record -> ImageRecord.REMOVED.equals(record.status()));
        } finally {
            lock.unlock();
        }
    }

    /** The record edits of {@code id} start from: the index's, or this replica's own later one. */
    private ImageRecord latest(ImageId id) {
        requireCaughtUp();
        if (published.isRemovedHere(id)) {
            throw removed(id);
        }
        ImageRecord record = index.find(id).orElseThrow(() -> new EditRefused(EditRefused.Reason.UNKNOWN, "no image " + id));
        if (ImageRecord.REMOVED.equals(record.status())) {
            unindexed.remove(id);
            throw removed(id);
        }
        ImageRecord own = unindexed.get(id);
        if (own != null && own.version() > record.version()) {
            // The index has not applied this replica's last edit yet (it was slower than its timeout).
            return own;
        }
        unindexed.remove(id);
        return record;
    }

    private void requireCaughtUp() {
        if (!caughtUp.getAsBoolean()) {
            throw new EditRefused(EditRefused.Reason.UNAVAILABLE,
                    "this replica's index is still catching up with the archive; try again shortly");
        }
    }

    private void remember(ImageRecord edited) {
        if (unindexed.size() >= MAX_UNINDEXED) {
            // Only when the index is far behind; forgetting costs a possible conflict, not an edit.
            unindexed.clear();
        }
        unindexed.put(edited.id(), edited);
    }

    /** Sends {@code event} and waits for Kafka's acknowledgement. */
    private void publish(ImageEvent event) {
        publisher.publish(Topics.EDITS, event.id().value(), Json.toBytes(event),
                event.getClass().getSimpleName() + " of image " + event.id());
    }

    /**
     * The index's record of {@code id} once it satisfies {@code done}, or after the index's timeout
     * the record as it then is (null when it has none).
     */
    private ImageRecord awaitIndexed(ImageId id, Predicate<ImageRecord> done) {
        long deadline = System.nanoTime() + timeouts.indexed().toNanos();
        while (true) {
            Optional<ImageRecord> record = index.find(id);
            if (record.isPresent() && done.test(record.get())) {
                return record.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.info("the index had not applied the latest event of image {} after {}", id, timeouts.indexed());
                return record.orElse(null);
            }
            try {
                synchronized (indexChanged) {
                    // Woken by the index's change listener; the bound covers a change made before we waited.
                    indexChanged.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return record.orElse(null);
            }
        }
    }

    private ReentrantLock lock(ImageId id) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(LOCK_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EditRefused(EditRefused.Reason.UNAVAILABLE, "image " + id + " is busy with other edits; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EditRefused(EditRefused.Reason.UNAVAILABLE, "interrupted while waiting to edit image " + id);
        }
        return lock;
    }

    private static EditRefused removed(ImageId id) {
        return new EditRefused(EditRefused.Reason.REMOVED, "image " + id + " was removed from the archive");
    }

    /** This log's way out to Kafka, for features publishing on topics of their own; closed with this log. */
    public EventPublisher publisher() {
        return publisher;
    }

    /** Closes the producer, waiting for events in flight. */
    @Override
    public void close() {
        publisher.close();
    }
}
