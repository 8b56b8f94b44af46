package media.archive.api.serving;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageRecord;
import media.archive.metadata.writer.MetadataWriter;
import media.archive.metadata.writer.WrittenMetadata;
import media.archive.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ?download=1} on a rendition or an original: the picture as a file to keep, with the
 * image's current caption, headline, creators, credit, copyright, usage terms and instructions
 * written in ({@link MetadataWriter}), so that an editor's change travels with the file into the
 * page layout system. The stored bytes never change; the written copy is made per request.
 *
 * <p>A written file depends on the record, which editors change, so it is never cached as the
 * immutable public picture: {@code Cache-Control: private, no-store} and no {@code ETag}.
 * Writing is not cached either: it takes 2 to 5 ms for a 1 MB JPEG on the 2-core build machine
 * (XMP, IIM and EXIF, measured warm), less than reading the file from S3.
 * {@code X-Archive-Metadata} says whether the metadata was {@code written}; files the writer
 * cannot take (WebP, TIFF, HEIC, broken files) are sent as stored with {@code not-written}.
 * Thread-safe.
 */
final class Downloads {
    static final String HEADER = "X-Archive-Metadata";
    /** Larger originals are sent as stored, streamed, rather than read whole into memory to be written. */
    static final long MAX_WRITTEN_BYTES = 64L << 20;
    private static final int MAX_BASE_LENGTH = 80;
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

    private final MetadataWriter writer = new MetadataWriter();

    /** Whether the request asks for a download: {@code download=1} (or {@code true}); absent or {@code 0} is the picture itself. */
    static boolean requested(String download) {
        if (download == null || download.equals("0") || download.equals("false")) {
            return false;
        }
        if (download.equals("1") || download.equals("true") || download.isEmpty()) {
            return true;
        }
        throw ApiException.badRequest("download is 1 or absent");
    }

    /**
     * The record's values that travel with a download. The one place that reads them from the
     * record, so a change of the record's shape is fixed here alone.
     */
    static WrittenMetadata writtenMetadata(ImageRecord record) {
        ImageMetadata values = record.metadata();
        return new WrittenMetadata(values.description(), values.headline(), values.creator(), values.credit(),
                values.copyright(), values.usageTerms(), values.instructions());
    }

    /** Sends {@code stored} (variant {@code name} of the record's image) with the record's metadata written in. */
    void send(Context ctx, ImageRecord record, String name, byte[] stored, String contentType) {
        MetadataWriter.Result result = writer.write(stored, contentType, writtenMetadata(record));
        if (!result.written()) {
            LOG.debug("download of {} {} sent as stored: {}", record.id(), name, result.note());
        }
        headers(ctx, record, name, contentType, result.bytes().length, result.written());
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(result.bytes());
        }
    }

    /** Sends {@code stored} as it is, for files too large to be written in memory. */
    void sendAsStored(Context ctx, ImageRecord record, String name, InputStream stored, String contentType, long length) {
        headers(ctx, record, name, contentType, length, false);
        ctx.result(stored);
    }

    private static void headers(Context ctx, ImageRecord record, String name, String contentType, long length, boolean written) {
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(contentType);
        if (length >= 0) {
            ctx.header("Content-Length", Long.toString(length));
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, no-store");
        ctx.header("Content-Disposition", disposition(record, name, contentType));
        ctx.header(HEADER, written ? "written" : "not-written");
    }

    /**
     * {@code attachment; filename="<base>-<name>.<ext>"}: the base is the uploaded file's name
     * without its extension (or the image id), in safe ASCII; a name that is not plain ASCII also
     * goes whole into {@code filename*} (RFC 6266, RFC 5987 encoding), which browsers prefer.
     */
    static String disposition(ImageRecord record, String name, String contentType) {
        String base = baseName(record.fileName());
        String extension = extension(contentType, record.fileName());
        String ascii = asciiName(base);
        if (ascii.isEmpty()) {
            ascii = record.id().value();
        }
        String plain = ascii + "-" + name + "." + extension;
        String header = "attachment; filename=\"" + plain + "\"";
        String full = (base.isEmpty() ? record.id().value() : base) + "-" + name + "." + extension;
        if (!full.equals(plain)) {
            header += "; filename*=UTF-8''" + percentEncoded(full);
        }
        return header;
    }

    /** The file name without folders, extension, control characters and quotes; empty when nothing is left. */
    private static String baseName(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder kept = new StringBuilder();
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && c != '"' && Character.getType(c) != Character.FORMAT)
                .limit(MAX_BASE_LENGTH)
                .forEach(kept::appendCodePoint);
        return kept.toString().strip();
    }

    /** {@code base} in letters, digits, dot, dash and underscore: accents dropped ("Trần" is "Tran"), anything else "_". */
    static String asciiName(String base) {
        String folded = Normalizer.normalize(base.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        String safe = folded.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+|_+$", "");
        return safe.length() > MAX_BASE_LENGTH ? safe.substring(0, MAX_BASE_LENGTH) : safe;
    }

    private static String extension(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        switch (type) {
            case "image/jpeg":
                return "jpg";
            case "image/png":
                return "png";
            case "image/webp":
                return "webp";
            case "image/tiff":
                return "tif";
            case "image/heic":
                return "heic";
            case "image/heif":
                return "heif";
            case "image/avif":
                return "avif";
            case "image/gif":
                return "gif";
            default:
                break;
        }
        if (fileName != null) {
            String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (fileName.contains(".") && ext.matches("[a-z0-9]{1,5}")) {
                return ext;
            }
        }
        return "bin";
    }

    /** RFC 5987 {@code value-chars}: UTF-8 bytes, every one outside {@code attr-char} as %XX. */
    private static String percentEncoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
