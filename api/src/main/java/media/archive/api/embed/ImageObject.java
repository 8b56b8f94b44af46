package media.archive.api.embed;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;

/**
 * The picture of a public page as <a href="https://schema.org/ImageObject">schema.org ImageObject</a>
 * in JSON-LD: the fields that
 * <a href="https://developers.google.com/search/docs/appearance/structured-data/image-license-metadata">Google
 * Images reads for its "Licensable" badge and credit</a>. Absent values are left out.
 */
@JsonPropertyOrder({"@context", "@type"})
record ImageObject(
        @JsonProperty("@context") String context,
        @JsonProperty("@type") String type,
        String contentUrl,
        String url,
        String name,
        String caption,
        List<Person> creator,
        String creditText,
        String copyrightNotice,
        String license,
        String acquireLicensePage) {

    /** A creator, by name. */
    @JsonPropertyOrder({"@type", "name"})
    record Person(@JsonProperty("@type") String type, String name) {
        Person(String name) {
            this("Person", name);
        }
    }

    /** The picture {@code embed} shows of {@code record}, on its page titled {@code title}. */
    static ImageObject of(ImageRecord record, Embed embed, String title) {
        List<Person> creators = record.metadata().creator().stream()
                .filter(name -> name != null && !name.isBlank())
                .map(name -> new Person(name.strip()))
                .toList();
        return new ImageObject("https://schema.org", "ImageObject", embed.src(), embed.page(), title, embed.caption(),
                creators.isEmpty() ? null : creators, creditText(record), blankAsNull(record.metadata().copyright()),
                Embed.license(record), Embed.acquireLicensePage(record));
    }

    /**
     * The JSON-LD as the text of a {@code <script type="application/ld+json">}: the characters that
     * could end the element or open a comment ({@code < > &}), and those an HTML parser refuses
     * (controls, lone surrogates, noncharacters) are written as JSON escapes, which mean the same
     * to a JSON reader. Structural JSON is ASCII, so only string contents change.
     */
    String scriptText() {
        String json = Json.toText(this);
        StringBuilder out = new StringBuilder(json.length() + 32);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                int codePoint = Character.toCodePoint(c, json.charAt(i + 1));
                if ((codePoint & 0xFFFE) == 0xFFFE) {
                    unicodeEscape(c, out);
                    unicodeEscape(json.charAt(i + 1), out);
                } else {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (c == '<' || c == '>' || c == '&' || c < 0x20 || (c >= 0x7F && c <= 0x9F)
                    || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                    || (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF) {
                unicodeEscape(c, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The credit line as IPTC Core's Credit Line states it, else the IPTC Credit (the provider). */
    private static String creditText(ImageRecord record) {
        String line = blankAsNull(record.metadata().creditLine());
        return line != null ? line : blankAsNull(record.metadata().credit());
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append(String.format("\\u%04x", (int) c));
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
