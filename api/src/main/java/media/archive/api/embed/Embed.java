package media.archive.api.embed;

import java.util.List;
import java.util.stream.Collectors;
import media.archive.api.html.HtmlText;
import media.archive.api.serving.ServedSizes;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Rendition;

/**
 * What a page needs to show a ready image with its caption and credit, and the HTML snippet made
 * of it. URLs are absolute (pages live on other origins); every text is escaped in the HTML.
 *
 * @param src             the default picture (the largest rendition)
 * @param srcset          every size, narrowest first
 * @param sizes           the {@code sizes} attribute: the full width of the container, up to the picture's width
 * @param backgroundColor the dominant colour shown while the picture loads, {@code #rrggbb}, or null
 * @param placeholder     a BlurHash of the picture, or null
 * @param html            the snippet to paste: {@link #figure(Loading)} loading lazily
 */
public record Embed(String id, String page, String src, List<Source> srcset, String sizes, int width, int height,
                    String alt, String caption, String credit, String backgroundColor, String placeholder, String html) {

    /** Titles longer than this are cut: search results and social cards show about 60 to 70 characters. */
    static final int TITLE_LENGTH = 90;
    /** Descriptions longer than this are cut at a word: about what search results show. */
    static final int DESCRIPTION_LENGTH = 160;
    /** The title of a picture with no headline, title, caption or file name. */
    static final String UNTITLED = "Untitled photograph";

    /** One candidate of {@code srcset}. */
    public record Source(String url, int width, int height) {
    }

    static Embed of(ImageRecord record, String base, List<Integer> widths) {
        Rendition main = ServedSizes.largest(record).orElseThrow();
        List<Source> sources = ServedSizes.all(record, widths).stream()
                .map(s -> new Source(base + s.path(), s.width(), s.height()))
                .toList();
        String sizes = "(max-width: " + main.width() + "px) 100vw, " + main.width() + "px";
        String color = record.appearance() == null ? null : record.appearance().dominantColor();
        String placeholder = record.appearance() == null ? null : record.appearance().placeholder();
        String src = base + ServedSizes.path(record, main.name());
        String alt = alt(record);
        String caption = caption(record);
        String credit = credit(record);
        String html = figure(src, sources, sizes, main.width(), main.height(), alt, caption, credit, color, Loading.LAZY);
        return new Embed(record.id().value(), base + "/i/" + record.id(), src, sources, sizes, main.width(), main.height(),
                alt, caption, credit, color, placeholder, html);
    }

    /** The alt text: IPTC's alt text, else the headline, else the caption. */
    static String alt(ImageRecord record) {
        return firstOf(record.metadata().altText(), record.metadata().headline(), record.metadata().description(), "");
    }

    /** The caption: the description, else the headline. */
    static String caption(ImageRecord record) {
        return firstOf(record.metadata().description(), record.metadata().headline(), null);
    }

    /**
     * A title for pages and oEmbed: the headline, the title, the caption's first sentence, the
     * uploaded file's name; never empty.
     */
    static String title(ImageRecord record) {
        String sentence = CaptionText.firstSentence(record.metadata().description(), TITLE_LENGTH);
        return firstOf(record.metadata().headline(), record.metadata().title(), sentence, fileName(record.fileName()));
    }

    /** A description for pages: the caption on one line, cut at a word near the length search results show; or null. */
    static String description(ImageRecord record) {
        return CaptionText.shorten(caption(record), DESCRIPTION_LENGTH);
    }

    /** The name of the uploaded file without the folders a client may have sent with it. */
    private static String fileName(String fileName) {
        String name = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        return present(name) ? CaptionText.shorten(name, TITLE_LENGTH) : UNTITLED;
    }

    /** The web statement of rights (a URL saying how the picture may be used), or null. */
    static String license(ImageRecord record) {
        return webAddress(record.metadata().webStatement());
    }

    /** Where a licence for the picture can be had (the licensor's URL), or null. */
    static String acquireLicensePage(ImageRecord record) {
        return webAddress(record.metadata().licensorUrl());
    }

    /** {@code text} when it is an absolute http(s) address, as structured data requires; else null. */
    private static String webAddress(String text) {
        if (!present(text) || text.length() > 2048) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(text.strip());
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The credit line as the photo's rights holder wants it shown, else "Photo: creator / credit". */
    static String credit(ImageRecord record) {
        if (present(record.metadata().creditLine())) {
            return record.metadata().creditLine().strip();
        }
        String creators = record.metadata().creator().stream().filter(Embed::present).map(String::strip).collect(Collectors.joining(", "));
        String credit = present(record.metadata().credit()) ? record.metadata().credit().strip() : "";
        if (creators.isEmpty() && credit.isEmpty()) {
            return null;
        }
        if (creators.isEmpty() || credit.isEmpty() || creators.equals(credit)) {
            return "Photo: " + (creators.isEmpty() ? credit : creators);
        }
        return "Photo: " + creators + " / " + credit;
    }

    /**
     * The snippet's {@code <figure>} with the picture loaded as {@code loading} says. Every copy of
     * the picture's markup (the snippet, the public page) comes from here.
     */
    String figure(Loading loading) {
        return figure(src, srcset, sizes, width, height, alt, caption, credit, backgroundColor, loading);
    }

    /** How the browser loads the picture of a figure. */
    enum Loading {
        /** When it nears the viewport: an embed is one picture among an article's many. */
        LAZY(" loading=\"lazy\" decoding=\"async\""),
        /**
         * At once and first: the picture of its own page is its largest paint, which lazy loading
         * would only delay (the browser waits for layout before it starts a lazy fetch).
         */
        EAGER(" loading=\"eager\" fetchpriority=\"high\"");

        private final String attributes;

        Loading(String attributes) {
            this.attributes = attributes;
        }
    }

    private static String figure(String src, List<Source> sources, String sizes, int width, int height, String alt,
                                 String caption, String credit, String color, Loading loading) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<figure class=\"archive-embed\" style=\"margin:0;max-width:").append(width).append("px\">");
        html.append("<img src=\"").append(HtmlText.escape(src)).append('"');
        html.append(" srcset=\"").append(HtmlText.escape(sources.stream().map(s -> s.url() + " " + s.width() + "w")
                .collect(Collectors.joining(", ")))).append('"');
        html.append(" sizes=\"").append(HtmlText.escape(sizes)).append('"');
        html.append(" width=\"").append(width).append("\" height=\"").append(height).append('"');
        html.append(" alt=\"").append(HtmlText.escape(alt)).append('"');
        html.append(loading.attributes);
        html.append(" style=\"display:block;width:100%;height:auto");
        if (color != null) {
            html.append(";background-color:").append(HtmlText.escape(color));
        }
        html.append("\">");
        if (caption != null || credit != null) {
            html.append("<figcaption>");
            if (caption != null) {
                html.append("<span class=\"archive-caption\">").append(HtmlText.escape(caption)).append("</span>");
            }
            if (caption != null && credit != null) {
                html.append(' ');
            }
            if (credit != null) {
                html.append("<span class=\"archive-credit\">").append(HtmlText.escape(credit)).append("</span>");
            }
            html.append("</figcaption>");
        }
        html.append("</figure>");
        return html.toString();
    }

    private static String firstOf(String a, String b, String c, String fallback) {
        for (String s : new String[] {a, b, c}) {
            if (present(s)) {
                return s.strip();
            }
        }
        return fallback;
    }

    private static String firstOf(String a, String b, String fallback) {
        return firstOf(a, b, null, fallback);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * The embed {@link #of} makes of {@code record}, its figure captioned with {@code caption} (null:
     * the image's own) and {@code credit} (null: none) instead of the record's: for galleries, whose
     * items carry their own caption and a credit in the gallery's language.
     */
    public static Embed captioned(ImageRecord record, String base, List<Integer> widths, String caption, String credit) {
        Embed embed = of(record, base, widths);
        String shown = caption == null ? embed.caption() : caption;
        String html = figure(embed.src(), embed.srcset(), embed.sizes(), embed.width(), embed.height(), embed.alt(),
                shown, credit, embed.backgroundColor(), Loading.LAZY);
        return new Embed(embed.id(), embed.page(), embed.src(), embed.srcset(), embed.sizes(), embed.width(), embed.height(),
                embed.alt(), shown, credit, embed.backgroundColor(), embed.placeholder(), html);
    }
}
