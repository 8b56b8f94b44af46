package media.archive.processor.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of an EXIF or IPTC-IIM text into a string. Both formats predate Unicode: IIM
 * names its character set in record 1:90 (often absent), EXIF ASCII tags carry whatever the
 * writing software used. Undeclared bytes are read as UTF-8 when they are valid UTF-8, otherwise as
 * Windows-1252, the encoding of nearly every legacy Western newsroom tool (a superset of Latin-1's
 * printable range).
 */
final class TextDecoding {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    /** A decoded text, with a note when the bytes did not match the declared character set. */
    record Decoded(String text, String problem) {
    }

    /**
     * Decodes {@code bytes} in {@code declared}, or by guessing when it is null. Bytes that are not
     * valid in the declared UTF-8 are read as Windows-1252 and the mismatch reported.
     */
    static Decoded decode(byte[] bytes, Charset declared) {
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return new Decoded(new String(bytes, declared), null);
        }
        String utf8 = strictUtf8(bytes);
        if (utf8 != null) {
            return new Decoded(utf8, null);
        }
        String legacy = new String(bytes, WINDOWS_1252);
        return new Decoded(legacy, declared == null ? null : "declared UTF-8 but is not; read as Windows-1252");
    }

    /** The character set an IIM 1:90 value names, as metadata-extractor translated it, or null. */
    static Charset charsetNamed(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            // An escape sequence metadata-extractor could not translate: treat the text as undeclared.
            return null;
        }
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
