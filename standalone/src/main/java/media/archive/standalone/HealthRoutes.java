package media.archive.standalone;

import io.javalin.Javalin;
import java.util.Map;
import java.util.function.BooleanSupplier;
import media.archive.platform.http.Routes;

/** {@code GET /health/ready}: 200 once every part is up and the index caught up, 503 until then. */
final class HealthRoutes implements Routes {
    private final BooleanSupplier ready;

    HealthRoutes(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
        app.get("/health/ready", ctx -> {
            if (ready.getAsBoolean()) {
                ctx.json(Map.of("status", "ready"));
            } else {
                ctx.status(503).header("Retry-After", "1").json(Map.of("status", "starting"));
            }
        });
    }
}
