package media.archive.api.usage;

import io.javalin.http.Context;
import java.util.Objects;
import media.archive.contracts.ImageId;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.PublicOrigin;

/**
 * Counts the pictures the public routes served, by the site of each request's {@code Referer},
 * else its {@code Origin}: the spec's "site". A request from the archive's own public origin
 * ({@link PublicOrigin#of}: the desk's thumbnails, the pictures of its own public pages) is the
 * archive looking at itself, not a use, and is left out. A request naming no site costs two
 * header lookups; one naming a site adds {@link UsageCounter}'s map lookup and increment.
 * Thread-safe.
 */
final class PublicRequests implements ServedTo {
    private final UsageCounter counter;
    /** The last own origin seen and its site: the same for every request unless the archive answers to several names. */
    private volatile Own own = new Own("", null);

    PublicRequests(UsageCounter counter) {
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    @Override
    public void served(Context ctx, ImageId id) {
        String site = Sites.of(ctx.header("Referer"), ctx.header("Origin"));
        if (site != null && !site.equals(ownSite(ctx))) {
            counter.add(id, site);
        }
    }

    /** The site of the archive's own origin for this request, or null when it has none. */
    private String ownSite(Context ctx) {
        String origin;
        try {
            origin = PublicOrigin.of(ctx);
        } catch (ApiException e) {
            // A host the archive does not answer to: the server refused the request before any route.
            return null;
        }
        Own last = own;
        if (last.origin.equals(origin)) {
            return last.site;
        }
        // The configured address may have a path and capitals; its site is its scheme, host and port.
        Own next = new Own(origin, Sites.origin(origin));
        own = next;
        return next.site;
    }

    private record Own(String origin, String site) {
    }
}
