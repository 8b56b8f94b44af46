package media.archive.ingest.upload;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import media.archive.contracts.ImageId;
import media.archive.contracts.SuppliedMetadata;
import media.archive.platform.http.ApiException;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet5.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet5.JakartaServletRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code multipart/form-data} upload as it arrives, never holding the file in memory:
 * the {@code file} part streams into a temporary file while its SHA-256 is computed and its
 * bytes counted, its first bytes are sniffed as soon as they are in, and the text parts are
 * read up to a small cap. Each refusal is an {@link ApiException} thrown the moment it is known
 * (a non-image after its first bytes, an oversized file at the byte that crosses the limit), and
 * nothing is left on disk. Thread-safe: each call works on its own request.
 */
final class UploadReader {
    /** The form field by which an admin brings a removed image back: {@code restore=true}. */
    static final String RESTORE_FIELD = "restore";
    /** The form field that carries the image. */
    static final String FILE_FIELD = "file";
    /** Room in the request beyond the file itself: part headers, boundaries and the text parts. */
    static final long FORM_ALLOWANCE = 1024 * 1024;
    /** More parts than a form of ours has is not a form of ours. */
    static final int MAX_PARTS = 32;
    private static final int BUFFER_BYTES = 64 * 1024;
    /** A full disk is not fixed in seconds: a client asks again in a minute. */
    static final int DISK_FULL_RETRY_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(UploadReader.class);

    private final UploadOptions options;

    UploadReader(UploadOptions options) {
        this.options = options;
    }

    /** The upload in {@code request}; the caller closes it, which deletes its spooled file. */
    ReceivedUpload read(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("send the upload as multipart/form-data with the image in a part named 'file'");
        }
        long requestLimit = options.maxUploadBytes() + FORM_ALLOWANCE;
        long declared = request.getContentLengthLong();
        if (declared > requestLimit) {
            // Refused before a byte is read: the client learns at once, not after sending 2 GB.
            throw tooLarge();
        }
        if (declared == 0) {
            throw ApiException.badRequest("the request body is empty; send the image in a part named 'file'");
        }
        ensureRoomFor(Math.max(declared, 0));

        CappedInputStream body;
        try {
            body = new CappedInputStream(request.getInputStream(), requestLimit);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser = new JakartaServletFileUpload<>();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        JakartaServletRequestContext context = new JakartaServletRequestContext(request) {
            @Override
            public InputStream getInputStream() {
                return body;
            }
        };

        Spooled spooled = null;
        Map<String, String> texts = new HashMap<>();
        Boolean restore = null;
        try {
            FileItemInputIterator items = parser.getItemIterator(context);
            int parts = 0;
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (++parts > MAX_PARTS) {
                    throw ApiException.badRequest("an upload has at most " + MAX_PARTS + " parts");
                }
                String field = item.getFieldName();
                if (FILE_FIELD.equals(field)) {
                    if (spooled != null) {
                        throw ApiException.badRequest("send one file per upload");
                    }
                    spooled = spool(item);
                } else if (RESTORE_FIELD.equals(field)) {
                    if (restore != null) {
                        throw ApiException.badRequest("send '" + RESTORE_FIELD + "' once");
                    }
                    restore = restoreFlag(readText(item, field));
                } else if (SuppliedFields.NAMES.contains(field)) {
                    if (texts.containsKey(field)) {
                        throw ApiException.badRequest("send '" + field + "' once");
                    }
                    texts.put(field, readText(item, field));
                } else {
                    // Forms may carry fields of their own (a submit button, a CSRF token); they count
                    // against the request limit and are otherwise ignored.
                    try (InputStream ignored = item.getInputStream()) {
                        ignored.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
            if (spooled == null) {
                throw ApiException.badRequest("the upload has no part named 'file'");
            }
            ReceivedUpload upload = new ReceivedUpload(spooled.file, spooled.id, spooled.bytes, spooled.contentType,
                    spooled.fileName, SuppliedFields.toMetadata(texts), Boolean.TRUE.equals(restore));
            spooled = null;
            return upload;
        } catch (IOException e) {
            if (body.limitCrossed()) {
                throw tooLarge();
            }
            if (stoppedArriving(e)) {
                throw new ApiException(408, "request-timeout",
                        "the upload stopped arriving before it was complete; send it again");
            }
            throw ApiException.badRequest("the body is not readable multipart/form-data: " + formProblem(e));
        } finally {
            if (spooled != null) {
                ReceivedUpload.deleteQuietly(spooled.file);
            }
        }
    }

    /**
     * What was wrong with the form, in the parser's words when the parser itself found it (they
     * speak of boundaries and headers); a failure underneath (a connection that broke) would name
     * classes of the server, so it is told in a sentence of our own.
     */
    private static String formProblem(IOException e) {
        if (e instanceof org.apache.commons.fileupload2.core.FileUploadException && e.getCause() == null
                && e.getMessage() != null) {
            return e.getMessage();
        }
        return "the body ended before the form was complete";
    }

    /** Whether {@code e} is Jetty's idle timeout cutting off a body that stopped arriving. */
    private static boolean stoppedArriving(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The file part, written to a temporary file as it arrives. */
    private record Spooled(Path file, ImageId id, long bytes, String contentType, String fileName) {
    }

    private Spooled spool(FileItemInput item) throws IOException {
        String fileName = FileNames.sanitise(clientFileName(item));
        Path file = createSpoolFile();
        boolean kept = false;
        try (InputStream in = item.getInputStream(); OutputStream out = openSpool(file)) {
            Fingerprint print = new Fingerprint();
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = in.read(buffer)) != -1) {
                print.update(buffer, n);
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw spoolFailed(file, e);
                }
            }
            Spooled spooled = print.finish(file, fileName);
            kept = true;
            return spooled;
        } finally {
            if (!kept) {
                ReceivedUpload.deleteQuietly(file);
            }
        }
    }

