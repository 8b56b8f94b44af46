package media.archive.api.embed;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import media.archive.contracts.ImageId;

/**
 * The archive's public address: {@code ARCHIVE_PUBLIC_URL} when set, otherwise the scheme and
 * {@code Host} of the request (checked for its shape, since it is the client's to choose).
 */
final class PublicUrls {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    private final Optional<URI> configured;

    PublicUrls(Optional<URI> configured) {
        this.configured = configured;
    }

    /** The base URL without a trailing slash, {@code https://photos.example.com}. */
    String base(Context ctx) {
        if (configured.isPresent()) {
            return configured.get().toString();
        }
        String host = ctx.header("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return ctx.scheme() + "://" + host;
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
        if (url == null || url.length() > 2048) {
            return Optional.empty();
        }
        URI given;
        URI base;
        try {
            given = new URI(url);
            base = new URI(base(ctx));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        if (given.getHost() == null || given.getScheme() == null || given.getRawPath() == null
                || !given.getHost().equalsIgnoreCase(base.getHost())
                || given.getPort() != base.getPort()
                || !(given.getScheme().equals("http") || given.getScheme().equals("https"))
                || given.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String prefix = (base.getRawPath() == null ? "" : base.getRawPath()) + "/i/";
        String path = given.getRawPath();
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = path.substring(prefix.length());
        if (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return ImageId.isValid(id) ? Optional.of(ImageId.parse(id)) : Optional.empty();
    }
}
