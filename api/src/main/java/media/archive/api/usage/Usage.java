package media.archive.api.usage;

import java.time.Instant;
import java.util.Objects;
import media.archive.contracts.ImageId;

/**
 * How often picture {@code image} was served to {@code site} between {@code firstSeen} and
 * {@code lastSeen}, summed over the api's replicas.
 */
public record Usage(ImageId image, String site, Instant firstSeen, Instant lastSeen, long count) {
    public Usage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The usage as the picture's record lists it, without the picture. */
    public AtSite atSite() {
        return new AtSite(site, firstSeen, lastSeen, count);
    }

    /** How often a picture was served to {@code site} between {@code firstSeen} and {@code lastSeen}. */
    public record AtSite(String site, Instant firstSeen, Instant lastSeen, long count) {
    }

    /** The most recent first; then by site and image, so that equal times list in one order. */
    static int mostRecentFirst(Usage a, Usage b) {
        int byTime = b.lastSeen.compareTo(a.lastSeen);
        if (byTime != 0) {
            return byTime;
        }
        int bySite = a.site.compareTo(b.site);
        return bySite != 0 ? bySite : a.image.value().compareTo(b.image.value());
    }

    Usage plus(Usage other) {
        return new Usage(image, site, min(firstSeen, other.firstSeen), max(lastSeen, other.lastSeen), count + other.count);
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
