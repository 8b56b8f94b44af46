package media.archive.platform.access;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import media.archive.contracts.Json;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/** {@code POST /v1/keys} with {@code {"name","role"}}: an admin issues a key; the answer shows it once. */
public final class KeyRoutes implements Routes {
    private final AccessKeys keys;
    private final AccessGuard guard;

    public KeyRoutes(AccessKeys keys, AccessGuard guard) {
        this.keys = keys;
        this.guard = guard;
    }

    record KeyRequest(String name, String role) {
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/keys", this::issue);
    }

    private void issue(Context ctx) {
        guard.require(ctx, Role.ADMIN);
        KeyRequest request;
        try {
            request = Json.read(ctx.bodyAsBytes(), KeyRequest.class);
        } catch (Json.MalformedJsonException e) {
            throw ApiException.badRequest("send JSON {\"name\": \"...\", \"role\": \"photographer|editor|admin\"}");
        }
        if (request == null || request.name() == null || request.role() == null) {
            throw ApiException.badRequest("both name and role are required");
        }
        Role role;
        try {
            role = Role.parse(request.role());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        AccessKeys.IssuedKey issued;
        try {
            issued = keys.issue(request.name(), role);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.status(201).json(Map.of(
                "key", issued.key(),
                "name", issued.name(),
                "role", issued.role().label(),
                "createdAt", issued.createdAt().toString()));
    }
}
