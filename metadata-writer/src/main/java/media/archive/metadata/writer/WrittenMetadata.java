package media.archive.metadata.writer;

import java.util.List;
import java.util.Objects;

/**
 * The archive's current values that travel with a downloaded file: what a page layout system
 * or a picture editor's tool reads to caption and credit the picture. A null (or blank) value
 * means the archive holds none, and the file then carries none either: a caption an editor
 * cleared must not come back from the file's old metadata.
 *
 * <p>Texts are kept whole here; {@link MetadataWriter} cuts only the IPTC-IIM copies to the IIM
 * length limits. Control characters other than tab, line feed and carriage return are removed,
 * because XML 1.0 (and so XMP) cannot carry them at all.
 *
 * @param description  the caption (XMP {@code dc:description}, IIM 2:120 Caption/Abstract)
 * @param headline     XMP {@code photoshop:Headline}, IIM 2:105
 * @param creators     the photographers, in order (XMP {@code dc:creator}, IIM 2:80 By-line, repeated)
 * @param credit       the credit line's provider (XMP {@code photoshop:Credit}, IIM 2:110)
 * @param copyright    XMP {@code dc:rights}, IIM 2:116 Copyright Notice
 * @param usageTerms   XMP {@code xmpRights:UsageTerms}; IIM has no such dataset
 * @param instructions restrictions such as "Newsmagazines out" (XMP {@code photoshop:Instructions},
 *                     IIM 2:40 Special Instructions)
 * @param webStatement the address of a page stating the picture's rights (XMP {@code xmpRights:WebStatement},
 *                     IPTC Core "Web Statement of Rights", Google Images' licence link)
 * @param licensorUrl  where a licence can be obtained (XMP {@code plus:Licensor/plus:LicensorURL}, IPTC
 *                     Extension "Licensor URL", Google Images' "Get this image on" link)
 * @param keywords     subject keywords (XMP {@code dc:subject})
 */
public record WrittenMetadata(
        String description,
        String headline,
        List<String> creators,
        String credit,
        String copyright,
        String usageTerms,
        String instructions,
        String webStatement,
        String licensorUrl,
        List<String> keywords) {

    /** Nothing at all: every field of ours is removed from the file. */
    public static final WrittenMetadata NONE = new WrittenMetadata(null, null, List.of(), null, null, null, null);

    public WrittenMetadata {
        description = clean(description);
        headline = clean(headline);
        creators = creators == null ? List.of()
                : creators.stream().filter(Objects::nonNull).map(WrittenMetadata::clean).filter(Objects::nonNull).toList();
        credit = clean(credit);
        copyright = clean(copyright);
        usageTerms = clean(usageTerms);
        instructions = clean(instructions);
        webStatement = clean(webStatement);
        licensorUrl = clean(licensorUrl);
        keywords = keywords == null ? List.of()
                : keywords.stream().filter(Objects::nonNull).map(WrittenMetadata::clean).filter(Objects::nonNull).toList();
    }

    /** The values a download writes: caption, headline, creators, credit, copyright, usage terms, instructions. */
    public WrittenMetadata(String description, String headline, List<String> creators, String credit, String copyright,
                           String usageTerms, String instructions) {
        this(description, headline, creators, credit, copyright, usageTerms, instructions, null, null, List.of());
    }

    /** Whether there is nothing to write at all. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 0x20 && c != 0x7f && c != 0xfffe && c != 0xffff || c == '\t' || c == '\n' || c == '\r';
            if (!allowed && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            } else if (allowed && kept != null) {
                kept.append(c);
            }
        }
        String result = kept == null ? text : kept.toString();
        return result.isBlank() ? null : result;
    }
}
