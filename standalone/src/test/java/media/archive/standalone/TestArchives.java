package media.archive.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import media.archive.platform.config.Settings;

/** What the archive's end-to-end tests share: starting the archive as {@code ./archive run} does, waiting, fixtures. */
final class TestArchives {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TestArchives() {
    }

    /** The whole archive on {@code data}, on a free loopback port, once it is ready. */
    static StandaloneArchive start(Path data) throws InterruptedException {
        return start(data, Map.of());
    }

    /** The whole archive on {@code data} with {@code more} settings, on a free loopback port, once it is ready. */
    static StandaloneArchive start(Path data, Map<String, String> more) throws InterruptedException {
        Settings settings = Settings.of(Map.of(
                "ARCHIVE_DATA_DIR", data.toString(),
                "ARCHIVE_HTTP_PORT", "0",
                "ARCHIVE_HTTP_HOST", "127.0.0.1")).with(more);
        StandaloneArchive archive = new StandaloneArchive(StandaloneConfig.from(settings), settings).start();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!archive.isReady()) {
            if (System.nanoTime() > deadline) {
                archive.close();
                throw new AssertionError("the archive did not become ready within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        return archive;
    }

    /** Asks {@code probe} until {@code done} holds or a minute passed; returns the last answer either way. */
    static <T> T waitFor(Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = probe.get();
        }
        return last;
    }

    /** The bytes of a test resource. */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = TestArchives.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
