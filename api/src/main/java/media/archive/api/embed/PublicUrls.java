package media.archive.api.embed;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;
import media.archive.contracts.ImageId;
import media.archive.platform.http.PageUrls;
import media.archive.platform.http.PublicOrigin;

/**
 * The archive's public address: {@code ARCHIVE_PUBLIC_URL} when set, otherwise the origin the
 * server decided for the request ({@link PublicOrigin}: an allowed {@code Host}, or what a
 * trusted proxy forwarded), never a host the client merely named.
 */
final class PublicUrls {
    private final Optional<URI> configured;

    PublicUrls(Optional<URI> configured) {
        this.configured = configured;
    }

    /** The base URL without a trailing slash, {@code https://photos.example.com}. */
    String base(Context ctx) {
        if (configured.isPresent()) {
            return configured.get().toString();
        }
        return PublicOrigin.of(ctx);
    }

    /** The public page of an image. */
    String page(Context ctx, ImageId id) {
        return base(ctx) + "/i/" + id.value();
    }

    /**
     * The image an oEmbed {@code url} names, when it is a page of this archive: same scheme,
     * host and port as the base (http and https both accepted), path {@code /i/<id>}.
     */
    Optional<ImageId> imageOfPage(Context ctx, String url) {
        return PageUrls.nameOfPage(url, base(ctx), "i").filter(ImageId::isValid).map(ImageId::parse);
    }
}
