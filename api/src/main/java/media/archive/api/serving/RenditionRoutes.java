package media.archive.api.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import media.archive.api.usage.ServedTo;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import media.archive.platform.storage.ObjectStore;
import org.eclipse.jetty.server.HttpOutput;

/**
 * The pictures themselves.
 * <ul>
 *   <li>{@code GET} and {@code HEAD /v1/images/{id}/renditions/{name}[?w=]} (public, ready images):
 *       the rendition, or with {@code ?w=} the same picture at a width of the allow-list, stamped
 *       with the image's current rights ({@link ServedPictures}). The URLs the archive hands out
 *       ({@link ServedSizes}) carry the rights version {@code ?v=}: at the current version the
 *       picture is cacheable for a year (ids name content, the version names the rights); an old
 *       version answers {@code 302} to the current URL; without {@code v} the picture is
 *       cacheable for a minute. Strong {@code ETag} with the version, {@code 304} for a matching
 *       {@code If-None-Match}, open to every origin (CORS and Resource Timing). Hot pictures come
 *       from memory. Browsers whose {@code Accept} lists {@code image/webp} get WebP
 *       ({@code Vary: Accept}).</li>
 *   <li>{@code GET /v1/images/{id}/original} (editor): the uploaded file, never cached by others.</li>
 *   <li>{@code ?download=1} on either: a file to keep, with the image's current caption and credits
 *       written in ({@link Downloads}); never cached, since an edit changes it.</li>
 * </ul>
 * Ids, names and widths are checked before anything is looked up, so hostile paths cost nothing.
 * A removed image answers {@code 410}; a withheld one {@code 451}, one under embargo {@code 403}
 * until it passes ({@link PublicAccess}), conditional requests included. Each picture a {@code GET}
 * answers with {@code 200} or {@code 304} is reported to {@link ServedTo}; refusals, redirects to
 * the current version, {@code HEAD} and downloads (a copy taken away, not a picture shown on a
 * site) are not. Thread-safe.
 */
public final class RenditionRoutes implements Routes {
    /** A year, the longest max-age caches are asked to honour. */
    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    /** A minute: the picture at an URL without its rights version, and the way from an old version to the current one. */
    static final String CACHE_BRIEFLY = "public, max-age=60";

    private final PublishedImages images;
    private final ObjectStore store;
    private final AccessGuard guard;
    private final List<Integer> widths;
    private final ServedPictures pictures;
    private final Downloads downloads = new Downloads();
    private final ServedTo servedTo;

    public RenditionRoutes(PublishedImages images, ObjectStore store, AccessGuard guard, ServingConfig config) {
        this(images, store, guard, config, ServedTo.NOBODY);
    }

    public RenditionRoutes(PublishedImages images, ObjectStore store, AccessGuard guard, ServingConfig config,
                           ServedTo servedTo) {
        this.servedTo = servedTo;
        this.images = images;
        this.store = store;
        this.guard = guard;
        this.widths = config.widths();
        RenditionCache cache = new RenditionCache(config.cacheBytes());
        this.pictures = new ServedPictures(store, cache, config.webp() ? WebpVariants.load(store) : Optional.empty(),
                config.metadata());
        images.onDrop(cache::drop);
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/images/{id}/renditions/{name}", this::rendition);
        app.head("/v1/images/{id}/renditions/{name}", this::rendition);
        app.get("/v1/images/{id}/original", this::original);
    }

