package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The identity of a gallery: 20 characters of lower-case base32 ({@code a-z2-7}), 100 random bits,
 * short enough for a public URL ({@code /g/<id>}) and too many to guess or to collide.
 */
public record GalleryId(String value) {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int LENGTH = 20;
    private static final Pattern SHAPE = Pattern.compile("[a-z2-7]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public GalleryId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a gallery id is " + LENGTH + " characters of a-z and 2-7");
        }
    }

    /** A new random id. */
    public static GalleryId random() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new GalleryId(new String(id));
    }

    /** Parses untrusted text; throws {@link IllegalArgumentException} if it is no id. */
    @JsonCreator
    public static GalleryId parse(String text) {
        return new GalleryId(text);
    }

    /** Whether {@code text} has the shape of an id; cheap enough to call before any lookup. */
    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
