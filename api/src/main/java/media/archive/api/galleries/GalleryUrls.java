package media.archive.api.galleries;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import media.archive.contracts.GalleryId;

/** The addresses of a gallery under the archive's public base, and the gallery an oEmbed {@code url} names. */
final class GalleryUrls {
    private GalleryUrls() {
    }

    /** The gallery's public page, {@code <base>/g/<id>}. */
    static String page(String base, GalleryId id) {
        return base + "/g/" + id.value();
    }

    /** The HTML to paste, {@code <base>/v1/galleries/<id>/embed}. */
    static String embed(String base, GalleryId id) {
        return base + "/v1/galleries/" + id.value() + "/embed";
    }

    /**
     * The gallery {@code url} names when it is a gallery page of the archive at {@code base}: same
     * host and port (http or https), path {@code /g/<id>}, no user info. Nothing is fetched.
     */
    static Optional<GalleryId> galleryOfPage(String url, String base) {
        if (url == null || url.length() > 2048) {
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
        String prefix = (ours.getRawPath() == null ? "" : ours.getRawPath()) + "/g/";
        String path = given.getRawPath();
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = path.substring(prefix.length());
        if (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return GalleryId.isValid(id) ? Optional.of(GalleryId.parse(id)) : Optional.empty();
    }
}
