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
 * printable range). MacRoman is used where the file names it.
 */
final class TextDecoding {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Classic Mac OS text, which old Mac newsroom tools wrote into IIM; named so by the file or its writer. */
    static final Charset MAC_ROMAN = Charset.forName("x-MacRoman");

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

    /**
     * Windows Explorer's XP tags (XPAuthor, XPTitle, ...): UTF-16 little-endian, ended by a NUL
     * character, whatever byte order the rest of the EXIF block uses.
     */
    static String utf16le(byte[] bytes) {
        int end = 0;
        while (end + 1 < bytes.length && (bytes[end] != 0 || bytes[end + 1] != 0)) {
            end += 2;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_16LE);
    }

    /**
     * The EXIF UserComment: an 8-byte code names the encoding ({@code ASCII}, {@code UNICODE},
     * {@code JIS}, or eight NULs for "undefined"); the text follows. UNICODE is UTF-16 in the
     * writer's byte order, which the bytes themselves betray: ASCII-range text has its zero bytes
     * first in big-endian.
     */
    static Decoded userComment(byte[] bytes) {
        if (bytes.length < 8) {
            return decode(bytes, null);
        }
        String code = new String(bytes, 0, 8, StandardCharsets.US_ASCII);
        byte[] text = java.util.Arrays.copyOfRange(bytes, 8, bytes.length);
        if (code.startsWith("UNICODE")) {
            int zerosFirst = 0;
            int zerosSecond = 0;
            for (int i = 0; i + 1 < text.length; i += 2) {
                zerosFirst += text[i] == 0 ? 1 : 0;
                zerosSecond += text[i + 1] == 0 ? 1 : 0;
            }
            return new Decoded(new String(text, zerosFirst > zerosSecond
                    ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE), null);
        }
        if (code.startsWith("JIS")) {
            return new Decoded(new String(text, Charset.forName("ISO-2022-JP")), null);
        }
        if (code.startsWith("ASCII") || code.equals("\0\0\0\0\0\0\0\0")) {
            return decode(text, null);
        }
        // No known code: writers that skipped it put the text straight in.
        return new Decoded(decode(bytes, null).text(), "has no known encoding code; read as plain text");
    }

    /** The character set an IIM 1:90 value names, as metadata-extractor translated it, or null. */
    static Charset charsetNamed(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.equalsIgnoreCase("MacRoman") || stripped.equalsIgnoreCase("Mac OS Roman")) {
            return MAC_ROMAN;
        }
        try {
            return Charset.forName(stripped);
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
