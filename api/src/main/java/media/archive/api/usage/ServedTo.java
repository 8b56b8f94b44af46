package media.archive.api.usage;

import io.javalin.http.Context;
import media.archive.contracts.ImageId;

/**
 * Where a public route reports each picture it answered, so that usage can be counted: once per
 * picture of a response that was served (a {@code 200}, or a {@code 304} to a revalidation, which
 * is a use too), never for a refusal, which the route throws before it gets here. Runs on the
 * serving path: implementations are cheap, do not block and do not throw. Thread-safe.
 */
@FunctionalInterface
public interface ServedTo {
    /** Counts nothing: for routes built without usage tracking (tests, tools). */
    ServedTo NOBODY = (ctx, id) -> {
    };

    /** Picture {@code id} was served in the answer to {@code ctx}. */
    void served(Context ctx, ImageId id);
}
