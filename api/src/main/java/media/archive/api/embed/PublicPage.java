package media.archive.api.embed;

import media.archive.api.html.HtmlText;
import media.archive.contracts.ImageRecord;

/**
 * The public page of a ready image, {@code /i/<id>}: its picture loaded first, caption and credit,
 * the tags that link previews read (Open Graph, Twitter cards), a description for search
 * results, the picture's credit and rights as JSON-LD, the oEmbed discovery link and the icon.
 * Valid HTML for every picture (the Nu HTML Checker finds no error). Thread-safe (stateless).
 */
final class PublicPage {
    /**
     * What the page may load: its pictures and icon from the archive, its inline style; no script
     * runs (JSON-LD is data, which a policy does not govern), no form posts, no base URL changes.
     */
    static final String POLICY_TEMPLATE = "default-src 'none'; img-src 'self' %s; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'";
    /** Below this size, X (Twitter) shows no large card: it wants at least 300 x 157 pixels. */
    static final int LARGE_CARD_MIN_WIDTH = 300;
    static final int LARGE_CARD_MIN_HEIGHT = 157;

    private PublicPage() {
    }

    /** The Twitter card type for a picture of {@code width} x {@code height}. */
    static String twitterCard(int width, int height) {
        return width < LARGE_CARD_MIN_WIDTH || height < LARGE_CARD_MIN_HEIGHT ? "summary" : "summary_large_image";
    }

    /** The policy of a page whose pictures come from {@code base}. */
    static String policy(String base) {
        return String.format(POLICY_TEMPLATE, origin(base));
    }

    /**
     * The page of {@code record}, shown as {@code embed}, on the archive at {@code base}, named
     * {@code providerName}; {@code oembed} is the oEmbed URL of the page.
     */
    static String html(ImageRecord record, Embed embed, String base, String providerName, String oembed) {
        String title = Embed.title(record);
        String description = Embed.description(record);
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.append("<title>").append(HtmlText.escape(title)).append(" | ").append(HtmlText.escape(providerName)).append("</title>\n");
        if (description != null) {
            meta(html, "name", "description", description);
        }
        html.append("<link rel=\"canonical\" href=\"").append(HtmlText.escape(embed.page())).append("\">\n");
        html.append("<link rel=\"icon\" href=\"").append(HtmlText.escape(base)).append("/favicon.ico\" sizes=\"16x16 32x32 48x48\">\n");
        html.append("<link rel=\"icon\" href=\"").append(HtmlText.escape(base)).append("/favicon.svg\" type=\"image/svg+xml\">\n");
        html.append("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"").append(HtmlText.escape(oembed))
                .append("\" title=\"").append(HtmlText.escape(title)).append("\">\n");
        meta(html, "property", "og:type", "article");
        meta(html, "property", "og:site_name", providerName);
        meta(html, "property", "og:url", embed.page());
        meta(html, "property", "og:title", title);
        if (description != null) {
            meta(html, "property", "og:description", description);
        }
        meta(html, "property", "og:image", embed.src());
        meta(html, "property", "og:image:width", Integer.toString(embed.width()));
        meta(html, "property", "og:image:height", Integer.toString(embed.height()));
        meta(html, "property", "og:image:alt", embed.alt());
        meta(html, "name", "twitter:card", twitterCard(embed.width(), embed.height()));
        meta(html, "name", "twitter:title", title);
        if (description != null) {
            meta(html, "name", "twitter:description", description);
        }
        meta(html, "name", "twitter:image", embed.src());
        meta(html, "name", "twitter:image:alt", embed.alt());
        html.append("<script type=\"application/ld+json\">").append(ImageObject.of(record, embed, title).scriptText())
                .append("</script>\n");
        html.append("<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:")
                .append(embed.width()).append("px;padding:0 1rem}figcaption{margin-top:.5rem;color:#333}")
                .append(".archive-credit{color:#666;font-size:.9em}</style>\n");
        html.append("</head><body>\n<h1>").append(HtmlText.escape(title)).append("</h1>\n");
        html.append(embed.figure(Embed.Loading.EAGER)).append("\n</body></html>\n");
        return html.toString();
    }

    private static void meta(StringBuilder html, String attribute, String name, String content) {
        html.append("<meta ").append(attribute).append("=\"").append(name).append("\" content=\"")
                .append(HtmlText.escape(content)).append("\">\n");
    }

    /** The scheme, host and port of {@code base}, as a policy names a source. */
    private static String origin(String base) {
        int path = base.indexOf('/', base.indexOf("://") + 3);
        return path < 0 ? base : base.substring(0, path);
    }
}
