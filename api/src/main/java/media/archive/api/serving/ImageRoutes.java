package media.archive.api.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import media.archive.api.index.ImageIndex;
import media.archive.api.search.InvalidSearchException;
import media.archive.api.search.SearchRequest;
import media.archive.api.search.SearchService;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/**
 * The api's routes.
 * <ul>
 *   <li>{@code GET /v1/images/{id}} (editor): the image's record, whatever its status, with its version as {@code ETag}.</li>
 *   <li>{@code GET /v1/search?q=&sort=&limit=&cursor=} (editor): a page of hits in the search language, with facets.</li>
 * </ul>
 * Ids and names are checked for their shape before anything is looked up, so hostile paths cost
 * nothing. Pictures are served by {@link RenditionRoutes}. Thread-safe.
 */
public final class ImageRoutes implements Routes {
    private final ImageIndex index;
    private final SearchService search;
    private final AccessGuard guard;

    public ImageRoutes(ImageIndex index, SearchService search, AccessGuard guard) {
        this.index = index;
        this.search = search;
        this.guard = guard;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/images/{id}", this::record);
        app.get("/v1/search", this::search);
    }

    private void record(Context ctx) {
        ImageId id = ImageIds.fromPath(ctx);
        guard.require(ctx, Role.EDITOR);
        ImageRecord record = index.find(id).orElseThrow(() -> ApiException.notFound("no image " + id));
        if (ImageRecord.REMOVED.equals(record.status())) {
            throw PublishedImages.gone(id);
        }
        // The version an edit's If-Match names; it changes with every edit.
        ctx.header("ETag", "\"" + record.version() + "\"").json(record);
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
}
