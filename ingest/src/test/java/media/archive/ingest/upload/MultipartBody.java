package media.archive.ingest.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body written by hand, the way a browser or curl frames it, so
 * the tests exercise the server's parser and not a client library's.
 */
final class MultipartBody {
    private final String boundary = "----archive-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    MultipartBody text(String name, String value) {
        ascii("--" + boundary + "\r\n");
        utf8("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
        ascii("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
        utf8(value);
        ascii("\r\n");
        return this;
    }

    MultipartBody file(String name, String fileName, String declaredType, byte[] content) {
        fileHeader(name, fileName, declaredType);
        out.writeBytes(content);
        ascii("\r\n");
        return this;
    }

    /** The headers of a file part whose content the caller streams itself, followed by {@link #closing()}. */
    MultipartBody fileHeader(String name, String fileName, String declaredType) {
        ascii("--" + boundary + "\r\n");
        utf8("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n");
        ascii("Content-Type: " + declaredType + "\r\n\r\n");
        return this;
    }

    /** What ends a streamed file part and the body. */
    byte[] closing() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        ascii("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /** What has been written so far, without the final boundary. */
    byte[] soFar() {
        return out.toByteArray();
    }

    private void ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void utf8(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
