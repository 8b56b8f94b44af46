package media.archive.api.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name this api replica publishes its usage totals under: 16 random hex digits, made on the
 * first start and kept in a file, so that a restart goes on with the same totals. Two replicas
 * must not share the file (a copied data directory would make them overwrite each other's
 * totals); a replica whose file is lost starts new totals beside its old ones, which still count.
 */
final class ReplicaName {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-z-]{1,64}");

    private ReplicaName() {
    }

    /** The name kept in {@code file}, made and written there (atomically) when there is none. */
    static String of(Path file) {
        try {
            if (Files.exists(file)) {
                String name = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (SHAPE.matcher(name).matches()) {
                    return name;
                }
                throw new IllegalStateException(file + " holds no replica name; delete it to make a new one");
            }
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            String name = HexFormat.of().formatHex(random);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".usage-replica", ".tmp");
            Files.writeString(temporary, name + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the replica's name in " + file, e);
        }
    }
}