    /** {@link Intake#spoolFile}. */
    Path spoolFile(long expectedBytes) {
        ensureRoomFor(Math.max(expectedBytes, 0));
        return createSpoolFile();
    }

    /** {@link Intake#receiveFile}: the file read once, for its size, type and digest; deleted when refused. */
    ReceivedUpload inspect(Path file, String fileName, SuppliedMetadata supplied) {
        boolean kept = false;
        try (InputStream in = Files.newInputStream(file)) {
            Fingerprint print = new Fingerprint();
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = in.read(buffer)) != -1) {
                print.update(buffer, n);
            }
            Spooled spooled = print.finish(file, FileNames.sanitise(fileName));
            ReceivedUpload upload = new ReceivedUpload(spooled.file, spooled.id, spooled.bytes, spooled.contentType,
                    spooled.fileName, supplied, false);
            kept = true;
            return upload;
        } catch (IOException e) {
            throw spoolFailed(file, e);
        } finally {
            if (!kept) {
                ReceivedUpload.deleteQuietly(file);
            }
        }
    }

    /**
     * A file's size, sniffed type and SHA-256, taken as its bytes go by: refused at the byte that
     * crosses the limit, and as soon as its head shows it is no image (a video after 64 bytes,
     * not 200 MB).
     */
    private final class Fingerprint {
        private final MessageDigest sha256 = sha256();
        private final byte[] head = new byte[ContentSniffer.HEAD_BYTES];
        private int headLength;
        private String contentType;
        private long count;

        void update(byte[] buffer, int n) {
            count += n;
            if (count > options.maxUploadBytes()) {
                throw tooLarge();
            }
            if (headLength < head.length) {
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
                if (headLength == head.length) {
                    contentType = sniff(head, headLength);
                }
            }
            sha256.update(buffer, 0, n);
        }

        Spooled finish(Path file, String fileName) {
            if (count == 0) {
                throw ApiException.badRequest("the file is empty");
            }
            if (contentType == null) {
                contentType = sniff(head, headLength);
            }
            return new Spooled(file, ImageId.fromDigest(sha256.digest()), count, contentType, fileName);
        }
    }

    /**
     * Refuses, before a byte is read, an upload that would leave less than the reserve free on the
     * spool's disk: {@code 507 Insufficient Storage}, with a {@code Retry-After}, since space may
     * come back (an operator cleans up) and nothing of the upload was kept.
     */
    private void ensureRoomFor(long bytes) {
        long usable;
        try {
            usable = Files.getFileStore(options.tempDir()).getUsableSpace();
        } catch (IOException e) {
            throw spoolFailed(options.tempDir(), e);
        }
        if (usable - bytes < options.minFreeBytes()) {
            LOG.error("refusing uploads: {} bytes free on the disk of {}, {} must stay free", usable, options.tempDir(),
                    options.minFreeBytes());
            throw diskFull("the archive's disk is nearly full; nothing was kept, send the picture again once an operator has made room");
        }
    }

    /*
     * Failures of our own disk (full, unwritable) are the archive's trouble, not a malformed
     * request: they answer 503 so the photographer's client tries again, and they are logged.
     */
    private Path createSpoolFile() {
        try {
            return Files.createTempFile(options.tempDir(), "upload-", ".part");
        } catch (IOException e) {
            throw spoolFailed(options.tempDir(), e);
        }
    }

    private static OutputStream openSpool(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw spoolFailed(file, e);
        }
    }

    private static ApiException spoolFailed(Path where, IOException e) {
        LOG.error("cannot spool an upload to {}: {}", where, e.toString());
        if (String.valueOf(e.getMessage()).contains("No space left on device")) {
            return diskFull("the archive's disk filled up during the upload; nothing was kept, send the picture again later");
        }
        return ApiException.unavailable("the upload could not be stored for processing; try again shortly",
                OriginalPublisher.RETRY_AFTER_SECONDS);
    }

    /** {@code 507 Insufficient Storage}: the archive's disk, not the request, is at fault; space may come back. */
    private static ApiException diskFull(String message) {
        return new ApiException(507, "insufficient-storage", message,
                Map.of("Retry-After", Integer.toString(DISK_FULL_RETRY_SECONDS)));
    }

    private static String clientFileName(FileItemInput item) {
        try {
            return item.getName();
        } catch (InvalidPathException e) {
            // The parser refuses names with NUL; we keep what is left once control characters go.
            return e.getInput();
        }
    }

    private static String sniff(byte[] head, int length) {
        return ContentSniffer.sniff(head, length).orElseThrow(() -> new ApiException(415, "unsupported-media-type",
                "the file is not an image the archive takes (JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC/HEIF or AVIF)"));
    }

    private static boolean restoreFlag(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw ApiException.badRequest("'" + RESTORE_FIELD + "' is true or false");
        };
    }

    private static String readText(FileItemInput item, String field) throws IOException {
        byte[] bytes;
        try (InputStream in = item.getInputStream()) {
            bytes = in.readNBytes(SuppliedFields.MAX_PART_BYTES + 1);
        }
        if (bytes.length > SuppliedFields.MAX_PART_BYTES) {
            throw ApiException.badRequest("'" + field + "' is longer than " + SuppliedFields.MAX_PART_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("'" + field + "' is not UTF-8 text");
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "too-large",
                "the upload is larger than this archive takes (" + options.maxUploadBytes() + " bytes per file)");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
