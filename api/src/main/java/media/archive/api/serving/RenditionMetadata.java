package media.archive.api.serving;

import java.util.Locale;

/**
 * What metadata every served picture carries ({@code API_RENDITION_METADATA}).
 * <ul>
 *   <li>{@link #RIGHTS}: creator, credit line, copyright notice, usage terms, web statement and
 *       licensor, as IPTC Core/Extension XMP (and EXIF Artist and Copyright in JPEG).</li>
 *   <li>{@link #NONE}: nothing; the picture's own metadata is stripped too.</li>
 *   <li>{@link #FULL}: the rights, and the headline, caption and keywords.</li>
 * </ul>
 */
public enum RenditionMetadata {
    RIGHTS, NONE, FULL;

    /** The mode named {@code text} ({@code rights}, {@code none} or {@code full}, any case). */
    public static RenditionMetadata parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rendition metadata is rights, none or full, not " + text);
        }
    }
}
