package media.archive.platform.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Reads which page of the archive a URL names, as oEmbed asks (its {@code url} parameter): the
 * same host and port as the archive's public base, http or https, no user info, the path
 * {@code <base path>/<section>/<name>}. The URL is only parsed, never fetched. Thread-safe (no state).
 */
public final class PageUrls {
    /** Longer URLs name no page of the archive and are not parsed. */
    private static final int MAX_LENGTH = 2048;

    private PageUrls() {
    }

    /**
     * The name {@code url} gives under {@code section} ({@code "i"} for images, {@code "g"} for
     * galleries) when it is a page of the archive at {@code base}; empty otherwise. The name is
     * as written (one trailing slash dropped): the caller checks it is an id.
     */
    public static Optional<String> nameOfPage(String url, String base, String section) {
        if (url == null || url.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI given;
        URI ours;
        try {
            given = new URI(url);
            ours = new URI(base);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (given.getHost() == null || given.getScheme() == null || given.getRawPath() == null
                || !given.getHost().equalsIgnoreCase(ours.getHost())
                || given.getPort() != ours.getPort()
                || !(given.getScheme().equals("http") || given.getScheme().equals("https"))
                || given.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String prefix = (ours.getRawPath() == null ? "" : ours.getRawPath()) + "/" + section + "/";
        String path = given.getRawPath();
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = path.substring(prefix.length());
        return Optional.of(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
    }
}