    private void rendition(Context ctx) throws IOException {
        ImageId id = ImageIds.fromPath(ctx);
        String name = ctx.pathParam("name");
        if (!ObjectKeys.isRenditionName(name)) {
            throw ApiException.badRequest("a rendition name is a short lower-case word");
        }
        Integer width = width(ctx.queryParam("w"));
        String asked = ctx.queryParam("v");
        if (asked != null && !RenditionRights.wellFormed(asked)) {
            throw ApiException.badRequest("v is the rights version of a picture URL the archive handed out");
        }
        // Before any answer, the 304 and the download included: a refused picture is never
        // confirmed to a client that saw it before.
        ImageRecord record = images.requirePublic(id);
        Rendition rendition = record.rendition(name)
                .orElseThrow(() -> ApiException.notFound("image " + id + " has no rendition " + name));
        // The key comes from an event; only keys under the image's own rendition folder are served,
        // never another object of the bucket.
        if (!rendition.key().startsWith("renditions/" + id.value() + "/" + name + ".")) {
            throw ApiException.notFound("image " + id + " has no rendition " + name);
        }
        String version = RenditionRights.version(record);
        String variant = width == null ? name : "w" + width;
        if (Downloads.requested(ctx.queryParam("download"))) {
            // The rendition's own file, never its WebP variant, whatever the browser accepts: the
            // metadata is written into that file.
            byte[] picture = pictures.get(record, rendition, width, false, version).bytes();
            ctx.header("Access-Control-Allow-Origin", "*");
            downloads.send(ctx, record, variant, picture, width == null ? rendition.contentType() : "image/jpeg");
            return;
        }
        if (asked != null && !asked.equals(version)) {
            // An URL of older rights (an edit since): the current one, for a minute only, since an
            // edit can be undone and the old URL become current again.
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("Timing-Allow-Origin", "*");
            ctx.header("Cache-Control", CACHE_BRIEFLY);
            ctx.header("X-Content-Type-Options", "nosniff");
            // Relative to the request's own path, so it holds behind any proxy prefix.
            ctx.header("Location", name + "?v=" + version + (width == null ? "" : "&w=" + width));
            ctx.status(302);
            return;
        }
        boolean forever = asked != null;
        boolean asWebp = pictures.webp() && acceptsWebp(ctx.header("Accept"));
        String tag = EntityTags.rendition(id.value(), asWebp ? variant + ".webp" : variant, version);
        if (EntityTags.noneMatchHits(ctx.header("If-None-Match"), tag)) {
            cacheable(ctx, tag, forever);
            ctx.status(304);
            if (ctx.method() == HandlerType.GET) {
                servedTo.served(ctx, id);
            }
            return;
        }
        RenditionCache.Body body = pictures.get(record, rendition, width, asWebp, version);
        // Caching headers only once the picture is at hand: an error must not be cached for a year.
        cacheable(ctx, tag, forever);
        send(ctx, body.contentType(), body.bytes().length);
        if (ctx.method() != HandlerType.HEAD) {
            // One write straight to the connection: the bytes are already whole in memory, and
            // the server's result pipeline would copy them through small buffers.
            ServletOutputStream out = ctx.res().getOutputStream();
            if (out instanceof HttpOutput jetty) {
                jetty.write(body.direct().duplicate());
            } else {
                out.write(body.bytes());
            }
            servedTo.served(ctx, id);
        }
    }

    /**
     * The headers of a picture or its confirmation, the same for every origin: for a year at the
     * URL of its rights version ({@code forever}), else for a minute with the tag to revalidate.
     */
    private void cacheable(Context ctx, String tag, boolean forever) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Timing-Allow-Origin", "*");
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", forever ? CACHE_FOREVER : CACHE_BRIEFLY);
        if (pictures.webp()) {
            // The format depends on the Accept header: shared caches must keep one copy per kind of browser.
            ctx.header("Vary", "Accept");
        }
    }

    /** Whether an {@code Accept} header lists {@code image/webp} (and does not refuse it with {@code q=0}). */
    static boolean acceptsWebp(String accept) {
        if (accept == null || accept.length() > 2048) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (parts[0].strip().equalsIgnoreCase("image/webp")) {
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].strip().replace(" ", "");
                    if (param.equals("q=0") || param.matches("q=0\\.0{1,3}")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private void original(Context ctx) {
        ImageId id = ImageIds.fromPath(ctx);
        guard.require(ctx, Role.EDITOR);
        ImageRecord record = images.requireKnown(id);
        String contentType = record.contentType() == null ? "application/octet-stream" : record.contentType();
        if (Downloads.requested(ctx.queryParam("download"))) {
            if (record.bytes() != null && record.bytes() <= Downloads.MAX_WRITTEN_BYTES) {
                byte[] stored = store.readAll(ObjectKeys.original(id))
                        .orElseThrow(() -> originalNotStored(id));
                downloads.send(ctx, record, "original", stored, contentType);
            } else {
                InputStream stored = store.open(ObjectKeys.original(id))
                        .orElseThrow(() -> originalNotStored(id));
                downloads.sendAsStored(ctx, record, "original", stored, contentType, record.bytes() == null ? -1 : record.bytes());
            }
            return;
        }
        InputStream bytes = store.open(ObjectKeys.original(id))
                .orElseThrow(() -> originalNotStored(id));
        ctx.header("Cache-Control", "private, no-store");
        send(ctx, contentType, record.bytes() == null ? -1 : record.bytes());
        ctx.result(bytes);
    }

    private static void send(Context ctx, String contentType, long length) {
        // Image bytes have no charset: clear the text encoding the server sets on every response,
        // which it would otherwise append to the content type.
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(contentType);
        if (length >= 0) {
            ctx.header("Content-Length", Long.toString(length));
        }
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /** The {@code ?w=} width, null when absent; only widths of the allow-list, so sizes cannot be made up. */
    private Integer width(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > 5 || !text.chars().allMatch(Character::isDigit) || text.isEmpty()) {
            throw ApiException.badRequest("w is one of " + widths);
        }
        int width = Integer.parseInt(text);
        if (!widths.contains(width)) {
            throw ApiException.badRequest("w is one of " + widths);
        }
        return width;
    }

    private static ApiException originalNotStored(ImageId id) {
        return ApiException.notFound("the original of image " + id + " is not stored");
    }
}
