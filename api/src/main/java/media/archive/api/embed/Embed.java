package media.archive.api.embed;

import java.util.List;
import java.util.stream.Collectors;
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
 */
public record Embed(String id, String page, String src, List<Source> srcset, String sizes, int width, int height,
                    String alt, String caption, String credit, String backgroundColor, String placeholder, String html) {

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
        String src = base + "/v1/images/" + record.id() + "/renditions/" + main.name();
        String alt = alt(record);
        String caption = caption(record);
        String credit = credit(record);
        String html = html(src, sources, sizes, main, alt, caption, credit, color);
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

    /** A title for pages and oEmbed: the headline, the title, the caption's start, or the id. */
    static String title(ImageRecord record) {
        String caption = record.metadata().description();
        if (caption != null && caption.length() > 100) {
            caption = caption.substring(0, 99).strip() + "…";
        }
        return firstOf(record.metadata().headline(), record.metadata().title(), caption, "Photo " + record.id().value().substring(0, 12));
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

    private static String html(String src, List<Source> sources, String sizes, Rendition main, String alt,
                               String caption, String credit, String color) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<figure class=\"archive-embed\" style=\"margin:0;max-width:").append(main.width()).append("px\">");
        html.append("<img src=\"").append(Html.escape(src)).append('"');
        html.append(" srcset=\"").append(Html.escape(sources.stream().map(s -> s.url() + " " + s.width() + "w")
                .collect(Collectors.joining(", ")))).append('"');
        html.append(" sizes=\"").append(Html.escape(sizes)).append('"');
        html.append(" width=\"").append(main.width()).append("\" height=\"").append(main.height()).append('"');
        html.append(" alt=\"").append(Html.escape(alt)).append('"');
        html.append(" loading=\"lazy\" decoding=\"async\"");
        html.append(" style=\"display:block;width:100%;height:auto");
        if (color != null) {
            html.append(";background-color:").append(Html.escape(color));
        }
        html.append("\">");
        if (caption != null || credit != null) {
            html.append("<figcaption>");
            if (caption != null) {
                html.append("<span class=\"archive-caption\">").append(Html.escape(caption)).append("</span>");
            }
            if (caption != null && credit != null) {
                html.append(' ');
            }
            if (credit != null) {
                html.append("<span class=\"archive-credit\">").append(Html.escape(credit)).append("</span>");
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
        String html = html(embed.src(), embed.srcset(), embed.sizes(), ServedSizes.largest(record).orElseThrow(), embed.alt(),
                shown, credit, embed.backgroundColor());
        return new Embed(embed.id(), embed.page(), embed.src(), embed.srcset(), embed.sizes(), embed.width(), embed.height(),
                embed.alt(), shown, credit, embed.backgroundColor(), embed.placeholder(), html);
    }
}
