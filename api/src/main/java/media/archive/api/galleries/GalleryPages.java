package media.archive.api.galleries;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import media.archive.api.embed.Embed;
import media.archive.api.embed.EmbedRoutes;
import media.archive.api.html.HtmlText;
import media.archive.api.serving.PublishedImages;
import media.archive.api.serving.ServedSizes;
import media.archive.api.serving.ServingConfig;
import media.archive.api.usage.ServedTo;
import media.archive.contracts.GalleryEvent;
import media.archive.contracts.GalleryId;
import media.archive.contracts.GalleryItem;
import media.archive.contracts.GallerySaved;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.platform.http.ApiException;

/**
 * What websites get of a gallery, without a key: the HTML to paste (one {@code <section lang>}
 * holding a {@code <figure>} per picture, each the single-image embed's figure captioned with the
 * item's caption and the credit in the gallery's language), the public page ({@code /g/<id>}, with
 * Open Graph and Twitter card tags from the first picture and oEmbed discovery), and the
 * <a href="https://oembed.com/">oEmbed</a> {@code rich} answer for that page. Only pictures the
 * public may see are shown: an item whose image is not ready or was removed is left out, and comes
 * back when it is served again. Every text is the editors' or the files', so all of it is escaped.
 * Each picture an answer shows is reported to {@link ServedTo}, as the single-image embed reports
 * its one. Thread-safe.
 */
public final class GalleryPages implements EmbedRoutes.OEmbedPages {
    /** How long websites may keep a gallery: editors reorder and correct them while a story runs. */
    static final int CACHE_SECONDS = 300;

    private final GalleryView view;
    private final PublishedImages images;
    private final List<Integer> widths;
    private final String providerName;
    private final ServedTo servedTo;

    public GalleryPages(GalleryView view, PublishedImages images, ServingConfig config, ServedTo servedTo) {
        this.view = view;
        this.servedTo = servedTo;
        this.images = images;
        this.widths = config.widths();
        this.providerName = config.providerName();
    }

    /** The gallery the public may see; {@code 404} when there is none, {@code 410} when it was deleted. */
    GallerySaved requirePublic(GalleryId id) {
        GalleryEvent event = view.find(id).orElseThrow(() -> ApiException.notFound("no gallery " + id));
        if (event instanceof GallerySaved saved) {
            return saved;
        }
        throw new ApiException(410, "gone", "gallery " + id + " was deleted");
    }

    /** The figures of the items the public may see, in the gallery's order. */
    List<Embed> figures(GallerySaved gallery, String base) {
        List<Embed> figures = new ArrayList<>();
        for (GalleryItem item : gallery.items()) {
            publicRecord(item).ifPresent(record -> figures.add(Embed.captioned(record, base, widths, item.caption(),
                    GalleryCredit.shown(gallery.language(), record.metadata(), item.creditLine()))));
        }
        return figures;
    }

    /** Reports each picture of {@code figures} as served in the answer to {@code ctx}. */
    void shown(Context ctx, List<Embed> figures) {
        for (Embed figure : figures) {
            servedTo.served(ctx, ImageId.parse(figure.id()));
        }
    }

    /** The HTML to paste: one root element in the gallery's language holding every figure. */
    String embed(GallerySaved gallery, List<Embed> figures) {
        StringBuilder html = new StringBuilder(2048 * (figures.size() + 1));
        html.append("<section class=\"archive-gallery\" lang=\"").append(HtmlText.escape(gallery.language()))
                .append("\" aria-label=\"").append(HtmlText.escape(gallery.title())).append("\">");
        figures.forEach(figure -> html.append(figure.html()));
        html.append("</section>");
        return html.toString();
    }

