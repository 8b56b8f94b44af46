package media.archive.api.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
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
 *       the rendition, or with {@code ?w=} the same picture at a width of the allow-list. Cacheable
 *       for a year (a picture at an URL never changes: ids name content), strong {@code ETag},
 *       {@code 304} for a matching {@code If-None-Match}, open to every origin (CORS and Resource
 *       Timing). Hot pictures come from memory, the others stream from S3. Browsers whose
 *       {@code Accept} lists {@code image/webp} get WebP ({@code Vary: Accept}).</li>
 *   <li>{@code GET /v1/images/{id}/original} (editor): the uploaded file, never cached by others.</li>
 *   <li>{@code ?download=1} on either: a file to keep, with the image's current caption and credits
 *       written in ({@link Downloads}); never cached, since an edit changes it.</li>
 * </ul>
 * Ids, names and widths are checked before anything is looked up, so hostile paths cost nothing.
 * A removed image answers {@code 410}. Thread-safe.
 */
public final class RenditionRoutes implements Routes {
    /** A year, the longest max-age caches are asked to honour. */
    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final PublishedImages images;
    private final ObjectStore store;
    private final AccessGuard guard;
    private final List<Integer> widths;
    private final RenditionCache cache;
    private final WidthVariants variants;
    private final Optional<WebpVariants> webp;
    private final Downloads downloads = new Downloads();

    public RenditionRoutes(PublishedImages images, ObjectStore store, AccessGuard guard, ServingConfig config) {
        this.images = images;
        this.store = store;
        this.guard = guard;
        this.widths = config.widths();
        this.cache = new RenditionCache(config.cacheBytes());
        this.variants = new WidthVariants(store);
        this.webp = config.webp() ? WebpVariants.load(store) : Optional.empty();
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
        ImageRecord record = images.requireReady(id);
        Rendition rendition = record.rendition(name)
                .orElseThrow(() -> ApiException.notFound("image " + id + " has no rendition " + name));
        // The key comes from an event; only keys under the image's own rendition folder are served,
        // never another object of the bucket.
        if (!rendition.key().startsWith("renditions/" + id.value() + "/" + name + ".")) {
            throw ApiException.notFound("image " + id + " has no rendition " + name);
        }
        String variant = width == null ? name : "w" + width;
        if (Downloads.requested(ctx.queryParam("download"))) {
            // The rendition's own file, never its WebP variant, whatever the browser accepts: the
            // metadata is written into that file.
            RenditionCache.Body hot = cache.getIfPresent(new RenditionCache.Key(id, variant, "jpg"));
            byte[] stored = hot != null ? hot.bytes() : jpegBytes(record, rendition, width);
            ctx.header("Access-Control-Allow-Origin", "*");
            downloads.send(ctx, record, variant, stored, width == null ? rendition.contentType() : "image/jpeg");
            return;
        }
        boolean asWebp = webp.isPresent() && acceptsWebp(ctx.header("Accept"));
        String tag = EntityTags.rendition(id.value(), asWebp ? variant + ".webp" : variant);
        if (EntityTags.noneMatchHits(ctx.header("If-None-Match"), tag)) {
            cacheable(ctx, tag);
            ctx.status(304);
            return;
        }
        RenditionCache.Key key = new RenditionCache.Key(id, variant, "jpg");
        RenditionCache.Body body = cache.getIfPresent(key);
        if (asWebp) {
            RenditionCache.Body jpeg = body;
            body = cache.get(new RenditionCache.Key(id, variant, "webp"), k -> webp.get().webp(record, variant,
                    () -> jpeg != null ? jpeg.bytes() : jpegBytes(record, rendition, width)));
        } else if (body == null && width != null) {
            body = cache.get(key, k -> variants.jpeg(record, width));
        } else if (body == null && cache.worthKeeping(key, rendition.bytes())) {
            body = cache.get(key, k -> new RenditionCache.Body(readRendition(rendition), rendition.contentType()));
        }
        boolean head = ctx.method() == HandlerType.HEAD;
        InputStream stream = null;
        if (body == null && !head) {
            stream = store.open(rendition.key())
                    .orElseThrow(() -> ApiException.notFound("image " + id + " has no rendition " + name));
        }
        // Caching headers only once the picture is at hand: an error must not be cached for a year.
        cacheable(ctx, tag);
        if (body != null) {
            send(ctx, body.contentType(), body.bytes().length);
            if (!head) {
                // One write straight to the connection: the bytes are already whole in memory, and
                // the server's result pipeline would copy them through small buffers.
                ServletOutputStream out = ctx.res().getOutputStream();
                if (out instanceof HttpOutput jetty) {
                    jetty.write(body.direct().duplicate());
                } else {
                    out.write(body.bytes());
                }
            }
            return;
        }
        send(ctx, rendition.contentType(), rendition.bytes());
        if (stream != null) {
            ctx.result(stream);
        }
    }

    /** The headers of a picture or its confirmation: the same for every origin, for a year. */
    private void cacheable(Context ctx, String tag) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Timing-Allow-Origin", "*");
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", CACHE_FOREVER);
        if (webp.isPresent()) {
            // The format depends on the Accept header: shared caches must keep one copy per kind of browser.
            ctx.header("Vary", "Accept");
        }
    }

    private byte[] jpegBytes(ImageRecord record, Rendition rendition, Integer width) {
        if (width == null) {
            return readRendition(rendition);
        }
        return cache.get(new RenditionCache.Key(record.id(), "w" + width, "jpg"), k -> variants.jpeg(record, width)).bytes();
    }

    private byte[] readRendition(Rendition rendition) {
        return store.readAll(rendition.key())
                .orElseThrow(() -> ApiException.notFound("rendition " + rendition.name() + " is not stored"));
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
