package media.archive.api.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import media.archive.api.index.ImageIndex;
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
 * </ul>
 * Ids and names are checked for their shape before anything is looked up, so hostile paths cost
 * nothing. Pictures are served by {@link RenditionRoutes}, searches by
 * {@link media.archive.api.search.SearchRoutes}. Thread-safe.
 */
public final class ImageRoutes implements Routes {
    private final ImageIndex index;
    private final AccessGuard guard;

    public ImageRoutes(ImageIndex index, AccessGuard guard) {
        this.index = index;
        this.guard = guard;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/images/{id}", this::record);
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
}
