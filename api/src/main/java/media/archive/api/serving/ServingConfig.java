package media.archive.api.serving;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import media.archive.platform.config.Settings;
import media.archive.platform.http.PublicOrigin;

/**
 * How pictures are served to websites.
 *
 * @param widths      the widths {@code ?w=} may ask for, ascending; any other width is refused, so
 *                    nobody can fill the store and the caches with arbitrary sizes
 * @param cacheBytes  the byte budget of the in-memory cache of hot renditions
 * @param publicUrl   the archive's address as websites see it ({@code https://photos.example.com}),
 *                    without a trailing slash; empty to derive it from each request
 * @param providerName the name oEmbed and Open Graph give for the archive
 * @param webp        whether browsers that accept WebP get it (when the encoder works here)
 * @param metadata    what every served picture carries: its rights (the default), nothing, or also caption and keywords
 */
public record ServingConfig(List<Integer> widths, long cacheBytes, Optional<URI> publicUrl, String providerName,
                            boolean webp, RenditionMetadata metadata) {
    public static final List<Integer> DEFAULT_WIDTHS = List.of(320, 480, 640, 800, 1280, 1600);
    public static final long DEFAULT_CACHE_BYTES = 256L * 1024 * 1024;

    public ServingConfig {
        widths = widths.stream().sorted().distinct().toList();
        for (int width : widths) {
            if (width < 16 || width > 8192) {
                throw new IllegalArgumentException("a served width is between 16 and 8192 pixels, not " + width);
            }
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("the cache budget cannot be negative");
        }
        publicUrl.ifPresent(url -> {
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawPath().endsWith("/")) {
                throw new IllegalArgumentException("the public URL is http(s)://host[:port][/path] without a trailing slash, not " + url);
            }
        });
        if (providerName == null || providerName.isBlank()) {
            throw new IllegalArgumentException("the provider name is needed");
        }
        java.util.Objects.requireNonNull(metadata, "metadata");
    }

    /** The defaults: every width of {@link #DEFAULT_WIDTHS}, 256 MiB of cache, the URL from each request, rights in every picture. */
    public static ServingConfig defaults() {
        return new ServingConfig(DEFAULT_WIDTHS, DEFAULT_CACHE_BYTES, Optional.empty(), "Media archive", true,
                RenditionMetadata.RIGHTS);
    }

    public static ServingConfig from(Settings settings) {
        List<String> widths = settings.list("API_RENDITION_WIDTHS", DEFAULT_WIDTHS.stream().map(String::valueOf).toList(),
                "widths in pixels that ?w= may ask a rendition in, comma-separated");
        List<Integer> parsed;
        try {
            parsed = widths.stream().map(String::strip).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new Settings.InvalidSettingException("API_RENDITION_WIDTHS", "widths are whole numbers: " + widths);
        }
        long cache = settings.longValue("API_RENDITION_CACHE_BYTES", DEFAULT_CACHE_BYTES, 0, Long.MAX_VALUE,
                "bytes of memory for hot renditions; the others stream from S3");
        Optional<URI> url = PublicOrigin.publicUrl(settings);
        String name = settings.text("ARCHIVE_PUBLIC_NAME", "Media archive", "the archive's name in oEmbed answers and page titles");
        boolean webp = settings.flag("API_WEBP", true, "serve WebP to browsers that accept it (JPEG to the others)");
        String metadataText = settings.text("API_RENDITION_METADATA", "rights",
                "what every served picture carries: rights (creator, credit, copyright, licence), none, or full (also caption and keywords)");
        RenditionMetadata metadata;
        try {
            metadata = RenditionMetadata.parse(metadataText);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("API_RENDITION_METADATA", e.getMessage());
        }
        try {
            return new ServingConfig(parsed, cache, url, name, webp, metadata);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("API_RENDITION_WIDTHS / ARCHIVE_PUBLIC_URL", e.getMessage());
        }
    }
}
