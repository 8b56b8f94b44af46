package media.archive.platform.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes sure an operator can always act as admin: the key in {@code ARCHIVE_ADMIN_KEY} when it
 * is set, otherwise a key generated on first start and kept in {@code <data>/admin.key}
 * (readable by its owner only) so it survives restarts. When that key was revoked, a new one
 * replaces it in the file.
 */
public final class AdminBootstrap {
    private AdminBootstrap() {
    }

    /**
     * Sets up the admin key. Returns the key when it was generated just now (the caller prints
     * it once), or empty when it came from the environment or an earlier start.
     */
    public static Optional<String> ensureAdminKey(AccessKeys keys, Optional<String> fromEnvironment, Path dataDir) {
        if (fromEnvironment.isPresent()) {
            keys.trustBootstrapKey(fromEnvironment.get());
            return Optional.empty();
        }
        Path file = dataDir.resolve("admin.key");
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                try {
                    // Re-register: the bucket may be new (external S3 pointed elsewhere) while the file stayed.
                    keys.register(key, "admin", Role.ADMIN, Instant.now());
                    return Optional.empty();
                } catch (AccessKeys.RevokedKeyException e) {
                    // An admin revoked it; whoever reads this directory is the operator, who gets a new one.
                }
            }
            String key = keys.issue("admin", Role.ADMIN).key();
            SecretFiles.write(file, (key + "\n").getBytes(StandardCharsets.UTF_8));
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin key in " + file, e);
        }
    }
}
