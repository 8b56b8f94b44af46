package media.archive.api.serving;

import io.javalin.http.Context;
import media.archive.contracts.ImageId;
import media.archive.platform.http.ApiException;

/**
 * The image id of a route's {@code {id}} path segment, checked for its shape before anything is
 * looked up (so a hostile path costs nothing): the one place routes parse ids.
 */
public final class ImageIds {
    private ImageIds() {
    }

    /** The id in {@code ctx}'s {@code {id}} path parameter; {@code 400} when it is not 64 lower-case hex digits. */
    public static ImageId fromPath(Context ctx) {
        String text = ctx.pathParam("id");
        if (!ImageId.isValid(text)) {
            throw ApiException.badRequest("an image id is 64 lower-case hex digits");
        }
        return ImageId.parse(text);
    }
}