    /** The gallery's public page, showing {@code figures} ({@link #figures}). */
    String page(GallerySaved gallery, List<Embed> figures, String base) {
        String page = GalleryUrls.page(base, gallery.id());
        String title = gallery.title();
        String description = gallery.intro() != null ? gallery.intro()
                : figures.isEmpty() || figures.get(0).caption() == null ? "" : figures.get(0).caption();
        String oembed = base + "/oembed?format=json&url=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
        StringBuilder html = new StringBuilder(4096 + 2048 * figures.size());
        html.append("<!doctype html>\n<html lang=\"").append(HtmlText.escape(gallery.language())).append("\"><head><meta charset=\"utf-8\">\n");
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.append("<title>").append(HtmlText.escape(title)).append(" | ").append(HtmlText.escape(providerName)).append("</title>\n");
        html.append("<link rel=\"canonical\" href=\"").append(HtmlText.escape(page)).append("\">\n");
        html.append("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"").append(HtmlText.escape(oembed))
                .append("\" title=\"").append(HtmlText.escape(title)).append("\">\n");
        meta(html, "property", "og:type", "article");
        meta(html, "property", "og:site_name", providerName);
        meta(html, "property", "og:url", page);
        meta(html, "property", "og:title", title);
        meta(html, "property", "og:description", description);
        meta(html, "name", "twitter:card", figures.isEmpty() ? "summary" : "summary_large_image");
        meta(html, "name", "twitter:title", title);
        meta(html, "name", "twitter:description", description);
        if (!figures.isEmpty()) {
            Embed first = figures.get(0);
            meta(html, "property", "og:image", first.src());
            meta(html, "property", "og:image:width", Integer.toString(first.width()));
            meta(html, "property", "og:image:height", Integer.toString(first.height()));
            meta(html, "property", "og:image:alt", first.alt());
            meta(html, "name", "twitter:image", first.src());
            meta(html, "name", "twitter:image:alt", first.alt());
        }
        html.append("<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}")
                .append(".archive-gallery figure{margin:0 0 2rem}figcaption{margin-top:.5rem;color:#333}")
                .append(".archive-credit{color:#666}</style>\n");
        html.append("</head><body>\n<h1>").append(HtmlText.escape(title)).append("</h1>\n");
        if (gallery.intro() != null) {
            html.append("<p class=\"archive-gallery-intro\">").append(HtmlText.escape(gallery.intro())).append("</p>\n");
        }
        html.append(embed(gallery, figures)).append("\n</body></html>\n");
        return html.toString();
    }

    /** The oEmbed answer for {@code url} when it is a gallery page of this archive (see {@link EmbedRoutes.OEmbedPages}). */
    @Override
    public boolean answer(Context ctx, String url, String base, Integer maxWidth, Integer maxHeight) {
        Optional<GalleryId> id = GalleryUrls.galleryOfPage(url, base);
        if (id.isEmpty()) {
            return false;
        }
        GallerySaved gallery = requirePublic(id.get());
        List<Embed> figures = figures(gallery, base);
        // The figures are fluid (width 100%, up to their picture's): the widest one, within maxwidth.
        int widest = figures.stream().mapToInt(Embed::width).max().orElse(0);
        int width = maxWidth == null ? widest : Math.min(widest, maxWidth);
        // The pictures' heights at that width, the captions not counted: a consumer sizes the frame to the content.
        long height = figures.stream().mapToLong(f -> Math.round((double) f.height() * Math.min(width, f.width()) / f.width())).sum();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", "1.0");
        answer.put("type", "rich");
        answer.put("html", embed(gallery, figures));
        answer.put("width", width);
        answer.put("height", maxHeight == null ? height : Math.min(height, maxHeight));
        answer.put("title", gallery.title());
        answer.put("provider_name", providerName);
        answer.put("provider_url", base + "/");
        answer.put("cache_age", cacheSeconds(gallery));
        if (!figures.isEmpty()) {
            publicRecord(gallery.items(), figures.get(0)).flatMap(record -> ServedSizes.all(record, widths).stream().findFirst())
                    .ifPresent(thumb -> {
                        answer.put("thumbnail_url", base + thumb.path());
                        answer.put("thumbnail_width", thumb.width());
                        answer.put("thumbnail_height", thumb.height());
                    });
        }
        publicHeaders(ctx, cacheSeconds(gallery));
        ctx.json(answer);
        shown(ctx, figures);
        return true;
    }

    /** The headers of every public answer about a gallery, cacheable for {@code seconds}. */
    static void publicHeaders(Context ctx, long seconds) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", "public, max-age=" + seconds);
    }

    /**
     * How long a public answer about {@code gallery} may be cached: {@link #CACHE_SECONDS}, or
     * less when a picture it leaves out under embargo becomes free sooner, so the page shows it then.
     */
    long cacheSeconds(GallerySaved gallery) {
        long seconds = CACHE_SECONDS;
        for (GalleryItem item : gallery.items()) {
            seconds = Math.min(seconds, images.secondsUntilPublic(item.image()));
        }
        return seconds;
    }

    /** The record of the item's image when the public may see it. */
    private Optional<ImageRecord> publicRecord(GalleryItem item) {
        // Not ready, removed, withheld or under embargo: the gallery shows what is public now and nothing else.
        return images.findPublic(item.image());
    }

    private Optional<ImageRecord> publicRecord(List<GalleryItem> items, Embed figure) {
        return items.stream().filter(i -> i.image().value().equals(figure.id())).findFirst().flatMap(this::publicRecord);
    }

    private static void meta(StringBuilder html, String attribute, String name, String content) {
        html.append("<meta ").append(attribute).append("=\"").append(name).append("\" content=\"")
                .append(HtmlText.escape(content)).append("\">\n");
    }
}
