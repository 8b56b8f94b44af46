package media.archive.api.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageRecord;
import media.archive.metadata.writer.WrittenMetadata;

/**
 * The values a served picture carries, taken from the image's current record (edits included),
 * and the rights version that names them in the picture's URL ({@code ?v=}). The version is a
 * short hash of every value any {@link RenditionMetadata} mode writes, so an edit of any of them
 * gives the picture a new URL and a year of immutable caching stays true. Thread-safe.
 */
final class RenditionRights {
    /**
     * Raised when what a stamp writes changes shape (new properties, another layout), so that
     * caches holding pictures stamped the old way are never asked to keep them.
     */
    private static final String STAMP_FORMAT = "1";
    private static final int VERSION_BYTES = 6;
    /**
     * Versions by record: records are values, and a changed image is a new record, so a record's
     * identity is its id and its version together. Weak keys compare by identity and let records
     * the archive forgot go.
     */
    private static final Cache<ImageRecord, String> VERSIONS = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

    private RenditionRights() {
    }

    /** The values {@code mode} writes into the pictures of {@code record}. */
    static WrittenMetadata written(ImageRecord record, RenditionMetadata mode) {
        ImageMetadata m = record.metadata();
        return switch (mode) {
            case NONE -> WrittenMetadata.NONE;
            case RIGHTS -> new WrittenMetadata(null, null, m.creator(), credit(m), m.copyright(), m.usageTerms(), null,
                    webStatement(m), licensorUrl(m), List.of());
            case FULL -> new WrittenMetadata(m.description(), m.headline(), m.creator(), credit(m), m.copyright(), m.usageTerms(),
                    null, webStatement(m), licensorUrl(m), m.keywords());
        };
    }

    /** The rights version of {@code record}: 8 URL-safe characters, computed once per record. */
    static String version(ImageRecord record) {
        return VERSIONS.get(record, RenditionRights::hash);
    }

    /** Whether {@code text} may be a version at all (so a hostile {@code v} is refused before anything). */
    static boolean wellFormed(String text) {
        return text.length() <= 16 && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    private static String hash(ImageRecord record) {
        WrittenMetadata all = written(record, RenditionMetadata.FULL);
        StringBuilder canonical = new StringBuilder(256).append(STAMP_FORMAT);
        // Each value ends with a separator that no value holds (control characters are cleaned out).
        for (Object value : List.of(all.creators(), nullable(all.credit()), nullable(all.copyright()), nullable(all.usageTerms()),
                nullable(all.webStatement()), nullable(all.licensorUrl()), nullable(all.headline()), nullable(all.description()),
                all.keywords())) {
            canonical.append('\u0001').append(value instanceof List<?> list ? String.join("\u0002", list.stream().map(String::valueOf).toList()) : value);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, VERSION_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String nullable(String text) {
        return text == null ? "\u0003" : text;
    }

    /** IPTC's Credit Line is {@code photoshop:Credit}: the provider, else the newsroom's credit line. */
    private static String credit(ImageMetadata m) {
        return m.credit() != null && !m.credit().isBlank() ? m.credit() : m.creditLine();
    }

    /** XMP's {@code xmpRights:WebStatement}: the page saying how the picture may be used. */
    private static String webStatement(ImageMetadata m) {
        return m.webStatement();
    }

    /** IPTC Extension's {@code plus:Licensor/plus:LicensorURL}: where a licence can be had. */
    private static String licensorUrl(ImageMetadata m) {
        return m.licensorUrl();
    }
}
