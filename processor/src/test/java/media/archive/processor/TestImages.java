package media.archive.processor;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The real image files under {@code src/test/resources/images}; see the README there for their sources. */
public final class TestImages {
    private TestImages() {
    }

    public static Path path(String name) {
        URL url = TestImages.class.getResource("/images/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test image " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
