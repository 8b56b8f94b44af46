package media.archive.api.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import media.archive.api.index.ImageIndex;
import media.archive.api.usage.Usage;
import media.archive.api.usage.Usages;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/**
 * The api's routes.
 * <ul>
 *   <li>{@code GET /v1/images/{id}} (editor): the image's record, whatever its status, with its version as
 *       {@code ETag}, and {@code usages}: where it is used ({@link Usages}), most recent first, {@code []}
 *       when nowhere. Usage is not part of the record in the contracts: it is counted by the api, read
 *       from its own topic, and changes without an edit, so it changes neither the record nor its version.</li>
 * </ul>
 * Ids and names are checked for their shape before anything is looked up, so hostile paths cost
 * nothing. Pictures are served by {@link RenditionRoutes}, searches by
 * {@link media.archive.api.search.SearchRoutes}. Thread-safe.
 */
public final class ImageRoutes implements Routes {
    private final ImageIndex index;
    private final AccessGuard guard;
    private final Usages usages;

    public ImageRoutes(ImageIndex index, AccessGuard guard) {
        this(index, guard, Usages.NONE);
    }

    public ImageRoutes(ImageIndex index, AccessGuard guard, Usages usages) {
        this.index = index;
        this.guard = guard;
        this.usages = usages;
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
        ObjectNode body = Json.mapper().valueToTree(record);
        body.set("usages", Json.mapper().valueToTree(usages.of(id).stream().map(Usage::atSite).toList()));
        ctx.header("ETag", "\"" + record.version() + "\"").json(body);
    }
}
