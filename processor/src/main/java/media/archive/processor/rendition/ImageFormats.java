package media.archive.processor.rendition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Names image formats that are real pictures but that no Java decoder on the classpath reads, by
 * their magic bytes; used only after ImageIO found no reader, to tell {@code unsupported-format}
 * from {@code undecodable}.
 */
final class ImageFormats {
    private ImageFormats() {
    }

    /** The name of the format of {@code file} if it is one we know but cannot decode. */
    static Optional<String> undecodableKnownFormat(Path file) throws IOException {
        byte[] head = new byte[32];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        head = Arrays.copyOf(head, n);
        if (n >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            // ISO base media file (ISO/IEC 14496-12): the major brand names the image format.
            String brand = ascii(head, 8, 4);
            return Optional.of(switch (brand) {
                case "avif", "avis" -> "AVIF";
                case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1" -> "HEIF/HEIC";
                case "crx " -> "Canon CR3 raw";
                default -> "ISO media (" + brand.strip() + ")";
            });
        }
        if (n >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return Optional.of("WebP");
        }
        if (n >= 4 && ascii(head, 0, 4).equals("8BPS")) {
            return Optional.of("Photoshop PSD");
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x0A) {
            return Optional.of("JPEG XL");
        }
        if (n >= 12 && ascii(head, 4, 8).equals("JXL \r\n\u0087\n")) {
            return Optional.of("JPEG XL");
        }
        if (n >= 12 && ascii(head, 4, 8).equals("jP  \r\n\u0087\n")) {
            return Optional.of("JPEG 2000");
        }
        return Optional.empty();
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        if (bytes.length < offset + length) {
            return "";
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
