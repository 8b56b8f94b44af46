package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of an image: the lower-case hex SHA-256 of its original bytes. The same file
 * uploaded twice is the same image, which makes every step of the pipeline idempotent.
 */
public record ImageId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

    public ImageId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an image id is 64 lower-case hex digits");
        }
    }

    /** The id of the bytes whose SHA-256 digest is {@code sha256}. */
    public static ImageId fromDigest(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        return new ImageId(HexFormat.of().formatHex(sha256));
    }

    /** Parses untrusted text (a URL path segment, say); throws {@link IllegalArgumentException} if it is no id. */
    @JsonCreator
    public static ImageId parse(String text) {
        return new ImageId(text);
    }

    /** Whether {@code text} has the shape of an id; cheap enough to call before touching any store. */
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
