package media.archive.platform.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import media.archive.contracts.Json;
import media.archive.platform.storage.ObjectStore;
import media.archive.platform.storage.StorageException;

/**
 * The archive's API keys. A key is 256 random bits shown once to whoever created it; the
 * archive keeps only its SHA-256 (a key that random needs no slow hash), as the object
 * {@code access-keys/<sha256>} in the bucket every service already reads, so ingest and the
 * api accept the same keys without talking to each other. Lookups are cached briefly.
 *
 * <p>A revoked key's object is kept, marked revoked, rather than deleted: a stored mark is what
 * keeps the key refused after restarts, and keeps {@link AdminBootstrap} from registering a
 * revoked key again. The service that revokes a key refuses it at once; other services refuse it
 * once their cached lookup expires ({@value #CACHE_MILLIS} ms), without any message between
 * services. That costs one small read of the bucket per key in use per second and service.
 *
 * <p>While the bucket cannot be read, a key seen in the last {@value #STALE_MINUTES} minutes
 * keeps the answer it last had, so that an S3 outage does not lock every editor out of what
 * still works (search, the desk); a key never seen before is then a {@code 503}.
 * Thread-safe.
 */
public final class AccessKeys {
    private static final String PREFIX = "access-keys/";
    private static final Pattern KEY_SHAPE = Pattern.compile("ak_[A-Za-z0-9_-]{43}");
    private static final Pattern NAME_SHAPE = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,100}");
    /** How long a lookup is trusted: the delay before another service refuses a revoked key. */
    static final int CACHE_MILLIS = 900;
    /** How long the last answer for a key stands in while the bucket cannot be read. */
    static final int STALE_MINUTES = 10;

    private final ObjectStore store;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<Principal>> cache = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMillis(CACHE_MILLIS))
            .build();
    private final Cache<String, Optional<Principal>> lastKnown = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(STALE_MINUTES))
            .build();
    private volatile String bootstrapHash;

    public AccessKeys(ObjectStore store) {
        this.store = store;
    }

    /** A key that was just issued: {@code key} is the secret, shown this once. */
    public record IssuedKey(String key, String name, Role role, Instant createdAt) {
    }

    /** A key as admins see it: whose it is, its role and when it was made; never the key itself. */
    public record KeyHolder(String name, Role role, Instant createdAt) {
    }

    /** What is stored per key (never the key itself); {@code revokedAt} null while the key is valid. */
    record StoredKey(String name, String role, Instant createdAt, Instant revokedAt) {
        StoredKey revoked(Instant at) {
            return new StoredKey(name, role, createdAt, at);
        }
    }

    /** A key that was revoked cannot be registered again. */
    public static final class RevokedKeyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RevokedKeyException(String name) {
            super("this key of " + name + " was revoked");
        }
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

    /**
     * Stores {@code key} (which the caller made) so every service accepts it.
     *
     * @throws RevokedKeyException when this key was revoked: it stays refused
     */
    public void register(String key, String name, Role role, Instant createdAt) {
        String hash = hash(key);
        Optional<StoredKey> existing = stored(hash);
        if (existing.isPresent() && existing.get().revokedAt() != null) {
            throw new RevokedKeyException(existing.get().name());
        }
        store.putBytes(PREFIX + hash, Json.toBytes(new StoredKey(name, role.label(), createdAt, null)), "application/json");
        cache.invalidate(hash);
    }

    /** Every valid stored key's holder, by name, then oldest first. The operator's key from the environment is not stored. */
    public List<KeyHolder> list() {
        List<KeyHolder> holders = new ArrayList<>();
        for (String object : store.list(PREFIX)) {
            stored(object.substring(PREFIX.length()))
                    .filter(key -> key.revokedAt() == null)
                    .ifPresent(key -> holders.add(new KeyHolder(key.name(), Role.parse(key.role()), key.createdAt())));
        }
        holders.sort(Comparator.comparing(KeyHolder::name).thenComparing(KeyHolder::createdAt));
        return holders;
    }

    /**
     * Revokes every valid key of {@code name}: each is refused from now on, here at once and in
     * other services within a second, also after restarts.
     *
     * @return how many keys were revoked; 0 when {@code name} holds no valid key
     */
    public int revoke(String name) {
        Instant now = Instant.now();
        int revoked = 0;
        for (String object : store.list(PREFIX)) {
            String hash = object.substring(PREFIX.length());
            Optional<StoredKey> key = stored(hash);
            if (key.isPresent() && key.get().revokedAt() == null && key.get().name().equals(name)) {
                store.putBytes(object, Json.toBytes(key.get().revoked(now)), "application/json");
                cache.invalidate(hash);
                lastKnown.invalidate(hash);
                revoked++;
            }
        }
        return revoked;
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
        return cache.get(hash, this::lookUp);
    }

    private Optional<Principal> lookUp(String hash) {
        Optional<Principal> holder;
        try {
            holder = stored(hash)
                    .filter(stored -> stored.revokedAt() == null)
                    .map(stored -> new Principal(stored.name(), Role.parse(stored.role())));
        } catch (StorageException e) {
            Optional<Principal> known = lastKnown.getIfPresent(hash);
            if (known == null) {
                throw e;
            }
            return known;
        }
        lastKnown.put(hash, holder);
        return holder;
    }

    private Optional<StoredKey> stored(String hash) {
        return store.readAll(PREFIX + hash).map(bytes -> Json.read(bytes, StoredKey.class));
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
