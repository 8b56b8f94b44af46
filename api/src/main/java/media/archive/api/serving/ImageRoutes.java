package media.archive.api.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.InputStream;
import media.archive.api.index.ImageIndex;
import media.archive.api.search.InvalidSearchException;
import media.archive.api.search.SearchRequest;
import media.archive.api.search.SearchService;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import media.archive.platform.storage.ObjectStore;

/**
 * The api's routes.
 * <ul>
 *   <li>{@code GET /v1/images/{id}} (editor): the image's record, whatever its status.</li>
 *   <li>{@code GET /v1/search?q=&sort=&limit=&cursor=} (editor): a page of hits in the search language, with facets.</li>
 *   <li>{@code GET /v1/images/{id}/renditions/{name}} (public): the rendition's bytes, cacheable
 *       forever, with a strong {@code ETag} and {@code 304} for a matching {@code If-None-Match}.</li>
 * </ul>
 * Ids and names are checked for their shape before anything is looked up, so hostile paths cost
 * nothing. Thread-safe.
 */
public final class ImageRoutes implements Routes {
    /** A year, the longest max-age caches are asked to honour. */
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final ImageIndex index;
    private final SearchService search;
    private final ObjectStore store;
    private final AccessGuard guard;

    public ImageRoutes(ImageIndex index, SearchService search, ObjectStore store, AccessGuard guard) {
        this.index = index;
        this.search = search;
        this.store = store;
        this.guard = guard;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/images/{id}", this::record);
        app.get("/v1/images/{id}/renditions/{name}", this::rendition);
        app.get("/v1/search", this::search);
    }

    private void record(Context ctx) {
        ImageId id = imageId(ctx);
        guard.require(ctx, Role.EDITOR);
        ImageRecord record = index.find(id).orElseThrow(() -> ApiException.notFound("no image " + id));
        ctx.json(record);
    }

    private void search(Context ctx) {
        guard.require(ctx, Role.EDITOR);
        SearchRequest request;
        try {
            request = SearchRequest.of(ctx.queryParam("q"), ctx.queryParam("sort"), ctx.queryParam("limit"), ctx.queryParam("cursor"));
        } catch (InvalidSearchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            ctx.json(search.search(request));
        } catch (InvalidSearchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void rendition(Context ctx) {
        ImageId id = imageId(ctx);
        String name = ctx.pathParam("name");
        if (!ObjectKeys.isRenditionName(name)) {
            throw ApiException.badRequest("a rendition name is a short lower-case word");
        }
        ImageRecord record = index.find(id).orElseThrow(() -> ApiException.notFound("no image " + id));
        if (!ImageRecord.READY.equals(record.status())) {
            throw ApiException.notFound("image " + id + " has no renditions: it is " + record.status());
        }
        Rendition rendition = record.rendition(name)
                .orElseThrow(() -> ApiException.notFound("image " + id + " has no rendition " + name));
        // The key comes from an event; only keys under the image's own rendition folder are served,
        // never another object of the bucket.
        if (!rendition.key().startsWith("renditions/" + id.value() + "/" + name + ".")) {
            throw ApiException.notFound("image " + id + " has no rendition " + name);
        }
        String tag = EntityTags.rendition(id.value(), name);
        if (EntityTags.noneMatchHits(ctx.header("If-None-Match"), tag)) {
            ctx.header("ETag", tag).header("Cache-Control", CACHE_FOREVER).status(304);
            return;
        }
        InputStream bytes = store.open(rendition.key())
                .orElseThrow(() -> ApiException.notFound("image " + id + " has no rendition " + name));
        // Caching headers only on success: an error must not be cached for a year.
        ctx.header("ETag", tag).header("Cache-Control", CACHE_FOREVER);
        // Image bytes have no charset: clear the text encoding the server sets on every response,
        // which it would otherwise append to the content type.
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(rendition.contentType());
        ctx.header("Content-Length", Long.toString(rendition.bytes()));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(bytes);
    }

    private static ImageId imageId(Context ctx) {
        String text = ctx.pathParam("id");
        if (!ImageId.isValid(text)) {
            throw ApiException.badRequest("an image id is 64 lower-case hex digits");
        }
        return ImageId.parse(text);
    }
}
