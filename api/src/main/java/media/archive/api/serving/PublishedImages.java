package media.archive.api.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import media.archive.api.index.ImageIndex;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.platform.http.ApiException;

/**
 * Which images the public may see: those that are {@code ready} and that {@link PublicAccess}
 * lets through (not withheld, not under embargo). Records of ready images are
 * kept in memory so that serving a hot rendition does not read the index; every change the
 * index applies drops the image's entry (and, through {@link #onDrop}, whatever other caches
 * hold of it), so a removed image answers {@code 410 Gone} on the next request. Thread-safe.
 */
public final class PublishedImages {
    private static final long MAX_RECORDS = 50_000;

    private final ImageIndex index;
    private final PublicAccess access;
    private final Cache<ImageId, ImageRecord> ready = Caffeine.newBuilder().maximumSize(MAX_RECORDS).build();
    /** Removed here before the index has seen it: this replica answers 410 from the moment it published the removal. */
    private final Set<ImageId> removedHere = ConcurrentHashMap.newKeySet();
    private final AtomicLong changes = new AtomicLong();
    private final CopyOnWriteArrayList<Consumer<ImageId>> dropListeners = new CopyOnWriteArrayList<>();

    /** The images of {@code index}, refused to the public by the system clock's {@link PublicAccess}. */
    public PublishedImages(ImageIndex index) {
        this(index, PublicAccess.systemClock());
    }

    public PublishedImages(ImageIndex index, PublicAccess access) {
        this.index = index;
        this.access = access;
        index.addChangeListener(this::indexChanged);
    }

    private void indexChanged(ImageId id) {
        forgetOnceIndexed(id);
        drop(id);
    }

    /**
     * Drops this replica's own mark of a removal once the index has the removal: the index says
     * 410 itself from then on, and it alone can tell when an admin's restoration lifts it.
     */
    private void forgetOnceIndexed(ImageId id) {
        if (removedHere.contains(id) && index.find(id).map(r -> ImageRecord.REMOVED.equals(r.status())).orElse(false)) {
            removedHere.remove(id);
        }
    }

    /** Calls {@code listener} whenever an image's cached state must be forgotten. */
    public void onDrop(Consumer<ImageId> listener) {
        dropListeners.add(listener);
    }

    /** The record of a ready image; {@code 404} when there is no such image or it is not ready, {@code 410} when removed. */
    public ImageRecord requireReady(ImageId id) {
        if (removedHere.contains(id)) {
            throw gone(id);
        }
        ImageRecord cached = ready.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        long before = changes.get();
        ImageRecord record = requireKnown(id);
        if (!ImageRecord.READY.equals(record.status())) {
            throw ApiException.notFound("image " + id + " is not published: it is " + record.status());
        }
        ready.put(id, record);
        if (changes.get() != before) {
            // Something changed while we read: the record may already be stale.
            ready.invalidate(id);
        }
        return record;
    }

    /**
     * The record of a ready image the public may see now: as {@link #requireReady}, then refused
     * by {@link PublicAccess} while it is withheld or under embargo. Every public route asks this.
     */
    public ImageRecord requirePublic(ImageId id) {
        ImageRecord record = requireReady(id);
        access.check(record);
        return record;
    }

    /** The record of a ready image the public may see now, empty when it may not (or is not ready, or removed). */
    public Optional<ImageRecord> findPublic(ImageId id) {
        try {
            ImageRecord record = requireReady(id);
            return access.open(record) ? Optional.of(record) : Optional.empty();
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /**
     * The seconds until the image becomes public by itself ({@link PublicAccess#secondsUntilOpen});
     * {@link Long#MAX_VALUE} when it is public, withheld, not ready or removed.
     */
    public long secondsUntilPublic(ImageId id) {
        try {
            return access.secondsUntilOpen(requireReady(id));
        } catch (ApiException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The record of any image that is not removed, whatever its status; {@code 404} unknown, {@code 410} removed. */
    public ImageRecord requireKnown(ImageId id) {
        if (removedHere.contains(id)) {
            throw gone(id);
        }
        Optional<ImageRecord> found = index.find(id);
        ImageRecord record = found.orElseThrow(() -> ApiException.notFound("no image " + id));
        if (ImageRecord.REMOVED.equals(record.status())) {
            throw gone(id);
        }
        return record;
    }

    /** Takes the image out of public view on this replica at once, ahead of the index. */
    public void markRemoved(ImageId id) {
        removedHere.add(id);
        // The index may have read the removal already, before the mark was made.
        forgetOnceIndexed(id);
        drop(id);
    }

    /** Whether this replica removed the image (its index may not have read the removal yet). */
    public boolean isRemovedHere(ImageId id) {
        return removedHere.contains(id);
    }

    private void drop(ImageId id) {
        changes.incrementAndGet();
        ready.invalidate(id);
        dropListeners.forEach(listener -> listener.accept(id));
    }

    static ApiException gone(ImageId id) {
        return new ApiException(410, "gone", "image " + id + " was removed from the archive");
    }
}
