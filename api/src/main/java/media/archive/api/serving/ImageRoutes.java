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
 *   <li>{@code GET /v1/images/{id}} (editor): the image's record, whatever its status.</li>
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
        ImageId id = imageId(ctx);
        guard.require(ctx, Role.EDITOR);
        ImageRecord record = index.find(id).orElseThrow(() -> ApiException.notFound("no image " + id));
        if (ImageRecord.REMOVED.equals(record.status())) {
            throw PublishedImages.gone(id);
        }
        ctx.json(record);
    }

    private static ImageId imageId(Context ctx) {
        String text = ctx.pathParam("id");
        if (!ImageId.isValid(text)) {
            throw ApiException.badRequest("an image id is 64 lower-case hex digits");
        }
        return ImageId.parse(text);
    }
}
