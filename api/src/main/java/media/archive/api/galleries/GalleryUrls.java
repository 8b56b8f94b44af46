package media.archive.api.galleries;

import java.util.Optional;
import media.archive.contracts.GalleryId;
import media.archive.platform.http.PageUrls;

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
        return PageUrls.nameOfPage(url, base, "g").filter(GalleryId::isValid).map(GalleryId::parse);
    }
}
