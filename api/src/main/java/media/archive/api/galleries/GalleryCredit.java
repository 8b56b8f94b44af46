package media.archive.api.galleries;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import media.archive.contracts.ImageMetadata;

/**
 * The credit a gallery shows after each caption, in the gallery's language: the label ("ছবি" in
 * Bengali, "Ảnh" in Vietnamese), the creator as recorded, then {@code " / credit"} when the credit
 * says something else, all in parentheses: {@code (ছবি: ট্রান ট্রুং)}, as newspapers print it. An
 * item's own credit line replaces the text inside the parentheses.
 */
final class GalleryCredit {
    /**
     * The word for "photo" a credit starts with, by primary language subtag; a language not here
     * is credited in English. Add a language with one line.
     */
    private static final Map<String, String> LABELS = Map.of(
            "bn", "ছবি",
            "vi", "Ảnh",
            "en", "Photo",
            "de", "Foto",
            "es", "Foto");
    private static final String DEFAULT_LABEL = LABELS.get("en");

    private GalleryCredit() {
    }

    /** The label for {@code language} (a BCP 47 tag: {@code bn}, {@code bn-BD}); English when there is none. */
    static String label(String language) {
        if (language == null) {
            return DEFAULT_LABEL;
        }
        String primary = Locale.forLanguageTag(language).getLanguage();
        return LABELS.getOrDefault(primary, DEFAULT_LABEL);
    }

    /**
     * The credit shown after an item's caption, parentheses included: the item's {@code creditLine}
     * when it has one, else made from the image's creator and credit; null when there is nothing to credit.
     */
    static String shown(String language, ImageMetadata metadata, String creditLine) {
        String text = present(creditLine) ? creditLine.strip() : line(language, metadata);
        return text == null ? null : "(" + text + ")";
    }

    /** {@code ছবি: creator / credit} for {@code language}; null when the image names neither. */
    static String line(String language, ImageMetadata metadata) {
        String creators = metadata.creator().stream().filter(GalleryCredit::present).map(String::strip)
                .collect(Collectors.joining(", "));
        String credit = present(metadata.credit()) ? metadata.credit().strip() : "";
        if (creators.isEmpty() && credit.isEmpty()) {
            return null;
        }
        String who = creators.isEmpty() ? credit
                : credit.isEmpty() || credit.equals(creators) ? creators
                : creators + " / " + credit;
        return label(language) + ": " + who;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
