package media.archive.api.galleries;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import media.archive.contracts.GalleryDeleted;
import media.archive.contracts.GalleryEvent;
import media.archive.contracts.GalleryId;
import media.archive.contracts.GallerySaved;

/**
 * This replica's view of every gallery: the latest event of each, as read from
 * {@code media.galleries}. Small enough to hold in memory (a newsroom makes a few thousand
 * galleries a year, a few kilobytes each) and rebuilt from the topic at every start, so it keeps
 * no offsets and no files.
 *
 * <p>Events apply in topic order with two rules every replica follows alike, so all of them agree:
 * a save applies only when its version is higher than the gallery's (of two saves of one version,
 * the first on the topic wins; a save read twice changes nothing), and a deletion is final (later
 * saves are ignored). Thread-safe.
 */
public final class GalleryView {
    private static final Comparator<GallerySaved> NEWEST_FIRST = Comparator.comparing(GallerySaved::createdAt)
            .thenComparing(g -> g.id().value()).reversed();

    private final ConcurrentMap<GalleryId, GalleryEvent> latest = new ConcurrentHashMap<>();
    /** Notified at every change, so those waiting for one look again at once. */
    private final Object changed = new Object();

    /** One page of {@link #newestFirst}: the galleries and the cursor of the next page (null after the last). */
    public record Page(List<GallerySaved> galleries, String next) {
        public Page {
            galleries = List.copyOf(galleries);
        }
    }

    /** Applies one event of the topic (see the class comment for which ones change the view). */
    public void apply(GalleryEvent event) {
        GalleryEvent result = latest.merge(event.id(), event, (current, next) -> {
            if (current instanceof GalleryDeleted) {
                return current;
            }
            if (next instanceof GalleryDeleted) {
                return next;
            }
            return next.version() > current.version() ? next : current;
        });
        if (result == event) {
            signal();
        }
    }

    /** Forgets a gallery: for a record without a value on the topic, which compaction then removes. */
    public void forget(GalleryId id) {
        if (latest.remove(id) != null) {
            signal();
        }
    }

    /** The latest event of {@code id}: its saved state or its deletion; empty when none was read. */
    public Optional<GalleryEvent> find(GalleryId id) {
        return Optional.ofNullable(latest.get(id));
    }

    /** How many galleries are not deleted. */
    public int size() {
        return (int) latest.values().stream().filter(GallerySaved.class::isInstance).count();
    }

    /**
     * Galleries not deleted, newest made first, {@code limit} of them after {@code cursor} (null: from
     * the start). A gallery made while an editor pages is on a page before the one they are on.
     *
     * @throws GalleryRefused {@code INVALID} when the cursor is not one this view gave
     */
    public Page newestFirst(String cursor, int limit) {
        Predicate<GallerySaved> after = cursor == null ? g -> true : after(cursor);
        List<GallerySaved> sorted = latest.values().stream()
                .filter(GallerySaved.class::isInstance).map(GallerySaved.class::cast)
                .filter(after)
                .sorted(NEWEST_FIRST)
                .limit(limit + 1L)
                .toList();
        if (sorted.size() <= limit) {
            return new Page(sorted, null);
        }
        List<GallerySaved> page = sorted.subList(0, limit);
        return new Page(page, cursorOf(page.get(limit - 1)));
    }

    /**
     * Waits, {@code timeout} at most, until the latest event of {@code id} satisfies {@code done};
     * returns it then, or after the timeout whatever it is (empty when none).
     */
    Optional<GalleryEvent> await(GalleryId id, Predicate<GalleryEvent> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<GalleryEvent> event = find(id);
            if (event.isPresent() && done.test(event.get())) {
                return event;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return event;
            }
            try {
                synchronized (changed) {
                    // The bound covers a change made between the look above and this wait.
                    changed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return event;
            }
        }
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** A cursor: the last gallery's creation time and id, which the next page starts after. */
    private static String cursorOf(GallerySaved last) {
        String text = last.createdAt() + " " + last.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Predicate<GallerySaved> after(String cursor) {
        Instant createdAt;
        String id;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            createdAt = Instant.parse(text.substring(0, space));
            id = text.substring(space + 1);
        } catch (RuntimeException e) {
            throw GalleryRefused.invalid("cursor", "cursor is the next value of a previous page, unchanged");
        }
        return g -> g.createdAt().isBefore(createdAt) || g.createdAt().equals(createdAt) && g.id().value().compareTo(id) < 0;
    }
}
