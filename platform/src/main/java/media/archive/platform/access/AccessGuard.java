package media.archive.platform.access;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import media.archive.platform.http.ApiException;

/**
 * Checks the {@code Authorization: Bearer <key>} of a request: no or unknown key is {@code 401},
 * a key whose role does not allow the action is {@code 403}, a holder who spent a
 * {@linkplain KeyLimits budget} is {@code 429}. Handlers call it first thing, so each route
 * shows which role it needs. Thread-safe.
 */
public final class AccessGuard {
    private final AccessKeys keys;
    private final KeyLimits limits;

    /** A guard that limits no one: for tools and tests. */
    public AccessGuard(AccessKeys keys) {
        this(keys, KeyLimits.none());
    }

    public AccessGuard(AccessKeys keys, KeyLimits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /** {@link #require(Context, Role)}, then spends one request of {@code budget} from the caller's allowance. */
    public Principal require(Context ctx, Role required, KeyLimits.Budget budget) {
        Principal principal = require(ctx, required);
        limits.spend(principal, budget);
        return principal;
    }

    /** The caller, if their key's role allows {@code required}; otherwise throws {@link ApiException}. */
    public Principal require(Context ctx, Role required) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("send your key as 'Authorization: Bearer <key>'");
        }
        Principal principal = keys.authenticate(header.substring(7).strip())
                .orElseThrow(() -> unauthorized("this key is not valid"));
        if (!principal.role().allows(required)) {
            throw new ApiException(403, "forbidden",
                    "a " + principal.role().label() + " key cannot do this; it needs a " + required.label() + " key");
        }
        return principal;
    }

    /**
     * The holder of {@code key} when they log in to a file server as {@code name}: the key must be
     * valid, issued to that name (compared without regard to case, as logins are typed) and allow
     * {@code required}. Empty otherwise, with no hint which part was wrong.
     */
    public Optional<Principal> login(String name, String key, Role required) {
        if (name == null || key == null || key.isBlank()) {
            return Optional.empty();
        }
        return keys.authenticate(key.strip())
                .filter(principal -> principal.name().equalsIgnoreCase(name.strip()))
                .filter(principal -> principal.role().allows(required));
    }

    /** Spends one request of {@code budget} from {@code holder}'s allowance; {@code 429} when spent. */
    public void spend(Principal holder, KeyLimits.Budget budget) {
        limits.spend(holder, budget);
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, Map.of("WWW-Authenticate", "Bearer"));
    }
}
