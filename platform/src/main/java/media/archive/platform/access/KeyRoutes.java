package media.archive.platform.access;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import media.archive.contracts.Json;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/**
 * The routes of keys.
 * <ul>
 *   <li>{@code GET /v1/me} (any valid key): {@code {"name","role"}} of the caller's key; how a
 *       page checks the key it was given.</li>
 *   <li>{@code POST /v1/keys} with {@code {"name","role"}} (admin): issues a key; the answer shows it once.</li>
 *   <li>{@code GET /v1/keys} (admin): {@code {"keys":[{"name","role","createdAt"}]}} by name, never a key itself.</li>
 *   <li>{@code DELETE /v1/keys/{name}} (admin): revokes every key of that name, {@code 204}; {@code 404}
 *       when it holds none; {@code 400} for the caller's own name, so an admin cannot lock themselves out.</li>
 * </ul>
 * Thread-safe.
 */
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
        app.get("/v1/me", this::me);
        app.post("/v1/keys", this::issue);
        app.get("/v1/keys", this::list);
        app.delete("/v1/keys/{name}", this::revoke);
    }

    private void me(Context ctx) {
        Principal caller = guard.require(ctx, Role.PHOTOGRAPHER);
        ctx.json(Map.of("name", caller.name(), "role", caller.role().label()));
    }

    private void list(Context ctx) {
        guard.require(ctx, Role.ADMIN);
        List<Map<String, String>> holders = keys.list().stream()
                .map(holder -> Map.of(
                        "name", holder.name(),
                        "role", holder.role().label(),
                        "createdAt", holder.createdAt().toString()))
                .toList();
        ctx.json(Map.of("keys", holders));
    }

    private void revoke(Context ctx) {
        Principal caller = guard.require(ctx, Role.ADMIN);
        String name = ctx.pathParam("name").strip();
        if (name.equals(caller.name())) {
            throw ApiException.badRequest("this is your own key; another admin can revoke it");
        }
        if (keys.revoke(name) == 0) {
            throw ApiException.notFound("no key of " + abbreviate(name));
        }
        ctx.status(204);
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
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
