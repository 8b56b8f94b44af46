package media.archive.api.galleries;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import media.archive.api.editing.EditRefused;
import media.archive.api.editing.EventPublisher;
import media.archive.api.index.ImageIndex;
import media.archive.api.serving.PublishedImages;
import media.archive.contracts.GalleryDeleted;
import media.archive.contracts.GalleryEvent;
import media.archive.contracts.GalleryId;
import media.archive.contracts.GalleryItem;
import media.archive.contracts.GallerySaved;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;

/**
 * Makes, changes and deletes galleries: publishes {@link GallerySaved} and {@link GalleryDeleted}
 * on {@link Topics#GALLERIES} through the api's {@link EventPublisher}, and answers once this
 * replica's {@link GalleryView} shows the change, so the editor's next read sees it.
 *
 * <p>Saves of one gallery are made one at a time on this replica (a lock per gallery, striped)
 * against the version the editor read. Two replicas saving one version at once both publish; the
 * view keeps the first on the topic (every replica alike), and the replica whose save lost answers
 * {@link GalleryRefused.Reason#CONFLICT} with the gallery that won. Thread-safe.
 */
public final class GalleryLog {
    private static final int STRIPES = 64;
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);

    private final GalleryView view;
    private final EventPublisher publisher;
    private final ImageIndex index;
    private final PublishedImages published;
    private final Clock clock;
    private final Duration viewTimeout;
    private final BooleanSupplier caughtUp;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /**
     * A log publishing through {@code publisher}, checking images against {@code index} and
     * {@code published}, and waiting up to {@code viewTimeout} for {@code view} to show each change;
     * {@code caughtUp} says whether the view has read the topic (saves are refused before).
     */
    public GalleryLog(GalleryView view, EventPublisher publisher, ImageIndex index, PublishedImages published, Clock clock,
                      Duration viewTimeout, BooleanSupplier caughtUp) {
        this.view = Objects.requireNonNull(view, "view");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.index = Objects.requireNonNull(index, "index");
        this.published = Objects.requireNonNull(published, "published");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.viewTimeout = Objects.requireNonNull(viewTimeout, "viewTimeout");
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The gallery as saved last; {@code UNKNOWN} or {@code DELETED} otherwise. */
    public GallerySaved require(GalleryId id) {
        GalleryEvent event = view.find(id).orElseThrow(() -> unknown(id));
        if (event instanceof GallerySaved saved) {
            return saved;
        }
        throw deleted(id);
    }

    /** One page of the galleries not deleted, newest first (see {@link GalleryView#newestFirst}). */
    GalleryView.Page page(String cursor, int limit) {
        return view.newestFirst(cursor, limit);
    }

    /** Makes a new gallery of {@code draft} on behalf of {@code editor}, at version 1. */
    GallerySaved create(GalleryDraft draft, String editor) {
        requireCaughtUp();
        checkImages(draft);
        GalleryId id = GalleryId.random();
        var now = clock.instant();
        GallerySaved saved = new GallerySaved(id, 1, draft.title(), draft.intro(), draft.language(), draft.items(),
                now, editor, now, editor);
        ReentrantLock lock = lock(id);
        try {
            return publishSaved(saved);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the title, intro, language and items of gallery {@code id}, read by the editor at
     * {@code expectedVersion}; a draft that changes nothing publishes nothing.
     */
    GallerySaved replace(GalleryId id, int expectedVersion, GalleryDraft draft, String editor) {
        ReentrantLock lock = lock(id);
        try {
            requireCaughtUp();
            GallerySaved current = require(id);
            if (current.version() != expectedVersion) {
                throw conflict(current, expectedVersion);
            }
            if (GalleryDraft.of(current).equals(draft)) {
                return current;
            }
            checkImages(draft);
            GallerySaved saved = new GallerySaved(id, current.version() + 1, draft.title(), draft.intro(), draft.language(),
                    draft.items(), current.createdAt(), current.createdBy(), clock.instant(), editor);
            return publishSaved(saved);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes gallery {@code id}: its tombstone is published and every public URL of it answers 410. Deleting again does nothing. */
    void delete(GalleryId id, String editor) {
        ReentrantLock lock = lock(id);
        try {
            requireCaughtUp();
            GalleryEvent current = view.find(id).orElseThrow(() -> unknown(id));
            if (current instanceof GalleryDeleted) {
                return;
            }
            GalleryDeleted deletion = new GalleryDeleted(id, current.version() + 1, clock.instant(), editor);
            publish(deletion);
            view.await(id, GalleryDeleted.class::isInstance, viewTimeout);
        } finally {
            lock.unlock();
        }
    }

    private GallerySaved publishSaved(GallerySaved saved) {
        publish(saved);
        Optional<GalleryEvent> seen = view.await(saved.id(), e -> e.version() >= saved.version() || e instanceof GalleryDeleted,
                viewTimeout);
        if (seen.isEmpty() || seen.get().version() < saved.version() && !(seen.get() instanceof GalleryDeleted)) {
            // The view is slower than its timeout: the save is recorded, the editor sees it as sent.
            return saved;
        }
        GalleryEvent now = seen.get();
        if (now.equals(saved) || now.version() > saved.version() && now instanceof GallerySaved) {
            // Ours, or a later save made on top of it.
            return saved;
        }
        if (now instanceof GallerySaved other) {
            // Another replica's save of the same version came first on the topic: it won.
            throw conflict(other, saved.version() - 1);
        }
        throw deleted(saved.id());
    }

    /** Every item's image is known to the archive and not removed; {@code INVALID} naming the first that is not. */
    private void checkImages(GalleryDraft draft) {
        for (int i = 0; i < draft.items().size(); i++) {
            GalleryItem item = draft.items().get(i);
            String field = "items[" + i + "].image";
            Optional<ImageRecord> record = index.find(item.image());
            if (record.isEmpty()) {
                throw GalleryRefused.invalid(field, field + ": the archive has no image " + item.image());
            }
            if (published.isRemovedHere(item.image()) || ImageRecord.REMOVED.equals(record.get().status())) {
                throw GalleryRefused.invalid(field, field + ": image " + item.image() + " was removed from the archive");
            }
        }
    }

    private void publish(GalleryEvent event) {
        try {
            publisher.publish(Topics.GALLERIES, event.id().value(), Json.toBytes(event),
                    event.getClass().getSimpleName() + " of gallery " + event.id());
        } catch (EditRefused e) {
            GalleryRefused.Reason reason = e.reason() == EditRefused.Reason.TOO_LARGE
                    ? GalleryRefused.Reason.TOO_LARGE : GalleryRefused.Reason.UNAVAILABLE;
            throw new GalleryRefused(reason, e.reason() == EditRefused.Reason.TOO_LARGE
                    ? "this gallery is too large to record; shorten its captions" : e.getMessage());
        }
    }

    private void requireCaughtUp() {
        if (!caughtUp.getAsBoolean()) {
            throw new GalleryRefused(GalleryRefused.Reason.UNAVAILABLE,
                    "this replica is still reading the galleries; try again shortly");
        }
    }

    private ReentrantLock lock(GalleryId id) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(LOCK_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GalleryRefused(GalleryRefused.Reason.UNAVAILABLE, "gallery " + id + " is busy with other saves; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GalleryRefused(GalleryRefused.Reason.UNAVAILABLE, "interrupted while waiting to save gallery " + id);
        }
        return lock;
    }

    private static GalleryRefused conflict(GallerySaved current, int expected) {
        return new GalleryRefused(GalleryRefused.Reason.CONFLICT, "gallery " + current.id() + " is at version " + current.version()
                + ", not " + expected + ": someone else saved it meanwhile", null, current);
    }

    private static GalleryRefused unknown(GalleryId id) {
        return new GalleryRefused(GalleryRefused.Reason.UNKNOWN, "no gallery " + id);
    }

    private static GalleryRefused deleted(GalleryId id) {
        return new GalleryRefused(GalleryRefused.Reason.DELETED, "gallery " + id + " was deleted");
    }
}
