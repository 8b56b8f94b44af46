package media.archive.api.serving;

import java.time.Clock;
import java.time.Instant;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageRecord;

/**
 * Whether the public may see a ready picture now: not while it is withheld, not before its
 * embargo ends. The one decision every public route asks (renditions, embeds, pages, oEmbed,
 * galleries); editors' routes never ask it. The clock decides on each request, so the moment an
 * embargo passes the picture is served, with no event and no restart.
 *
 * <p>It is on the hot path of every rendition: it reads two fields of the record already at hand
 * and the clock's milliseconds, and allocates nothing for a free picture. Thread-safe.
 */
public final class PublicAccess {
    private final Clock clock;

    public PublicAccess(Clock clock) {
        this.clock = clock;
    }

    /** The access of a newsroom's working day: the system clock. */
    public static PublicAccess systemClock() {
        return new PublicAccess(Clock.systemUTC());
    }

    /** Whether the public may see {@code record}'s picture now. */
    public boolean open(ImageRecord record) {
        ImageMetadata metadata = record.metadata();
        if (metadata.withheld() != null) {
            return false;
        }
        Instant until = metadata.embargoUntil();
        return until == null || clock.millis() >= until.toEpochMilli();
    }

    /**
     * Returns when the public may see {@code record}'s picture now.
     *
     * @throws PictureRefused {@code 451} when withheld (withholding wins over an embargo: it has no
     *                        end to announce), {@code 403} with the embargo's end before it passes
     */
    public void check(ImageRecord record) {
        if (open(record)) {
            return;
        }
        ImageMetadata metadata = record.metadata();
        if (metadata.withheld() != null) {
            throw PictureRefused.withheld(record.id());
        }
        Instant until = metadata.embargoUntil();
        long millis = until.toEpochMilli() - clock.millis();
        // Rounded up: a client that waits as told finds the picture free, never a second early.
        throw PictureRefused.embargoed(record.id(), until, Math.max(1, (millis + 999) / 1000));
    }

    /**
     * The seconds until {@code record}'s picture becomes public by itself (its embargo's end,
     * rounded up); {@link Long#MAX_VALUE} when it is public already or withheld (no end is known).
     * What caches of a page that leaves it out may be told, so the page shows it once it is free.
     */
    public long secondsUntilOpen(ImageRecord record) {
        ImageMetadata metadata = record.metadata();
        Instant until = metadata.embargoUntil();
        if (metadata.withheld() != null || until == null) {
            return Long.MAX_VALUE;
        }
        long millis = until.toEpochMilli() - clock.millis();
        return millis <= 0 ? Long.MAX_VALUE : (millis + 999) / 1000;
    }
}
