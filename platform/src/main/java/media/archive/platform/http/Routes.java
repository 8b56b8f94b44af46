package media.archive.platform.http;

import io.javalin.Javalin;

/**
 * A service's HTTP routes as a plain object: its own program and the one-process launcher add
 * the same routes to their server, and tests do the same.
 */
@FunctionalInterface
public interface Routes {
    void addTo(Javalin app);
}
