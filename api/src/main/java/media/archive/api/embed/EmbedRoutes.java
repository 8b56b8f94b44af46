package media.archive.api.embed;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import media.archive.api.serving.ImageIds;
import media.archive.api.serving.PublishedImages;
import media.archive.api.serving.ServedSizes;
import media.archive.api.serving.ServingConfig;
import media.archive.api.usage.ServedTo;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Rendition;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/**
 * How websites embed the archive's pictures, public for ready images:
 * <ul>
 *   <li>{@code GET /v1/images/{id}/embed}: an HTML snippet to paste ({@code <figure>} with a
 *       responsive {@code <img>} and a {@code <figcaption>} carrying caption and credit);
 *       {@code ?format=json} gives the same as data.</li>
 *   <li>{@code GET /oembed?url=&maxwidth=&maxheight=&format=json}: an
 *       <a href="https://oembed.com/">oEmbed</a> {@code photo} answer for a page of this archive.
 *       URLs of other sites are {@code 404} and never fetched; {@code format=xml} is {@code 501}.
 *       Other pages of the archive (galleries) are answered by an {@link OEmbedPages} hook.</li>
 *   <li>{@code GET /i/{id}}: the public page of an image ({@link PublicPage}): Open Graph and Twitter
 *       card tags, a description, JSON-LD for credit and rights, the oEmbed discovery link.</li>
 * </ul>
 * Removed images answer {@code 410}. Each answer about a picture is reported to {@link ServedTo}
 * (for oEmbed, by the site of the oEmbed request: the consumer's); refusals are not. Thread-safe.
 */
public final class EmbedRoutes implements Routes {
    /** How long consumers may keep an oEmbed answer or a page: captions can be corrected. */
    private static final int CACHE_SECONDS = 3600;

    private final PublishedImages images;
    private final List<Integer> widths;
    private final PublicUrls urls;
    private final String providerName;
    private final OEmbedPages pages;
    private final ServedTo servedTo;

    /**
     * Answers {@code /oembed} for pages of this archive other than an image's (a gallery's):
     * writes the answer and returns true when {@code url} is one of its pages, else false.
     */
    public interface OEmbedPages {
        boolean answer(Context ctx, String url, String base, Integer maxWidth, Integer maxHeight);
    }

    public EmbedRoutes(PublishedImages images, ServingConfig config) {
        this(images, config, (ctx, url, base, maxWidth, maxHeight) -> false, ServedTo.NOBODY);
    }

    public EmbedRoutes(PublishedImages images, ServingConfig config, OEmbedPages pages, ServedTo servedTo) {
        this.pages = pages;
        this.servedTo = servedTo;
        this.images = images;
        this.widths = config.widths();
        this.urls = new PublicUrls(config.publicUrl());
        this.providerName = config.providerName();
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/images/{id}/embed", this::embed);
        app.get("/oembed", this::oembed);
        app.get("/i/{id}", this::page);
    }

    private void embed(Context ctx) {
        ImageId id = ImageIds.fromPath(ctx);
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("json") && !format.equals("html")) {
            throw ApiException.badRequest("format is html or json");
        }
        Embed embed = embedOf(ctx, id);
        publicHeaders(ctx);
        if ("json".equals(format)) {
            ctx.json(embed);
        } else {
            ctx.contentType("text/html; charset=utf-8").result(embed.html());
        }
        servedTo.served(ctx, id);
    }

    private void oembed(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("json")) {
            throw new ApiException(501, "not-implemented", "only format=json is answered");
        }
        Integer maxWidth = positive(ctx.queryParam("maxwidth"), "maxwidth");
        Integer maxHeight = positive(ctx.queryParam("maxheight"), "maxheight");
        String url = ctx.queryParam("url");
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("url is the address of an image page of this archive");
        }
        if (pages.answer(ctx, url, urls.base(ctx), maxWidth, maxHeight)) {
            return;
        }
        // Only pages of this archive are answered; nothing is ever fetched from the URL.
        ImageId id = urls.imageOfPage(ctx, url).orElseThrow(() -> ApiException.notFound("not a page of this archive"));
        ImageRecord record = images.requirePublic(id);
        String base = urls.base(ctx);
        ServedSizes.Size size = ServedSizes.largestFitting(record, widths, maxWidth, maxHeight)
                .orElseThrow(() -> ApiException.notFound("no size of this image fits " + maxWidth + "x" + maxHeight));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", "1.0");
        answer.put("type", "photo");
        answer.put("url", base + size.path());
        answer.put("width", size.width());
        answer.put("height", size.height());
        answer.put("title", Embed.title(record));
        String creators = String.join(", ", record.metadata().creator());
        if (!creators.isBlank()) {
            answer.put("author_name", creators);
        }
        answer.put("provider_name", providerName);
        answer.put("provider_url", base + "/");
        answer.put("cache_age", CACHE_SECONDS);
        Optional<Rendition> thumb = record.renditions().stream()
                .filter(r -> (maxWidth == null || r.width() <= maxWidth) && (maxHeight == null || r.height() <= maxHeight))
                .min((a, b) -> Integer.compare(a.width(), b.width()));
        thumb.ifPresent(t -> {
            answer.put("thumbnail_url", base + ServedSizes.path(record, t.name()));
            answer.put("thumbnail_width", t.width());
            answer.put("thumbnail_height", t.height());
        });
        String credit = Embed.credit(record);
        if (credit != null) {
            answer.put("credit", credit);
        }
        publicHeaders(ctx);
        ctx.json(answer);
        servedTo.served(ctx, id);
    }

    private void page(Context ctx) {
        ImageId id = ImageIds.fromPath(ctx);
        ImageRecord record = images.requirePublic(id);
        String base = urls.base(ctx);
        Embed embed = Embed.of(record, base, widths);
        String oembed = base + "/oembed?format=json&url=" + URLEncoder.encode(embed.page(), StandardCharsets.UTF_8);
        ctx.header("Cache-Control", "public, max-age=" + CACHE_SECONDS);
        ctx.header("Content-Security-Policy", PublicPage.policy(base));
        ctx.contentType("text/html; charset=utf-8").result(PublicPage.html(record, embed, base, providerName, oembed));
        servedTo.served(ctx, id);
    }

    /** The archive's public address for {@code ctx}, without a trailing slash, as every page of it uses. */
    public String publicBase(Context ctx) {
        return urls.base(ctx);
    }

    private Embed embedOf(Context ctx, ImageId id) {
        return Embed.of(images.requirePublic(id), urls.base(ctx), widths);
    }

    private static void publicHeaders(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", "public, max-age=" + CACHE_SECONDS);
    }

    private static Integer positive(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > 6 || !text.chars().allMatch(Character::isDigit) || Integer.parseInt(text) == 0) {
            throw ApiException.badRequest(name + " is a positive whole number of pixels");
        }
        return Integer.parseInt(text);
    }
}
