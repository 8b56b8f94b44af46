package media.archive.platform.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import media.archive.contracts.Json;
import media.archive.platform.storage.ObjectStore;

/**
 * The archive's API keys. A key is 256 random bits shown once to whoever created it; the
 * archive keeps only its SHA-256 (a key that random needs no slow hash), as the object
 * {@code access-keys/<sha256>} in the bucket every service already reads, so ingest and the
 * api accept the same keys without talking to each other. Lookups are cached briefly.
 * Thread-safe.
 */
public final class AccessKeys {
    private static final String PREFIX = "access-keys/";
    private static final Pattern KEY_SHAPE = Pattern.compile("ak_[A-Za-z0-9_-]{43}");
    private static final Pattern NAME_SHAPE = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,100}");

    private final ObjectStore store;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<Principal>> cache = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();
    private volatile String bootstrapHash;

    public AccessKeys(ObjectStore store) {
        this.store = store;
    }

    /** A key that was just issued: {@code key} is the secret, shown this once. */
    public record IssuedKey(String key, String name, Role role, Instant createdAt) {
    }

    /** What is stored per key (never the key itself). */
    record StoredKey(String name, String role, Instant createdAt) {
    }

    /** Issues a new key for {@code name} with {@code role}. */
    public IssuedKey issue(String name, Role role) {
        if (name == null || !NAME_SHAPE.matcher(name.strip()).matches()) {
            throw new IllegalArgumentException("name must be 1 to 100 letters, digits, spaces or ._@-");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = "ak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        register(key, name.strip(), role, now);
        return new IssuedKey(key, name.strip(), role, now);
    }

    /**
     * Accepts {@code key} as an admin key without storing it: the operator's key from the
     * environment ({@code ARCHIVE_ADMIN_KEY}), which works in every service that is given it.
     */
    public void trustBootstrapKey(String key) {
        bootstrapHash = hash(key);
    }

    /** Stores {@code key} (which the caller made) so every service accepts it. */
    public void register(String key, String name, Role role, Instant createdAt) {
        String hash = hash(key);
        store.putBytes(PREFIX + hash, Json.toBytes(new StoredKey(name, role.label(), createdAt)), "application/json");
        cache.invalidate(hash);
    }

    /** Who holds {@code key}, or empty when it is no key of ours. */
    public Optional<Principal> authenticate(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(key);
        String bootstrap = bootstrapHash;
        if (bootstrap != null && MessageDigest.isEqual(
                bootstrap.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new Principal("admin", Role.ADMIN));
        }
        if (!KEY_SHAPE.matcher(key).matches()) {
            return Optional.empty();
        }
        return cache.get(hash, h -> store.readAll(PREFIX + h)
                .map(bytes -> Json.read(bytes, StoredKey.class))
                .map(stored -> new Principal(stored.name(), Role.parse(stored.role()))));
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
